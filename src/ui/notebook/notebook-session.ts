import type { Database } from '../../engine/database';
import type { LibraryCell } from '../../notebook/cell-library';
import { planLibraryInsert, type LibraryInsertResult } from '../../notebook/library-insert';
import { isNamed, type Cell, type CellId, type CellKind, type DataManifestEntry, type Environment, type InputSpec, type NotebookDocument, type SettableValue } from '../../notebook/document';
import { inputSpecOf, notebookContentHash, readNotebook, withInputValue, writeNotebook, type FormatProblem } from '../../notebook/format';
import { Autosaver, type AutosaveStatus, type NotebookId, type NotebookOrigin, type NotebookStore, type VersionSummary } from '../../notebook/storage';
import type { CellVerdict, DataVerdict } from '../../notebook/verify';
import { replayAndCompare } from '../../replay/verify-run';
import type { CellError, TsSandbox } from '../../runtime/contracts';
import type { TsReferences } from '../../runtime/compile-cell';
import { NotebookRuntime } from '../../runtime/runtime';
import { inputValue } from '../../runtime/compile-cell';
import { newCell } from './new-cell';
import { UNKNOWN_HEALTH, type StorageHealth } from './storage-health';

/** What a replay found: the data files against the manifest, and each cell against its digest. */
export interface ReplayReport {
  readonly data: readonly DataVerdict[];
  readonly cells: readonly CellVerdict[];
  readonly ms: number;
}

export interface SessionDeps {
  readonly db: Database;
  readonly sandbox: TsSandbox;
  readonly compileTs: TsReferences;
  /** null when the browser gives no IndexedDB (the notebook still works; it is not kept) */
  readonly store: NotebookStore | null;
  readonly dataTables: () => ReadonlySet<string>;
  readonly dataManifest: () => readonly DataManifestEntry[];
  readonly environment: () => Environment;
}

const inputError = (problem: FormatProblem): CellError => ({ message: problem.message, line: problem.line });

/**
 * One open notebook: its document, its runtime, its saving. The UI edits through it; it keeps
 * the runtime's cells and the stored text in step. A notebook from elsewhere opens in review
 * mode: nothing runs until the user chooses to run it (or has run this very content before).
 */
export class NotebookSession extends EventTarget {
  document: NotebookDocument = { version: 1, title: '', cells: [], parameterSets: {}, data: [], environment: null, digests: {} };
  id: NotebookId | null = null;
  origin: NotebookOrigin = 'local';
  fileName: string | null = null;
  review = false;
  problems: readonly FormatProblem[] = [];
  saveStatus: AutosaveStatus | null = null;
  /** the browser's storage as a whole (persistence, a store that could not open): set by the host */
  storage: StorageHealth = UNKNOWN_HEALTH;
  replay: ReplayReport | 'running' | null = null;
  readonly runtime: NotebookRuntime;
  /**
   * Code cells edited but not run yet (SQL, TypeScript): the runtime keeps their last run text
   * until Shift+Enter, so half-typed code never runs (a `while (true) {` typed on the way to a
   * loop with an exit would otherwise start at once).
   */
  readonly drafts = new Map<CellId, Cell>();
  private autosaver: Autosaver | null = null;
  /** parsed input definitions, per cell object (a cell edit makes a new object) */
  private readonly specs = new WeakMap<Cell, InputSpec | null>();
  private counter = 0;

  constructor(private readonly deps: SessionDeps) {
    super();
    this.runtime = new NotebookRuntime({
      db: deps.db,
      sandbox: deps.sandbox,
      compileTs: deps.compileTs,
      parseInput: (cell) => {
        const parsed = inputSpecOf(cell);
        return 'error' in parsed ? { error: inputError(parsed.error) } : parsed;
      },
      dataTables: deps.dataTables,
    });
    this.runtime.addEventListener('change', () => this.changed());
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** The host learned something about the browser's storage; the toolbar shows it. */
  setStorageHealth(health: StorageHealth): void {
    this.storage = health;
    this.changed();
  }

  /**
   * Opens a notebook's text. `file` (uploaded) runs only if this content was run before; a
   * stored or bundled notebook runs at once. Without an id, a new stored notebook is created.
   */
  async open(text: string, options: { origin: NotebookOrigin; id?: NotebookId; fileName?: string }): Promise<void> {
    const { document, problems } = readNotebook(text);
    this.autosaver?.dispose();
    this.document = document;
    this.problems = problems;
    this.origin = options.origin;
    this.fileName = options.fileName ?? null;
    this.replay = null;
    this.review = options.origin === 'file' && !(await this.deps.store?.isTrusted(await notebookContentHash(document)));
    this.runtime.clear();
    this.drafts.clear();
    this.runtime.autoRun = !this.review;
    this.id = options.id ?? null;
    const stored = writeNotebook(document);
    if (!this.id && this.deps.store) {
      this.id = (await this.deps.store.create(document.title || 'notebook', stored, { origin: options.origin })).id;
    }
    this.autosaver = this.id && this.deps.store ? this.newAutosaver(this.id, stored) : null;
    this.runtime.setCells(document.cells);
    this.changed();
  }

  /**
   * Opens a stored notebook. One first opened from a file keeps that origin, so it opens in review
   * again (after a reload, say) unless this browser has run its content: storing a file must not
   * be a way to have it run without being asked.
   */
  async openStored(stored: { readonly text: string; readonly origin: NotebookOrigin; readonly id: NotebookId }): Promise<void> {
    await this.open(stored.text, { origin: stored.origin, id: stored.id });
  }

  private newAutosaver(id: NotebookId, savedText: string): Autosaver {
    const store = this.deps.store!;
    return new Autosaver({
      savedText,
      save: async (text, reason) => {
        await store.save(id, this.document.title || 'notebook', text, { reason });
        // the user's own edits to a file they chose to run stay runnable when it is reopened
        if (this.origin === 'file' && !this.review) await store.markTrusted(await notebookContentHash(this.document));
      },
      onStatus: (status) => {
        this.saveStatus = status;
        this.changed();
      },
    });
  }

  /**
   * The cells the runtime runs: the document's, but a draft cell keeps the text it last ran with
   * (only the text: a rename applies at once, so the cell runs that text under its new name).
   */
  private committedCells(): Cell[] {
    return this.document.cells.map((c) => {
      const draft = this.drafts.get(c.id);
      return draft ? { ...c, source: draft.source } : c;
    });
  }

  /** Replaces the document after an edit; the runtime re-runs what changed; autosave follows. */
  private edit(next: NotebookDocument, cellsChanged = true): void {
    this.document = next;
    if (cellsChanged) this.runtime.setCells(this.committedCells());
    this.autosaver?.schedule(writeNotebook(next));
    this.changed();
  }

  private mapCells(fn: (cells: readonly Cell[]) => Cell[]): void {
    this.edit({ ...this.document, cells: fn(this.document.cells) });
  }

  /** An edit: prose and input definitions apply at once; SQL and TypeScript wait for a run. */
  editCell(id: CellId, source: string): void {
    const cell = this.document.cells.find((c) => c.id === id);
    if (!cell) return;
    if ((cell.kind === 'sql' || cell.kind === 'ts') && !this.drafts.has(id)) {
      const ran = this.runtime.compiled(id);
      this.drafts.set(id, ran ? { ...cell, source: ran.source } : cell);
    }
    this.mapCells((cells) => cells.map((c) => (c.id === id ? { ...c, source } : c)));
  }

  /** True when a cell's text differs from what last ran. */
  isDraft(id: CellId): boolean {
    const draft = this.drafts.get(id);
    const cell = this.document.cells.find((c) => c.id === id);
    return draft !== undefined && cell !== undefined && draft.source !== cell.source;
  }

  /** Runs a cell with its current text (Shift+Enter, the run button), then what reads it. */
  async runCell(id: CellId): Promise<void> {
    const wasDraft = this.drafts.delete(id);
    if (wasDraft) this.runtime.setCells(this.committedCells());
    if (!wasDraft || this.runtime.state(id)?.status !== 'stale') await this.runtime.rerun(id);
    this.changed();
  }

  /** Commits every draft (before saving, so the saved digests are of the saved text). */
  private async commitDrafts(): Promise<void> {
    if (this.drafts.size === 0) return;
    this.drafts.clear();
    this.runtime.setCells(this.committedCells());
    await this.runtime.idle();
  }

  renameCell(id: CellId, name: string): void {
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) return;
    this.mapCells((cells) => cells.map((c) => (c.id === id && isNamed(c) ? { ...c, name } : c)));
  }

  setTitle(title: string): void {
    this.edit({ ...this.document, title }, false);
  }

  private newId(): string {
    return `c${Date.now().toString(36)}${(this.counter++).toString(36)}`;
  }

  addCell(kind: CellKind, after: CellId | null): CellId {
    const cell = newCell(kind, this.document.cells, () => this.newId());
    this.mapCells((cells) => {
      const at = after === null ? cells.length : cells.findIndex((c) => c.id === after) + 1;
      return [...cells.slice(0, at), cell, ...cells.slice(at)];
    });
    return cell.id;
  }

  /** Inserts indicator library cells as one edit (see planLibraryInsert); what it did, for the palette to say. */
  insertLibraryCells(chosen: readonly LibraryCell[], after: CellId | null): LibraryInsertResult {
    const plan = planLibraryInsert(this.document.cells, chosen, after, () => this.newId(), new Date());
    if (plan.cells) {
      if (plan.refreshed) this.drafts.delete(plan.refreshed);
      this.edit({ ...this.document, cells: plan.cells });
    }
    return plan.result;
  }

  deleteCell(id: CellId): void {
    this.drafts.delete(id);
    this.mapCells((cells) => cells.filter((c) => c.id !== id));
  }

  moveCell(id: CellId, delta: number): void {
    this.mapCells((cells) => {
      const i = cells.findIndex((c) => c.id === id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= cells.length) return [...cells];
      const next = [...cells];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
  }

  toggleCollapsed(id: CellId): void {
    this.edit({ ...this.document, cells: this.document.cells.map((c) => (c.id === id ? { ...c, collapsed: !c.collapsed } : c)) }, false);
  }

  /**
   * An input moved (`value` as its definition writes it: weights in percent): the runtime re-runs
   * what reads it at once, with the value cells see; the definition in the document takes the
   * new value (so it is saved), without recompiling every cell on each tick.
   */
  setInput(name: string, value: SettableValue): void {
    const cell = this.document.cells.find((c) => c.kind === 'input' && c.name === name);
    if (!cell || cell.kind !== 'input') return;
    const spec = this.runtime.compiled(cell.id)?.input?.spec;
    const seen = spec?.type === 'weights' && typeof value === 'object' ? inputValue({ ...spec, weights: value }) : value;
    this.runtime.setInput(name, seen);
    const cells = this.document.cells.map((c) => (c.id === cell.id && c.kind === 'input' ? withInputValue(c, value) : c));
    this.edit({ ...this.document, cells }, false);
  }

  /**
   * An input's definition as the document holds it now (after slider moves and parameter sets,
   * which the compiled cell does not follow), or undefined when it is not a valid input. The same
   * object while the cell is unchanged, so controls are not reset on every render.
   */
  inputSpec(id: CellId): InputSpec | undefined {
    const cell = this.document.cells.find((c) => c.id === id);
    if (!cell || cell.kind !== 'input') return undefined;
    let spec = this.specs.get(cell);
    if (spec === undefined) {
      const parsed = inputSpecOf(cell);
      spec = 'error' in parsed ? null : parsed.spec;
      this.specs.set(cell, spec);
    }
    return spec ?? undefined;
  }

  /**
   * Saves (or replaces) a named parameter set — a scenario: input name → value as its definition
   * writes it (weights in percent). Saved in the notebook, so a reviewer can replay it.
   */
  saveParameterSet(name: string, values: Readonly<Record<string, SettableValue>>): void {
    this.edit({ ...this.document, parameterSets: { ...this.document.parameterSets, [name]: { ...values } } }, false);
  }

  /** Applies a named parameter set: every input it names takes its value. */
  applyParameterSet(name: string): void {
    for (const [input, value] of Object.entries(this.document.parameterSets[name] ?? {})) this.setInput(input, value);
  }

  /** Runs everything (review mode: the user chose to); remembers the content as trusted. */
  async runAll(): Promise<void> {
    if (this.review) {
      this.review = false;
      await this.deps.store?.markTrusted(await notebookContentHash(this.document));
      this.changed();
    }
    await this.runtime.runAll();
  }

  /** The notebook as a file: cells, parameters, the data manifest, the environment and fresh digests. */
  async fileText(): Promise<string> {
    await this.commitDrafts();
    const digests = await this.runtime.digests();
    this.document = { ...this.document, digests, data: [...this.deps.dataManifest()], environment: this.deps.environment() };
    return writeNotebook(this.document);
  }

  /** Saves now, with fresh digests (Ctrl+S). */
  async save(): Promise<void> {
    const text = await this.fileText();
    this.autosaver?.schedule(text);
    await this.autosaver?.flush('manual');
  }

  /** Writes what an unload may lose (pagehide, tab hidden). */
  flush(): void {
    void this.autosaver?.flush('autosave');
  }

  async versions(): Promise<VersionSummary[]> {
    return this.id && this.deps.store ? this.deps.store.versions(this.id) : [];
  }

  async restore(versionId: number): Promise<void> {
    if (!this.id || !this.deps.store) return;
    await this.deps.store.restore(this.id, versionId);
    const stored = await this.deps.store.get(this.id);
    if (stored) await this.openStored(stored);
  }

  /**
   * Replay and verify: checks the loaded files against the manifest, re-runs every cell on the
   * loaded data, recomputes every digest and compares it with the saved one.
   */
  async replayAndVerify(): Promise<ReplayReport> {
    const started = performance.now();
    this.replay = 'running';
    this.changed();
    this.review = false;
    this.runtime.autoRun = true;
    this.drafts.clear();
    const verdicts = await replayAndCompare(this.runtime, this.document, this.committedCells(), this.deps.dataManifest());
    const report = { ...verdicts, ms: performance.now() - started };
    this.replay = report;
    this.changed();
    return report;
  }

  close(): void {
    this.flush();
    this.autosaver?.dispose();
  }
}

