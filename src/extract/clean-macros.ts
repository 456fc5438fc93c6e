import type { Database } from '../engine/database';

/**
 * The cleaning rules of DOMAIN.md as DuckDB macros, so a million rows are cleaned inside DuckDB
 * and the rules read as SQL. Each `tb_parse_*` macro takes a raw text value and returns a struct:
 *   v  the parsed value (NULL when missing or unreadable)
 *   e  an issue code when the value cannot be read (never a guess)
 *   n  a note code when the value was read in a way worth reporting (Excel serial date, 万 unit...)
 */

/** A number as banks write it: 1234 | 1,234.50 | .5 | 1.2E+07, optionally (negative) and 万/亿. */
const NUM = String.raw`(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`;
const AMOUNT_TEXT = String.raw`(?:\([+-]?${NUM}\)|[+-]?${NUM})[万亿]?`;
const INTEGER_TEXT = String.raw`[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?`;
const YMD = String.raw`(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const YM = String.raw`(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))`;
const AMBIGUOUS_DATE = String.raw`\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}`;
const SCIENTIFIC_ID = String.raw`[+-]?\d+(?:\.\d+)?[eE][+-]?\d+`;
const EXCEL_ERROR = String.raw`#(?:DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)`;
const TOTAL_ROW = String.raw`(?i)(?:合\s*计|总\s*计|小\s*计|累\s*计|total|grand total|sum)(?:[:：\s].*)?`;

/** Values that mean "no value" in real extracts. */
export const MISSING_TOKENS = ['-', '--', '—', '——', '–', '无', '空', 'NULL', 'N/A', 'NA', '#N/A', 'NONE', 'NAN', '/', '\\N', '不适用', '暂无'];

const sqlList = (values: readonly string[]) => values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');

/** The parse result struct {v, e, n} as SQL, from SQL expressions for each field. */
export function parsedStruct(v: string, e = 'NULL', n = 'NULL'): string {
  return `struct_pack(v := ${v}, e := CAST(${e} AS VARCHAR), n := CAST(${n} AS VARCHAR))`;
}
const S = parsedStruct;

export const CLEANING_MACROS: readonly string[] = [
  // text normalisation
  String.raw`CREATE OR REPLACE TEMP MACRO tb_trim(x) AS regexp_replace(CAST(x AS VARCHAR), '^[\s\x{3000}\x{00A0}\x{FEFF}]+|[\s\x{3000}\x{00A0}\x{FEFF}]+$', '', 'g')`,
  `CREATE OR REPLACE TEMP MACRO tb_half(x) AS translate(x, '０１２３４５６７８９．，－＋％／：（）　ｅＥ', '0123456789.,-+%/:() eE')`,
  `CREATE OR REPLACE TEMP MACRO tb_missing(t) AS t IS NULL OR t = '' OR upper(t) IN (${sqlList(MISSING_TOKENS)})`,
  `CREATE OR REPLACE TEMP MACRO tb_excel_error(t) AS regexp_full_match(t, '${EXCEL_ERROR}')`,
  String.raw`CREATE OR REPLACE TEMP MACRO tb_numtext(x) AS regexp_replace(tb_half(tb_trim(x)), '[\s¥￥]|元$', '', 'g')`,
  `CREATE OR REPLACE TEMP MACRO tb_is_total(x) AS regexp_full_match(tb_trim(x), '${TOTAL_ROW}')`,

  // amounts and other numbers
  `CREATE OR REPLACE TEMP MACRO tb_amount_value(t) AS
     (CASE WHEN starts_with(t, '(') THEN -1 ELSE 1 END)
     * CAST(replace(regexp_replace(t, '[()万亿]', '', 'g'), ',', '') AS DOUBLE)
     * (CASE WHEN ends_with(t, '亿') THEN 100000000 WHEN ends_with(t, '万') THEN 10000 ELSE 1 END)`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_amount_t(t, unit) AS CASE
     WHEN tb_missing(t) THEN ${S('CAST(NULL AS DOUBLE)')}
     WHEN tb_excel_error(t) THEN ${S('CAST(NULL AS DOUBLE)', "'excel-error'")}
     WHEN NOT regexp_full_match(t, '${AMOUNT_TEXT}') THEN ${S('CAST(NULL AS DOUBLE)', "'not-a-number'")}
     ELSE ${S('tb_amount_value(t) * unit', 'NULL', `CASE WHEN regexp_matches(t, '[eE]') THEN 'scientific-number' WHEN regexp_matches(t, '[万亿]$') THEN 'unit-in-value' END`)}
   END`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_amount(x, unit) AS tb_parse_amount_t(tb_numtext(x), unit)`,

  // rates and shares: 85.3% → 0.853
  `CREATE OR REPLACE TEMP MACRO tb_parse_rate_t(t) AS CASE
     WHEN tb_missing(t) THEN ${S('CAST(NULL AS DOUBLE)')}
     WHEN tb_excel_error(t) THEN ${S('CAST(NULL AS DOUBLE)', "'excel-error'")}
     WHEN regexp_full_match(t, '[+-]?${NUM}%') THEN ${S("CAST(replace(rtrim(t, '%'), ',', '') AS DOUBLE) / 100", 'NULL', "'percent'")}
     WHEN regexp_full_match(t, '[+-]?${NUM}‰') THEN ${S("CAST(replace(rtrim(t, '‰'), ',', '') AS DOUBLE) / 1000", 'NULL', "'percent'")}
     WHEN regexp_full_match(t, '[+-]?${NUM}') THEN ${S("CAST(replace(t, ',', '') AS DOUBLE)")}
     ELSE ${S('CAST(NULL AS DOUBLE)', "'not-a-number'")}
   END`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_rate(x) AS tb_parse_rate_t(tb_numtext(x))`,

  // whole numbers (overdue days, employees), a unit word after them allowed: 30天, 120人
  `CREATE OR REPLACE TEMP MACRO tb_parse_integer_t(t) AS CASE
     WHEN tb_missing(t) THEN ${S('CAST(NULL AS INTEGER)')}
     WHEN tb_excel_error(t) THEN ${S('CAST(NULL AS INTEGER)', "'excel-error'")}
     WHEN regexp_full_match(t, '${INTEGER_TEXT}[天人个家名次]?')
          AND TRY_CAST(regexp_replace(t, '[,天人个家名次]|\\.0+$', '', 'g') AS INTEGER) IS NOT NULL
       THEN ${S("CAST(regexp_replace(t, '[,天人个家名次]|\\.0+$', '', 'g') AS INTEGER)")}
     ELSE ${S('CAST(NULL AS INTEGER)', "'not-an-integer'")}
   END`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_integer(x) AS tb_parse_integer_t(tb_numtext(x))`,

  // dates: 20240305, 2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日 (a time part is dropped),
  // Excel serial numbers, and for month columns 202403 / 2024-03 (the month's last day)
  String.raw`CREATE OR REPLACE TEMP MACRO tb_excel_serial(t) AS
     regexp_full_match(t, '\d{2,5}(?:\.0+)?') AND coalesce(TRY_CAST(t AS DOUBLE) >= 61, false)`,
  `CREATE OR REPLACE TEMP MACRO tb_date_value(t, month_end) AS CASE
     WHEN regexp_full_match(t, '\\d{8}') THEN CAST(try_strptime(t, '%Y%m%d') AS DATE)
     WHEN regexp_full_match(t, '${YMD}') THEN TRY_CAST(regexp_replace(t, '^${YMD}$', '\\1-\\2-\\3') AS DATE)
     WHEN month_end AND regexp_full_match(t, '${YM}')
       THEN last_day(TRY_CAST(regexp_replace(t, '^${YM}$', '\\1-\\2\\3-01') AS DATE))
     WHEN tb_excel_serial(t) THEN CAST(DATE '1899-12-30' + CAST(CAST(t AS DOUBLE) AS INTEGER) AS DATE)
   END`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_date_t(t, month_end) AS CASE
     WHEN tb_missing(t) THEN ${S('CAST(NULL AS DATE)')}
     WHEN tb_excel_error(t) THEN ${S('CAST(NULL AS DATE)', "'excel-error'")}
     WHEN tb_date_value(t, month_end) IS NOT NULL
       THEN ${S('tb_date_value(t, month_end)', 'NULL', "CASE WHEN tb_excel_serial(t) AND NOT regexp_full_match(t, '\\d{8}') THEN 'excel-serial' END")}
     WHEN regexp_full_match(t, '${AMBIGUOUS_DATE}') THEN ${S('CAST(NULL AS DATE)', "'ambiguous-date'")}
     ELSE ${S('CAST(NULL AS DATE)', "'not-a-date'")}
   END`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_date(x, month_end) AS tb_parse_date_t(tb_half(tb_trim(x)), month_end)`,

  // yes/no flags → 1/0
  `CREATE OR REPLACE TEMP MACRO tb_parse_flag_t(t) AS CASE
     WHEN tb_missing(t) THEN ${S('CAST(NULL AS INTEGER)')}
     WHEN upper(t) IN ('1', '1.0', 'Y', 'YES', 'T', 'TRUE', '是', '已签约', '签约', '成功', '成交') THEN ${S('1')}
     WHEN upper(t) IN ('0', '0.0', 'N', 'NO', 'F', 'FALSE', '否', '未签约', '失败', '未成交') THEN ${S('0')}
     ELSE ${S('CAST(NULL AS INTEGER)', "'not-a-flag'")}
   END`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_flag(x) AS tb_parse_flag_t(tb_half(tb_trim(x)))`,

  // identifiers: text; Excel's 1.23457E+17 is refused (its digits are gone), 12345.0 → 12345
  `CREATE OR REPLACE TEMP MACRO tb_parse_id_t(t) AS CASE
     WHEN tb_missing(t) THEN ${S('CAST(NULL AS VARCHAR)')}
     WHEN regexp_full_match(t, '${SCIENTIFIC_ID}') THEN ${S('CAST(NULL AS VARCHAR)', "'id-scientific'")}
     WHEN tb_excel_error(t) THEN ${S('CAST(NULL AS VARCHAR)', "'excel-error'")}
     WHEN regexp_full_match(t, '\\d+\\.0+') THEN ${S("regexp_replace(t, '\\.0+$', '')")}
     ELSE ${S('t')}
   END`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_id(x) AS tb_parse_id_t(tb_half(tb_trim(x)))`,

  // free text and categories: trimmed, missing tokens are NULL
  `CREATE OR REPLACE TEMP MACRO tb_parse_text_t(t) AS CASE
     WHEN tb_missing(t) THEN ${S('CAST(NULL AS VARCHAR)')}
     WHEN tb_excel_error(t) THEN ${S('CAST(NULL AS VARCHAR)', "'excel-error'")}
     ELSE ${S('t')}
   END`,
  `CREATE OR REPLACE TEMP MACRO tb_parse_text(x) AS tb_parse_text_t(tb_trim(x))`,
];

const installed = new WeakSet<Database>();

/** Creates the cleaning macros on a database's connection (once per database). */
export async function installCleaningMacros(db: Database): Promise<void> {
  if (installed.has(db)) return;
  await db.exec(CLEANING_MACROS.join(';\n'));
  installed.add(db);
}
