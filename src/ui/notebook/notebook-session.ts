import type { Database } from '../../engine/database';
import { INDICATOR_CELLS, MATRIX_ID, matrixSql, parseCellHeader, withDependencies, type LibraryCell } from '../../notebook/cell-library';
import { cellId, isNamed, type Cell, type CellId, type CellKind, type DataManifestEntry, type Environment, type InputSpec, type NotebookDocument, type SettableValue } from '../../notebook/document';
import { inputSpecOf, notebookContentHash, readNotebook, withInputValue, writeNotebook, type FormatProblem } from '../../notebook/format';
import { Autosaver, type AutosaveStatus, type NotebookId, type NotebookOrigin, type NotebookStore, type VersionSummary } from '../../notebook/storage';
import type { CellVerdict, DataVerdict } from '../../notebook/verify';
import { replayAndCompare } from '../../replay/verify-run';
import type { CellError, TsSandbox } from '../../runtime/contracts';
import type { TsReferences } from '../../runtime/compile-cell';
import { NotebookRuntime } from '../../runtime/runtime';
import { inputValue } from '../../runtime/compile-cell';
import { newCell } from './new-cell';

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

/** What insertLibraryCells did, for the palette to say. */
export interface LibraryInsertResult {
  /** library cells added: the chosen ones and the library cells they read, in library order */
  readonly inserted: readonly LibraryCell[];
  /** chosen cells (or their dependencies) not added because a cell of the notebook has their name */
  readonly skipped: readonly LibraryCell[];
  /** an `as_of` date input was added (the library cells read `$as_of`) */
  readonly asOfAdded: boolean;
  /**
   * created: a new indicator_matrix cell; refreshed: its SQL regenerated for the cells now
   * present; unchanged: regenerating gave the same text; edited: the user changed it, so it was
   * left alone (it does not join the new cells).
   */
  readonly matrix: 'created' | 'refreshed' | 'unchanged' | 'edited';
}

/** Today in the user's time zone, as a date input writes it (YYYY-MM-DD). */
function localIsoDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/**
 * A library file's text as a cell holds it: without the file's final newline, as in the bundled
 * notebooks (the editor would otherwise show an empty last line).
 */
function cellText(sql: string): string {
  return sql.trimEnd();
}

/** The library cells present as SQL cells of that name, in library order: what the matrix joins. */
function libraryCellsIn(cells: readonly Cell[]): LibraryCell[] {
  const sqlNames = new Set(cells.flatMap((c) => (c.kind === 'sql' ? [c.name] : [])));
  return INDICATOR_CELLS.filter((cell) => sqlNames.has(cell.name));
}

/**
 * True when the matrix text is what matrixSql generates (trailing blank lines aside), for the
 * library cells present or for the ones its own header names (so a matrix whose joined cell was
 * deleted is still ours to refresh); anything else is a hand edit, which the palette must not
 * overwrite.
 */
function isGeneratedMatrix(source: string, present: readonly LibraryCell[]): boolean {
  const text = cellText(source);
  if (text === cellText(matrixSql(present))) return true;
  try {
    const needs = new Set(parseCellHeader(MATRIX_ID, source).needs);
    return text === cellText(matrixSql(INDICATOR_CELLS.filter((cell) => needs.has(cell.name))));
  } catch {
    return false;
  }
}

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

  private newAutosaver(id: NotebookId, savedText: string): Autosaver {
    const store = this.deps.store!;
    return new Autosaver({
      savedText,
      save: (text, reason) => store.save(id, this.document.title || 'notebook', text, { reason }),
      onStatus: (status) => {
        this.saveStatus = status;
        this.changed();
      },
    });
  }

  /** The cells the runtime runs: the document's, but a draft cell keeps the text it last ran with. */
  private committedCells(): Cell[] {
    return this.document.cells.map((c) => this.drafts.get(c.id) ?? c);
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

  /**
   * Inserts indicator library cells after `after` (null: at the end), as one edit: an `as_of`
   * date input (today) when no cell has that name, then the chosen cells and the library cells
   * they read, in library order, skipping any whose name is taken; then creates the
   * indicator_matrix cell after them, or regenerates it in place for every library cell now
   * present unless the user edited it by hand. Library cells come folded, as in the demo
   * notebook: their headers and SQL are long, their results are what the user looks at.
   */
  insertLibraryCells(chosen: readonly LibraryCell[], after: CellId | null): LibraryInsertResult {
    const cells = this.document.cells;
    const names = new Set(cells.flatMap((c) => (isNamed(c) ? [c.name] : [])));
    const ids = new Set(cells.map((c) => c.id as string));
    // A readable id (ind-size, as-of) as in the bundled notebooks, unless a cell has it already.
    const idFor = (name: string) => {
      const readable = name.replace(/_/g, '-');
      const id = ids.has(readable) ? this.newId() : readable;
      ids.add(id);
      return cellId(id);
    };
    const wanted = withDependencies(chosen);
    const skipped = wanted.filter((cell) => names.has(cell.name));
    const inserted = wanted.filter((cell) => !names.has(cell.name));
    const added: Cell[] = inserted.map((cell) => ({ id: idFor(cell.name), kind: 'sql', name: cell.name, source: cellText(cell.sql), collapsed: true }));
    const asOfAdded = !names.has('as_of');
    if (asOfAdded) added.unshift({ id: idFor('as_of'), kind: 'input', name: 'as_of', source: `type: date\nlabel: 分析日期 As-of date\nvalue: ${localIsoDate(new Date())}` });

    const at = after === null ? cells.length : cells.findIndex((c) => c.id === after) + 1;
    let next = [...cells.slice(0, at), ...added, ...cells.slice(at)];
    const sql = cellText(matrixSql(libraryCellsIn(next)));
    const existing = cells.find((c) => isNamed(c) && c.name === MATRIX_ID);
    let matrix: LibraryInsertResult['matrix'];
    if (!existing) {
      matrix = 'created';
      const end = at + added.length;
      next = [...next.slice(0, end), { id: idFor(MATRIX_ID), kind: 'sql', name: MATRIX_ID, source: sql, collapsed: true }, ...next.slice(end)];
    } else if (existing.kind !== 'sql' || !isGeneratedMatrix(existing.source, libraryCellsIn(cells))) {
      matrix = 'edited';
    } else if (existing.source === sql) {
      matrix = 'unchanged';
    } else {
      matrix = 'refreshed';
      this.drafts.delete(existing.id);
      next = next.map((c) => (c.id === existing.id ? { ...c, source: sql } : c));
    }
    if (added.length > 0 || matrix === 'created' || matrix === 'refreshed') this.edit({ ...this.document, cells: next });
    return { inserted, skipped, asOfAdded, matrix };
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
    if (stored) await this.open(stored.text, { origin: stored.origin === 'file' ? 'local' : stored.origin, id: this.id });
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

