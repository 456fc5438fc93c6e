import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { loadCsvTables } from '../../bench/native/load-csv';

let db: NativeDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('loadCsvTables', () => {
  it('loads each extract file with the schema types: ids stay text, dates are dates, amounts doubles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
    const loans = 'loan_id,customer_id,product,bank,amount,balance,start,maturity,rate,guarantee,class\n0012,0007,票据,本行,100.5,50,2025-01-31,2026-01-31,0.03,信用,正常\n';
    writeFileSync(join(dir, 'loans.csv'), loans);
    writeFileSync(join(dir, 'notes.csv'), 'not,an,extract\n');
    db = await NativeDatabase.open({ threads: 1 });
    const loaded = await loadCsvTables(db, dir);
    expect(loaded.map((l) => [l.table, l.bytes])).toEqual([['loans', Buffer.byteLength(loans)]]);
    const row = await db.query("SELECT customer_id, start, balance, typeof(start) AS t, typeof(balance) AS b FROM loans");
    expect(row.getChild('customer_id')!.get(0)).toBe('0007');
    expect(row.getChild('t')!.get(0)).toBe('DATE');
    expect(row.getChild('b')!.get(0)).toBe('DOUBLE');
  });

  it('refuses a file whose header is not the schema\'s columns in order (read_csv would map them by position)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-load-'));
    writeFileSync(join(dir, 'facilities.csv'), 'customer_id,facility_id,limit,used,start,maturity\n1,2,3,4,2025-01-01,2026-01-01\n');
    db = await NativeDatabase.open({ threads: 1 });
    await expect(loadCsvTables(db, dir)).rejects.toThrow(/header is customer_id,facility_id/);
  });
});
