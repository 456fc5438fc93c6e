/**
 * What a correct loader may do with a mutated file: the oracle's input. Each mutation says how
 * far its effect can reach, and the oracle (oracle.ts) holds the loader to that.
 *
 * - `same`: the file still holds the source exactly (a BOM, other line endings, UTF-16, a mixed
 *   encoding the loader decodes line by line, a duplicated or deleted column): it must load, with
 *   every row equal to its source row and no error issue.
 * - `refused`: the file holds no readable row (empty, header only, a cut Parquet file): it must be
 *   refused with a LoadError, or at most load an empty table (a header and a line of spaces).
 * - `local`: the bytes of a few rows changed (a byte flipped, inserted or deleted, a stray quote, a
 *   truncation, a huge field). A changed row may load with changed values only in the columns
 *   its changed bytes lie in, unless an issue names its row; every other row must load equal to
 *   its source or be explained by an error issue at or before its line (a quote that swallows the
 *   rest of the file). Issues about rows may only name the changed rows' lines.
 * - `whole-file`: the change can reach anywhere (a flipped byte inside a ZIP's compressed data, a
 *   file declared in the wrong encoding): every loaded row that differs from every source row
 *   needs its own issue naming a row, and rows may only go missing with an error issue.
 * - `unchecked`: values are not checked, only that the load ends, ends cleanly and names the file
 *   (a byte flipped inside a Parquet data page: Parquet's page checksums are optional and not
 *   written, so no reader can tell a flipped value).
 */
import type { SourceTable } from './source-extracts';

export interface LocalExpectation {
  readonly mode: 'local';
  /** source row index → the canonical columns its changed bytes lie in */
  readonly touched: ReadonlyMap<number, ReadonlySet<string>>;
  /** source rows no longer in the file (cut off by a truncation) */
  readonly absent: ReadonlySet<number>;
  /** the line (sheet row) span of each source row in the mutated file, [first, last] */
  readonly span: (row: number) => readonly [number, number];
  /** the header changed: only columns still recognised by name are compared */
  readonly headerTouched: boolean;
  /** columns not compared (a header renamed to another column's name) */
  readonly excluded?: ReadonlySet<string>;
}

export type Expectation =
  | { readonly mode: 'same'; readonly excluded?: ReadonlySet<string> }
  | { readonly mode: 'refused' }
  | LocalExpectation
  | { readonly mode: 'whole-file' }
  | { readonly mode: 'unchecked' };

/** One fuzzed file: what was done to which source, and what a correct loader may make of it. */
export interface FuzzCase {
  /** the mutation kind (counted in the summary) */
  readonly kind: string;
  /** exactly what was changed (offsets, bytes), printed with a failure */
  readonly detail: string;
  /** the file name the loader is given */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly source: SourceTable;
  readonly expect: Expectation;
}
