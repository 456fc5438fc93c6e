import { PostgreSQL, SQLDialect } from '@codemirror/lang-sql';

/** DuckDB's words beyond PostgreSQL's: its own clauses and statements. */
const DUCKDB_KEYWORDS =
  'qualify pivot unpivot pivot_wider pivot_longer asof positional anti semi summarize describe exclude replace ' +
  'columns sample using macro install load attach detach pragma export import glob ilike try_cast lambda ' +
  'union_by_name by_name struct_pack list_value';

/** DuckDB's type names beyond PostgreSQL's. */
const DUCKDB_TYPES =
  'tinyint utinyint usmallint uinteger ubigint hugeint uhugeint varint blob varchar string struct map union list ' +
  'timestamp_s timestamp_ms timestamp_ns timestamptz';

/** Functions people reach for in credit analysis, highlighted and completed as built-ins. */
const DUCKDB_BUILTINS =
  'read_csv read_parquet read_json strftime strptime date_trunc date_diff date_part date_add datediff age ' +
  'make_date current_date epoch coalesce ifnull nullif greatest least round floor ceil abs ln log exp sqrt ' +
  'count count_if sum avg min max median mode quantile_cont quantile_disc stddev stddev_pop stddev_samp ' +
  'var_pop var_samp corr arg_max arg_min first last any_value string_agg list array_agg histogram ' +
  'approx_count_distinct bool_and bool_or row_number rank dense_rank percent_rank cume_dist ntile lag lead ' +
  'first_value last_value nth_value lower upper trim length substring regexp_matches regexp_replace ' +
  'regexp_extract concat concat_ws contains starts_with ends_with split_part strpos format printf ' +
  'list_contains list_sum unnest generate_series range hash md5 sha256';

/**
 * A DuckDB dialect on PostgreSQL's (DuckDB follows its syntax): `$name` and `?` are parameters
 * (inputs reach DuckDB as `$input`), so `$$` strings are off; identifiers are case-insensitive
 * as in DuckDB, which keeps completion from quoting `CustomerId`.
 */
export const DuckDB = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} ${DUCKDB_KEYWORDS}`,
  types: `${PostgreSQL.spec.types ?? ''} ${DUCKDB_TYPES}`,
  builtin: DUCKDB_BUILTINS,
  doubleDollarQuotedStrings: false,
  specialVar: '$?',
  caseInsensitiveIdentifiers: true,
});

/**
 * Words DuckDB reserves (after duckdb_keywords(), 'reserved' category, plus its own clause
 * words): a column named like one (`limit` in a facilities extract) must be double-quoted.
 * Quoting one too many is harmless; one too few is a syntax error, so the list errs wide.
 */
export const DUCKDB_RESERVED: ReadonlySet<string> = new Set(
  ('all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create ' +
    'default deferrable desc describe distinct do else end except false fetch for foreign from grant group having ' +
    'in initially intersect into lambda lateral leading limit not null offset on only or order pivot pivot_longer ' +
    'pivot_wider placing primary qualify references returning select show some summarize symmetric table then to ' +
    'trailing true union unique unpivot using variadic when where window with').split(' '),
);
