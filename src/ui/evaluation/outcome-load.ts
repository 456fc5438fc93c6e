import type { Database, TableInfo } from '../../engine/database';
import { quoteIdent } from '../../engine/database';
import type { Outcome } from './outcome';

/** Which table and column hold the outcome, and which value (as text) is the event. */
export interface OutcomeChoice {
  readonly table: string;
  readonly column: string;
  readonly eventValue: string;
}

/** The screening's rows, by customer id (a Screen's `data` is enough). */
export interface OutcomeRows {
  readonly data: { readonly rows: number; readonly ids: readonly string[] };
}

/**
 * The default outcome: the extract's marketing outcomes (`outcomes.signed = 1`) when that table is
 * loaded; otherwise the first table with a `customer_id` column and some other column, so the
 * picker always starts somewhere the analyst can change; null when no table can hold an outcome.
 */
export function defaultOutcomeChoice(tables: readonly TableInfo[]): OutcomeChoice | null {
  const outcomes = tables.find((t) => t.name === 'outcomes' && t.columns.some((c) => c.name === 'customer_id'));
  if (outcomes) {
    const column = outcomes.columns.some((c) => c.name === 'signed') ? 'signed' : (outcomeColumns(outcomes)[0] ?? '');
    if (column) return { table: 'outcomes', column, eventValue: '1' };
  }
  for (const t of tables) {
    const column = outcomeColumns(t)[0];
    if (column) return { table: t.name, column, eventValue: '1' };
  }
  return null;
}

/** The tables the picker offers: those with a `customer_id` (the key outcomes are matched on). */
export function outcomeTables(tables: readonly TableInfo[]): TableInfo[] {
  return tables.filter((t) => outcomeColumns(t).length > 0);
}

/** A table's columns that can be an outcome: every column except the customer id. */
export function outcomeColumns(table: TableInfo): string[] {
  if (!table.columns.some((c) => c.name === 'customer_id')) return [];
  return table.columns.filter((c) => c.name !== 'customer_id').map((c) => c.name);
}

/**
 * The distinct values of a column as text (what the event value is compared with), most frequent
 * first, at most `limit`: the picker offers them so the analyst picks rather than types.
 */
export async function outcomeValues(db: Database, table: string, column: string, limit = 20): Promise<string[]> {
  const col = quoteIdent(column);
  const result = await db.query(
    `SELECT CAST(${col} AS VARCHAR) AS v, count(*) AS n FROM ${quoteIdent(table)} WHERE ${col} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ?`,
    [limit],
  );
  return result.toArray().map((r) => String((r as { v: unknown }).v));
}

/**
 * Reads the outcome per screening row in one parameterised query. A customer with several outcome
 * rows (several campaigns) is an event when any of its rows is; a customer whose rows all have no
 * value (NULL), or who has no row at all, is unknown and left out of every metric. The event value
 * is compared with the column cast to text, so `1`, `true` or `签约` all work as the analyst sees
 * them; it is bound as a parameter, never pasted into the SQL.
 */
export async function loadOutcome(db: Database, screen: OutcomeRows, choice: OutcomeChoice): Promise<Outcome> {
  const col = quoteIdent(choice.column);
  const result = await db.query(
    `SELECT CAST(customer_id AS VARCHAR) AS id,
            max(CASE WHEN ${col} IS NULL THEN NULL WHEN CAST(${col} AS VARCHAR) = ? THEN 1 ELSE 0 END) AS event
     FROM ${quoteIdent(choice.table)}
     WHERE customer_id IS NOT NULL
     GROUP BY 1`,
    [choice.eventValue],
  );
  const byId = new Map<string, number>();
  const ids = result.getChild('id')!;
  const events = result.getChild('event')!;
  for (let i = 0; i < result.numRows; i++) {
    const e = events.get(i) as number | null;
    if (e !== null) byId.set(String(ids.get(i)), Number(e));
  }
  const rows = screen.data.rows;
  const event = new Uint8Array(rows);
  const known = new Uint8Array(rows);
  let count = 0;
  let eventCount = 0;
  for (let r = 0; r < rows; r++) {
    const e = byId.get(screen.data.ids[r]!);
    if (e === undefined) continue;
    known[r] = 1;
    count++;
    if (e === 1) {
      event[r] = 1;
      eventCount++;
    }
  }
  return { table: choice.table, column: choice.column, eventValue: choice.eventValue, event, known, count, events: eventCount };
}

/** The screening rows whose outcome is known, in row order: what every metric is given. */
export function outcomeRows(outcome: Outcome): Uint32Array {
  const rows: number[] = [];
  for (let r = 0; r < outcome.known.length; r++) if (outcome.known[r]) rows.push(r);
  return Uint32Array.from(rows);
}
