import type { ModelSpec } from '../scoring/model-spec';

/**
 * The notebook as data: what a notebook file holds and the app edits. No DOM, no DuckDB.
 * The file format (format/) reads and writes it; the runtime (../runtime) runs its cells.
 */

/** A cell's stable id, unique within a notebook (kept across edits, moves and saves). */
export type CellId = string & { readonly __brand: 'CellId' };

/** Makes a CellId from text (ids in files are validated by the reader). */
export function cellId(id: string): CellId {
  return id as CellId;
}

/** The kinds of cell. */
export type CellKind = 'markdown' | 'sql' | 'ts' | 'input';

interface CellCommon {
  readonly id: CellId;
  /** the cell's text as the user wrote it (for inputs: the YAML of its definition) */
  readonly source: string;
  /** shown folded in the app */
  readonly collapsed?: boolean;
}

/** Prose. Rendered as Markdown with no HTML or script let through. Defines nothing. */
export interface MarkdownCell extends CellCommon {
  readonly kind: 'markdown';
}

/**
 * A SQL query over the loaded tables and earlier cells. Its result becomes a DuckDB table named
 * after the cell, so later SQL cells query it by name and TypeScript cells see it as an Arrow
 * table. Inputs are referenced as `$name` and reach DuckDB as bound values.
 */
export interface SqlCell extends CellCommon {
  readonly kind: 'sql';
  readonly name: string;
}

/**
 * TypeScript: the body of an async function whose `return` is the cell's value. Other cells'
 * values are in scope by name; `sql` runs a query with bound parameters; `Plot` draws charts.
 */
export interface TsCell extends CellCommon {
  readonly kind: 'ts';
  readonly name: string;
}

/** A control whose value other cells read by its name. `source` is the YAML of an InputSpec. */
export interface InputCell extends CellCommon {
  readonly kind: 'input';
  readonly name: string;
}

export type Cell = MarkdownCell | SqlCell | TsCell | InputCell;

/** The cells that define a name. */
export type NamedCell = SqlCell | TsCell | InputCell;

export function isNamed(cell: Cell): cell is NamedCell {
  return cell.kind !== 'markdown';
}

/** The definition of an input cell (its source, parsed). */
export type InputSpec =
  | { readonly type: 'slider'; readonly label?: string; readonly min: number; readonly max: number; readonly step?: number; readonly value: number }
  | { readonly type: 'number'; readonly label?: string; readonly min?: number; readonly max?: number; readonly step?: number; readonly value: number }
  | { readonly type: 'select'; readonly label?: string; readonly options: readonly (string | number)[]; readonly value: string | number }
  | { readonly type: 'date'; readonly label?: string; readonly value: string }
  /** weights in percent that always sum to 100; cells see them as fractions summing to 1 */
  | { readonly type: 'weights'; readonly label?: string; readonly weights: Readonly<Record<string, number>>; readonly locked?: readonly string[] }
  /** the screening model: indicators and how each is normalised, where weights and quotas come from */
  | { readonly type: 'model'; readonly label?: string; readonly model: ModelSpec };

/** A value a control sets: a number, a text or date, or weights (name → percent). */
export type SettableValue = number | string | Readonly<Record<string, number>>;

/** The value an input gives the cells that read it (a model input gives its spec). */
export type InputValue = SettableValue | ModelSpec;

/** One loaded file the notebook's results depend on: its fingerprint and how it was read. */
export interface DataManifestEntry {
  /** the table it was loaded as */
  readonly table: string;
  readonly file: string;
  readonly size: number;
  readonly sha256: string;
  /** rows in the loaded table */
  readonly rows: number;
  readonly format: string;
  /** read options (encoding, delimiter, sheet...) */
  readonly options: Readonly<Record<string, string | number | boolean>>;
  /** the extract table it was recognised as, or null for a plain table */
  readonly recognisedAs: string | null;
  /** what each column of the file became: source header → target column, kind, unit */
  readonly columns: readonly { readonly source: string; readonly target: string; readonly kind: string; readonly unit?: number }[];
  readonly policy: string;
}

/** A fingerprint of one cell's result, to prove a replay reproduces it. */
export interface CellDigest {
  /** rows of a table result; 1 for a single value */
  readonly rows: number;
  /** SHA-256 (hex) of the result's canonical content, numbers rounded to 12 significant digits */
  readonly hash: string;
  /** per numeric column (or for a numeric value): sum, min and max, to say how much a value changed */
  readonly columns?: Readonly<Record<string, { readonly sum: number; readonly min: number; readonly max: number }>>;
}

/** Where the saved results were computed. */
export interface Environment {
  readonly app: string;
  readonly duckdb: string;
}

/** Named sets of input values (champion, challenger...): input name → value. */
export type ParameterSets = Readonly<Record<string, Readonly<Record<string, SettableValue>>>>;

/** Everything a notebook file holds. */
export interface NotebookDocument {
  /** the file format's schema version */
  readonly version: number;
  readonly title: string;
  readonly cells: readonly Cell[];
  readonly parameterSets: ParameterSets;
  readonly data: readonly DataManifestEntry[];
  readonly environment: Environment | null;
  /** cell name → digest of its result when the notebook was saved */
  readonly digests: Readonly<Record<string, CellDigest>>;
}

/** The current version of the file format. */
export const FORMAT_VERSION = 1;
