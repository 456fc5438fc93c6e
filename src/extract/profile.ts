import type { Database } from '../engine/database';
import { quoteIdent } from '../engine/database';
import { installCleaningMacros } from './clean-macros';
import type { ProfiledColumn } from './recognise';
import type { ColumnKind } from './schema';
import type { StagedColumn, StagedSource } from './staging';

/** Rows looked at to guess the kind of a column outside the extract's tables. */
const SAMPLE_ROWS = 20_000;

function kindOfType(type: string): ColumnKind {
  if (/^(DATE|TIMESTAMP)/.test(type)) return 'date';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/.test(type)) return 'number';
  if (type === 'BOOLEAN') return 'flag';
  return 'text';
}

/**
 * Guesses each text column's kind from a sample of its values: a date when every present value
 * reads as a date, a number when every one reads as a number and none has a leading zero or more
 * than 15 digits (codes such as 机构号 001234 stay text), otherwise text. Shown and overridable.
 * `only` limits the work to the columns that need a guess (those no extract column matched);
 * the others are reported as text.
 */
export async function profileColumns(db: Database, staged: StagedSource, only?: ReadonlySet<string>): Promise<ProfiledColumn[]> {
  const text = staged.columns.filter((c) => c.type === 'VARCHAR' && (!only || only.has(c.name)));
  if (text.length > 0) await installCleaningMacros(db);
  const guesses = new Map<string, ColumnKind>();
  if (text.length > 0) {
    const normalised = text.map((c, i) => `tb_numtext(${quoteIdent(c.name)}) AS n${i}, tb_half(tb_trim(${quoteIdent(c.name)})) AS d${i}`);
    const parts = text.map((_c, i) => `count(*) FILTER (NOT tb_missing(d${i})) AS present${i},
        count(*) FILTER (tb_parse_amount_t(n${i}, 1).v IS NOT NULL AND NOT regexp_matches(d${i}, '^0\\d|\\d{16}')) AS numbers${i},
        count(*) FILTER (tb_date_value(d${i}, false) IS NOT NULL AND NOT tb_excel_serial(d${i})) AS dates${i}`);
    const sample = await db.query(
      `SELECT ${parts.join(',\n')} FROM (SELECT ${normalised.join(', ')} FROM ${quoteIdent(staged.table)} LIMIT ${SAMPLE_ROWS})`,
    );
    text.forEach((c, i) => {
      const present = Number(sample.getChild(`present${i}`)!.get(0));
      const numbers = Number(sample.getChild(`numbers${i}`)!.get(0));
      const dates = Number(sample.getChild(`dates${i}`)!.get(0));
      guesses.set(c.name, present === 0 ? 'text' : dates === present ? 'date' : numbers === present ? 'number' : 'text');
    });
  }
  return staged.columns.map((c: StagedColumn) => ({ ...c, detectedKind: guesses.get(c.name) ?? kindOfType(c.type) }));
}
