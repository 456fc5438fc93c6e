import type { Database } from '../../engine/database';
import type { CellId, InputSpec } from '../../notebook/document';
import type { ModelSpec } from '../../scoring/model-spec';
import { Screen, screenParams, type ScreenParams } from '../../scoring/screen';
import type { NotebookSession } from '../notebook/notebook-session';
import { loadScreeningData } from './screening-data';

/** Where the screening stands: the notebook has no model, its matrix is not computed yet, or it is ready. */
export type ScreeningStatus =
  | { readonly kind: 'no-model' }
  | { readonly kind: 'waiting'; readonly matrix: string; readonly failed: boolean }
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ready'; readonly screen: Screen; readonly modelCell: CellId; readonly modelInput: string; readonly spec: ModelSpec };

/**
 * Follows the open notebook for the screening view: finds its model input (`type: model`), waits
 * for the matrix cell it names, reads the matrix once per run of that cell and fits the model on
 * it. Slider movements do not come through here: they reach `params()` as input values, and the
 * view re-weights the already built Screen in the same event.
 */
export class ScreeningSource extends EventTarget {
  status: ScreeningStatus = { kind: 'no-model' };
  private key = '';
  private loading = 0;

  constructor(
    readonly session: NotebookSession,
    private readonly db: Database,
  ) {
    super();
    session.addEventListener('change', () => this.refresh());
    this.refresh();
  }

  /** The model input cell and its spec, if the notebook has one. */
  private model(): { id: CellId; name: string; spec: ModelSpec } | null {
    for (const cell of this.session.document.cells) {
      if (cell.kind !== 'input') continue;
      const spec: InputSpec | undefined = this.session.runtime.compiled(cell.id)?.input?.spec;
      if (spec?.type === 'model') return { id: cell.id, name: cell.name, spec: spec.model };
    }
    return null;
  }

  /** The current tunable numbers (weights, quotas or cut-offs, override), or why they are missing. */
  params(): ScreenParams | string {
    if (this.status.kind !== 'ready') return 'not ready';
    return screenParams(this.status.spec, this.session.runtime.inputValues());
  }

  private set(status: ScreeningStatus): void {
    this.status = status;
    this.dispatchEvent(new Event('change'));
  }

  /** Re-reads the matrix when its cell ran again or the model's indicators changed. */
  refresh(): void {
    const model = this.model();
    if (!model) {
      if (this.status.kind !== 'no-model') this.set({ kind: 'no-model' });
      this.key = '';
      return;
    }
    const matrix = this.session.document.cells.find((c) => c.kind === 'sql' && c.name === model.spec.matrix);
    const state = matrix ? this.session.runtime.state(matrix.id) : undefined;
    if (!matrix || !state || state.status !== 'done' || state.display?.kind !== 'relation') {
      const failed = !matrix || state?.status === 'error';
      if (this.status.kind !== 'waiting' || this.status.failed !== failed) this.set({ kind: 'waiting', matrix: model.spec.matrix, failed });
      this.key = '';
      return;
    }
    const display = state.display;
    const key = JSON.stringify([matrix.id, state.version, display.table, model.spec.indicators, model.spec.overrides, model.spec.fitted ?? null]);
    if (key === this.key) {
      // only an input moved: the view re-weights; tell it when the spec's other parts changed
      if (this.status.kind === 'ready' && this.status.spec !== model.spec) this.status = { ...this.status, spec: model.spec };
      return;
    }
    this.key = key;
    const ticket = ++this.loading;
    this.set({ kind: 'loading' });
    void loadScreeningData(this.db, model.spec.matrix).then(
      (data) => {
        if (ticket !== this.loading) return;
        try {
          const screen = new Screen(data, model.spec, model.spec.fitted);
          this.set({ kind: 'ready', screen, modelCell: model.id, modelInput: model.name, spec: model.spec });
        } catch (error) {
          this.set({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
        }
      },
      (error: unknown) => {
        if (ticket === this.loading) this.set({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }
}
