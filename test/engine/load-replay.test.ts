import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { completeLoad, stageFile } from '../../src/extract/load-file';
import type { InvalidRowPolicy } from '../../src/extract/mapping';
import { sha256Hex } from '../../src/extract/source';
import { LoadRecipes, replayLoads, type LoadRecipe } from '../../src/ui/state/load-recipes';

/**
 * After DuckDB's worker died, the workspace makes every loaded table again in a new engine from
 * its file and the user's choices (engine-recovery.ts). Here the "dead" engine is one native
 * DuckDB and the new one another; the replayed tables are checked against hand-worked values.
 */

const utf8 = (s: string) => new TextEncoder().encode(s);
/** 营业收入 is an amount: 1.5万 is 15000, abc is not a number */
const CUSTOMERS = '客户号,客户名称,营业收入\nX1,甲,1.5万\nX2,乙,abc\nX3,丙,200\n';

let first: Database;
let second: Database;
beforeAll(async () => {
  [first, second] = await Promise.all([NativeDatabase.open({ threads: 1 }), NativeDatabase.open({ threads: 1 })]);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
});

/** Loads as the workspace does (stage, the user's mapping and policy, clean) and returns its recipe. */
async function loadAsUser(db: Database, fileName: string, text: string, table: string, policy: InvalidRowPolicy): Promise<LoadRecipe> {
  const staged = await stageFile(db, fileName, utf8(text), { takenNames: new Set() });
  const mapping = { ...staged.proposal, name: table };
  const report = await completeLoad(db, staged, mapping, { policy });
  return { table, fileName, read: async () => utf8(text), sha256: report.source.sha256, request: {}, mapping, policy, trusted: false };
}

async function rows(db: Database, table: string): Promise<unknown[][]> {
  const t = await db.query(`SELECT customer_id, name, revenue FROM "${table}" ORDER BY customer_id`);
  return t.toArray().map((r) => {
    const o = r.toJSON() as Record<string, unknown>;
    return [o['customer_id'], o['name'], o['revenue'] ?? null];
  });
}

describe('making the loaded tables again in a new engine', () => {
  it('loads each file again under the name and with the invalid-row choice the user made', async () => {
    const recipes = new LoadRecipes();
    recipes.record(await loadAsUser(first, 'extra.csv', CUSTOMERS, 'my_customers', 'keep-row-blank-cell'));
    recipes.record(await loadAsUser(first, 'strict.csv', CUSTOMERS.replace('X', 'Y'), 'strict_customers', 'reject-row'));
    const { reports, failures } = await replayLoads(second, recipes.list());
    expect(failures).toEqual([]);
    expect(reports.map((r) => [r.table, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['my_customers', 3, 0],
      ['strict_customers', 2, 1],
    ]);
    expect(await rows(second, 'my_customers')).toEqual([
      ['X1', '甲', 15000],
      ['X2', '乙', null],
      ['X3', '丙', 200],
    ]);
    expect(await rows(second, 'strict_customers')).toEqual([
      ['X3', '丙', 200],
      ['Y1', '甲', 15000],
    ]);
    expect(await rows(second, 'my_customers')).toEqual(await rows(first, 'my_customers'));
  });

  it('lists a file that changed since it was loaded (or cannot be read) and still loads the others', async () => {
    const changed: LoadRecipe = { ...(await loadAsUser(first, 'a.csv', CUSTOMERS, 'changed_table', 'reject-row')), read: async () => utf8(CUSTOMERS.replace('200', '300')) };
    const unreadable: LoadRecipe = { ...changed, table: 'gone_table', fileName: 'gone.csv', read: () => Promise.reject(new Error('NotReadableError: the file was moved')) };
    const fine = await loadAsUser(first, 'b.csv', CUSTOMERS, 'fine_table', 'reject-row');
    const { reports, failures } = await replayLoads(second, [changed, unreadable, fine]);
    expect(reports.map((r) => r.table)).toEqual(['fine_table']);
    expect(failures).toEqual([
      { table: 'changed_table', fileName: 'a.csv', message: 'a.csv changed since it was loaded' },
      { table: 'gone_table', fileName: 'gone.csv', message: 'NotReadableError: the file was moved' },
    ]);
    expect(await sha256Hex(utf8(CUSTOMERS))).toBe(changed.sha256);
  });

  it('keeps one recipe per table, the latest load last, and forgets a dropped table', () => {
    const recipes = new LoadRecipes();
    const recipe = (table: string, fileName: string) => ({ table, fileName, read: async () => new Uint8Array(), request: {}, mapping: {} as LoadRecipe['mapping'], policy: 'reject-row' as const, trusted: false });
    recipes.record(recipe('loans', 'loans-1.csv'));
    recipes.record(recipe('customers', 'customers.csv'));
    recipes.record(recipe('loans', 'loans-2.csv'));
    recipes.record(recipe('repayments', 'repayments.csv'));
    recipes.forget('repayments');
    expect(recipes.list().map((r) => `${r.table}<-${r.fileName}`)).toEqual(['customers<-customers.csv', 'loans<-loans-2.csv']);
  });
});
