import type { Database } from '../../engine/database';
import { quoteIdent } from '../../engine/database';
import type { CellDigest } from '../../notebook/document';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL|REAL)/;
const FLOATING = /^(FLOAT|DOUBLE|DECIMAL|REAL)/;
const TIME_ZONED = /^(TIMESTAMP WITH TIME ZONE|TIMESTAMPTZ)$/;

/**
 * A TIMESTAMPTZ as text in UTC, whatever the session's time zone: native DuckDB (with ICU)
 * writes it in the machine's zone (`2024-01-01 08:00:00+08` in Shanghai), DuckDB-WASM (no ICU)
 * in UTC (`2024-01-01 00:00:00+00`), so the plain cast would make a digest depend on the engine
 * and on where it runs. Through epoch microseconds both write WASM's text, so digests saved in
 * the browser keep their value (±infinity, which has no epoch, is written as it is).
 */
const utcText = (x: string) => `CASE WHEN isfinite(${x}) THEN CAST(make_timestamp(epoch_us(${x})) AS VARCHAR) || '+00' ELSE CAST(${x} AS VARCHAR) END`;

/**
 * The digest of a table, computed in DuckDB: row count; SHA-256 of the sorted SHA-256s of each
 * row's canonical text (so row order does not matter, and a query without ORDER BY digests the
 * same every run); and sum, min and max of each numeric column, to say how much a changed
 * value moved. Floating values are written with 12 significant digits (and -0 as 0), so the
 * last-bit noise of a parallel sum does not count as a change.
 */
export async function tableDigest(db: Database, tableSql: string, columns: readonly { name: string; type: string }[]): Promise<CellDigest> {
  const canonical = columns.map((c) => {
    const x = quoteIdent(c.name);
    const text = FLOATING.test(c.type) ? `printf('%.12g', CAST(${x} AS DOUBLE) + 0.0)` : TIME_ZONED.test(c.type) ? utcText(x) : `CAST(${x} AS VARCHAR)`;
    return `coalesce(${text}, '\u2205')`;
  });
  const numeric = columns.filter((c) => NUMERIC.test(c.type));
  const stats = numeric.map((c, i) => {
    const x = `CAST(${quoteIdent(c.name)} AS DOUBLE)`;
    return `sum(${x}) AS s${i}, min(${x}) AS lo${i}, max(${x}) AS hi${i}`;
  });
  const rowHash = canonical.length ? `sha256(concat_ws(chr(31), ${canonical.join(', ')}))` : `''`;
  const result = await db.query(
    `SELECT count(*) AS n, sha256(coalesce(string_agg(h, '' ORDER BY h), '')) AS hash ${stats.length ? ', ' + stats.join(', ') : ''}
     FROM (SELECT ${rowHash} AS h${numeric.length ? ', ' + numeric.map((c) => quoteIdent(c.name)).join(', ') : ''} FROM ${tableSql})`,
  );
  const round = (v: unknown) => (v === null || v === undefined ? 0 : Number(Number(v).toPrecision(12)));
  const summary: Record<string, { sum: number; min: number; max: number }> = {};
  numeric.forEach((c, i) => {
    summary[c.name] = { sum: round(result.getChild(`s${i}`)!.get(0)), min: round(result.getChild(`lo${i}`)!.get(0)), max: round(result.getChild(`hi${i}`)!.get(0)) };
  });
  return {
    rows: Number(result.getChild('n')!.get(0)),
    hash: String(result.getChild('hash')!.get(0)),
    ...(numeric.length ? { columns: summary } : {}),
  };
}
