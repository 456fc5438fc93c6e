import type { CellDigest, CellId } from '../notebook/document';

/**
 * What the runtime's pieces agree on: how a cell's result is shown, how errors point into a
 * cell's text, and how TypeScript cells are run in a sandbox. No DOM, no DuckDB here.
 */

/** A problem in a cell, pointing into its text where it can (1-based line and column). */
export interface CellError {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** One mark of a chart spec: a Plot mark function's name and its (plain-data) arguments. */
export interface PlotMarkSpec {
  /** Plot's mark function, e.g. 'barY', 'rectY', 'dot', 'ruleX', 'cell', 'text', 'line' */
  readonly mark: string;
  /** the mark's data: rows as objects, or an Arrow table as IPC bytes, or null for marks without data */
  readonly data: readonly Record<string, unknown>[] | { readonly ipc: Uint8Array } | readonly unknown[] | null;
  /** the mark's options: plain data only (channel names, constants); no functions */
  readonly options: Readonly<Record<string, unknown>>;
}

/** A chart a TypeScript cell returned, as data: replayed into Observable Plot on the page. */
export interface PlotSpec {
  readonly marks: readonly PlotMarkSpec[];
  /** Plot.plot's top-level options (width, height, x, y, color...), plain data only */
  readonly options: Readonly<Record<string, unknown>>;
}

/** How a cell's result is shown. */
export type Display =
  | { readonly kind: 'none' }
  /** a number, string, date, object...: its text (JSON for objects), and the type's name */
  | { readonly kind: 'value'; readonly text: string; readonly type: string }
  /** a table held in DuckDB (SQL cells): the grid pages through it */
  | { readonly kind: 'relation'; readonly table: string; readonly rows: number; readonly columns: readonly { name: string; type: string }[] }
  /** a table computed in a TypeScript cell, as Arrow IPC */
  | { readonly kind: 'table'; readonly ipc: Uint8Array; readonly rows: number }
  | { readonly kind: 'plot'; readonly spec: PlotSpec };

/** What a TypeScript cell needs from another cell, as the sandbox receives it. */
export type SandboxInput =
  /** a value that travels as it is (numbers, strings, input values, small objects) */
  | { readonly kind: 'value'; readonly value: unknown }
  /**
   * a SQL cell's (or loaded) table in DuckDB, at a version: the sandbox fetches it once as Arrow.
   * `table` is its name; a SQL cell's temporary table is found first by that name (cells may not
   * take a loaded table's name)
   */
  | { readonly kind: 'table'; readonly table: string; readonly version: number }
  /** another TypeScript cell's value, which stays in the sandbox where it was computed */
  | { readonly kind: 'cell'; readonly name: string; readonly version: number };

/** One run of a TypeScript cell. */
export interface TsRunRequest {
  readonly cell: CellId;
  /** the cell's name: its value is kept in the sandbox under it */
  readonly name: string;
  /** the version of this run (a later version of the same cell supersedes it) */
  readonly version: number;
  /** the cell's TypeScript source (the sandbox compiles it) */
  readonly source: string;
  /** every name the cell references that another cell defines */
  readonly inputs: Readonly<Record<string, SandboxInput>>;
}

/** What a TypeScript cell run gives back to the page. */
export type TsRunResult =
  | {
      readonly ok: true;
      readonly display: Display;
      readonly digest: CellDigest;
      /** when the value is a table: its Arrow IPC, so SQL cells can query it */
      readonly tableIpc?: Uint8Array;
      readonly ms: number;
    }
  | { readonly ok: false; readonly error: CellError; readonly ms: number };

/**
 * Runs TypeScript cells away from the page (a Web Worker in the browser) so that a runaway cell
 * cannot freeze it. Values of TypeScript cells stay inside; only displays come out.
 */
export interface TsSandbox {
  run(request: TsRunRequest, signal?: AbortSignal): Promise<TsRunResult>;
  /**
   * The TypeScript cells that may run next (all of a notebook's, when it opens or a cell changes).
   * Optional to call, but a worker sandbox can only take code when it starts (the CSP forbids
   * making code from strings): without this, each new cell's first run starts a new worker.
   */
  prepare?(cells: readonly { readonly cell: CellId; readonly source: string }[]): void;
  /** Drops a cell's value (the cell changed, was renamed or deleted). */
  forget(name: string): void;
  /** Stops whatever is running (a runaway cell) and starts afresh; every kept value is lost. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** How the sandbox reaches DuckDB: a query with bound parameters, answered as Arrow IPC. */
export type SandboxQuery = (sql: string, params: readonly (string | number | boolean | null)[], signal?: AbortSignal) => Promise<Uint8Array>;
