import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/engine/database';
import { defaultOutcomeChoice, outcomeRows, loadOutcome, outcomeValues } from '../../../src/ui/evaluation/outcome-load';
import { useDemoDatabase } from '../../support/demo-extract';

let db: Database;
useDemoDatabase((loaded) => (db = loaded.db));

/** Screening rows for a list of ids (all loadOutcome reads of a Screen). */
const rowsOf = (ids: string[]) => ({ data: { rows: ids.length, ids } });

describe('loadOutcome on the demo extract', () => {
  it('defaults to outcomes.signed = 1', async () => {
    expect(defaultOutcomeChoice(await db.tables())).toEqual({ table: 'outcomes', column: 'signed', eventValue: '1' });
  });

  it('marks each customer as the raw outcome rows say (a JS pass over all rows, not SQL grouping)', async () => {
    const customers = (await db.query('SELECT customer_id FROM customers')).toArray().map((r) => String((r as { customer_id: string }).customer_id));
    // reversed, so the mapping by id (not by position) is what is tested
    const ids = [...customers].reverse();
    const raw = (await db.query('SELECT customer_id, signed FROM outcomes')).toArray().map((r) => r.toJSON() as { customer_id: string; signed: number | null });
    const expected = new Map<string, number>();
    for (const r of raw) {
      if (r.signed === null) continue;
      expected.set(r.customer_id, Math.max(expected.get(r.customer_id) ?? 0, r.signed === 1 ? 1 : 0));
    }
    const outcome = await loadOutcome(db, rowsOf(ids), { table: 'outcomes', column: 'signed', eventValue: '1' });
    let count = 0;
    let events = 0;
    ids.forEach((id, r) => {
      const e = expected.get(id);
      expect(outcome.known[r]).toBe(e === undefined ? 0 : 1);
      expect(outcome.event[r]).toBe(e === 1 ? 1 : 0);
      if (e !== undefined) count++;
      if (e === 1) events++;
    });
    expect(outcome.count).toBe(count);
    expect(outcome.events).toBe(events);
    expect(outcomeRows(outcome).length).toBe(count);
    // the demo has outcomes for part of the customers only, and some events
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(ids.length);
    expect(events).toBeGreaterThan(0);
  });
});

describe('loadOutcome on a hand-made table', () => {
  it('any event row makes the customer an event; all-NULL or absent customers are unknown; the value is bound, not pasted', async () => {
    await db.exec(`CREATE OR REPLACE TABLE eval_test_outcomes AS SELECT * FROM (VALUES
      ('A', 'no'), ('A', 'it''s yes'), ('B', 'no'), ('B', 'no'), ('C', NULL), ('E', 'it''s yes'), (NULL, 'it''s yes')) t(customer_id, "result")`);
    const outcome = await loadOutcome(db, rowsOf(['A', 'B', 'C', 'D', 'E']), { table: 'eval_test_outcomes', column: 'result', eventValue: "it's yes" });
    expect([...outcome.known]).toEqual([1, 1, 0, 0, 1]);
    expect([...outcome.event]).toEqual([1, 0, 0, 0, 1]);
    expect(outcome.count).toBe(3);
    expect(outcome.events).toBe(2);
    expect([...outcomeRows(outcome)]).toEqual([0, 1, 4]);
    expect(await outcomeValues(db, 'eval_test_outcomes', 'result')).toEqual(['it\'s yes', 'no']);
    await db.exec('DROP TABLE eval_test_outcomes');
  });
});
