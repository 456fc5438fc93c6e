import { quoteIdent, quoteLiteral } from '../engine/database';
import { MISSING_TOKENS, parsedStruct } from './clean-macros';
import type { ColumnMapping } from './mapping';
import type { ColumnSpec } from './schema';
import type { StagedColumn } from './staging';

/**
 * How each staged column becomes a typed value: the SQL of the fast path for plain values, the
 * normalisation and the rule (clean-macros.ts) for the rest, and the direct casts of typed
 * (Parquet) columns. clean.ts assembles these into the cleaning queries.
 */

export const DATE_TYPE = /^(DATE|TIMESTAMP)/;
export const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

/**
 * How one staged column is parsed: `text` normalises the raw value (SQL over the staged column),
 * `parse` turns the normalised text (a column reference) into the struct {v, e, n}. Normalising in
 * a subquery first keeps the macro expansion small: DuckDB binds a 20-column file in milliseconds.
 *
 * `fast`, when present, recognises the values that need no rule at all (a plain 1234.5, an ISO
 * date, an ID without spaces) with cheap string functions and no regular expression; only the
 * other values are normalised and parsed. Its test is conservative: a value it lets through is
 * read exactly as the full rules would read it, anything unusual takes the full path.
 */
export interface ParseSteps {
  readonly text: string;
  readonly parse: (t: string) => string;
  readonly fast?: { readonly when: string; readonly value: string };
}

const MISSING_LIST = MISSING_TOKENS.map(quoteLiteral).join(', ');
const SCIENTIFIC = String.raw`[+-]?\d+(?:\.\d+)?[eE][+-]?\d+`;
const TRIMMED = String.raw`(?s)[^\s\x{3000}\x{00A0}\x{FEFF}#](?:.*[^\s\x{3000}\x{00A0}\x{FEFF}])?`;

/**
 * The fast test and value for a VARCHAR column read as `kind`. Measured on 1M rows in
 * DuckDB-WASM, each test costs ~0.1–0.7 s where the full rules cost 5–30 s; casts alone are not
 * enough (TRY_CAST reads '1_000', 'inf', '0x10' and '.5' as numbers), hence the guards.
 */
function fastPath(kind: ColumnMapping['kind'], x: string, unit: number): ParseSteps['fast'] {
  switch (kind) {
    case 'amount':
    case 'number':
    case 'rate':
      return {
        when: `TRY_CAST(${x} AS DOUBLE) IS NOT NULL AND NOT regexp_matches(${x}, '[_eEnNiIxX]')`,
        value: unit === 1 ? `TRY_CAST(${x} AS DOUBLE)` : `TRY_CAST(${x} AS DOUBLE) * ${unit}`,
      };
    case 'integer':
      return { when: `regexp_full_match(${x}, '-?\\d{1,9}') AND TRY_CAST(${x} AS INTEGER) IS NOT NULL`, value: `TRY_CAST(${x} AS INTEGER)` };
    case 'date':
      return { when: `regexp_full_match(${x}, '\\d{4}-\\d{2}-\\d{2}') AND TRY_CAST(${x} AS DATE) IS NOT NULL`, value: `TRY_CAST(${x} AS DATE)` };
    case 'flag':
      return { when: `${x} IN ('0', '1')`, value: `CAST(${x} AS INTEGER)` };
    case 'id':
      return {
        when: `regexp_full_match(${x}, '[0-9A-Za-z_/-]{1,64}') AND NOT regexp_full_match(${x}, '${SCIENTIFIC}') AND upper(${x}) NOT IN (${MISSING_LIST})`,
        value: x,
      };
    case 'text':
    case 'category':
      return { when: `regexp_full_match(${x}, '${TRIMMED}') AND upper(${x}) NOT IN (${MISSING_LIST})`, value: x };
  }
}

/** The parse steps for one staged column under its mapping. */
export function parseSteps(mapping: ColumnMapping, column: StagedColumn, spec?: ColumnSpec): ParseSteps {
  const ref = quoteIdent(column.name);
  if (DATE_TYPE.test(column.type) && mapping.kind === 'date') return { text: `CAST(${ref} AS DATE)`, parse: (t) => parsedStruct(t) };
  // typed numbers (Parquet) need no text rules when they are read as numbers: a number is a number
  if (NUMERIC_TYPE.test(column.type)) {
    const unit = mapping.kind === 'amount' ? mapping.unit : 1;
    if (mapping.kind === 'amount' || mapping.kind === 'number' || mapping.kind === 'rate') {
      return { text: `CAST(${ref} AS DOUBLE)`, parse: (t) => parsedStruct(unit === 1 ? t : `${t} * ${unit}`) };
    }
    if (mapping.kind === 'integer') {
      return {
        text: `CAST(${ref} AS DOUBLE)`,
        parse: (t) => parsedStruct(`CASE WHEN ${t} = trunc(${t}) THEN TRY_CAST(${t} AS INTEGER) END`, `CASE WHEN ${t} <> trunc(${t}) OR TRY_CAST(${t} AS INTEGER) IS NULL AND ${t} IS NOT NULL THEN 'not-an-integer' END`),
      };
    }
  }
  // typed values (Parquet) go through the same text rules: CAST keeps every digit DuckDB has
  const x = column.type === 'VARCHAR' ? ref : `CAST(${ref} AS VARCHAR)`;
  const fast = column.type === 'VARCHAR' ? fastPath(mapping.kind, ref, mapping.kind === 'amount' ? mapping.unit : 1) : undefined;
  return { ...textSteps(mapping, x, spec), ...(fast ? { fast } : {}) };
}

function textSteps(mapping: ColumnMapping, x: string, spec?: ColumnSpec): ParseSteps {
  switch (mapping.kind) {
    case 'amount': return { text: `tb_numtext(${x})`, parse: (t) => `tb_parse_amount_t(${t}, ${mapping.unit})` };
    case 'number': return { text: `tb_numtext(${x})`, parse: (t) => `tb_parse_amount_t(${t}, 1)` };
    case 'rate': return { text: `tb_numtext(${x})`, parse: (t) => `tb_parse_rate_t(${t})` };
    case 'integer': return { text: `tb_numtext(${x})`, parse: (t) => `tb_parse_integer_t(${t})` };
    case 'date': return { text: `tb_half(tb_trim(${x}))`, parse: (t) => `tb_parse_date_t(${t}, ${spec?.monthEnd ? 'true' : 'false'})` };
    case 'flag': return { text: `tb_half(tb_trim(${x}))`, parse: (t) => `tb_parse_flag_t(${t})` };
    case 'id': return { text: `tb_half(tb_trim(${x}))`, parse: (t) => `tb_parse_id_t(${t})` };
    case 'text':
    case 'category': return { text: `tb_trim(${x})`, parse: (t) => `tb_parse_text_t(${t})` };
  }
}

/** A typed value that needs no text rule to become `kind`, or null when it does. */
export function directCast(kind: ColumnMapping['kind'], unit: number, column: StagedColumn): string | null {
  const ref = quoteIdent(column.name);
  if (column.type === 'VARCHAR' && (kind === 'id' || kind === 'text' || kind === 'category')) return ref;
  if (DATE_TYPE.test(column.type) && kind === 'date') return `CAST(${ref} AS DATE)`;
  if (!NUMERIC_TYPE.test(column.type)) return null;
  if (kind === 'amount') return unit === 1 ? `CAST(${ref} AS DOUBLE)` : `CAST(${ref} AS DOUBLE) * ${unit}`;
  if (kind === 'number' || kind === 'rate') return `CAST(${ref} AS DOUBLE)`;
  if (kind === 'integer' || kind === 'flag') return `CAST(${ref} AS INTEGER)`;
  return null;
}

