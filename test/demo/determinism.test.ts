import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { NumberColumn, StringColumn, toArrowTable, type ColumnarTable } from '../../src/demo/columns';
import { DemoContext } from '../../src/demo/context';
import { generateBatch, generateBatches, type DemoBatch } from '../../src/demo/generator';
import { sha256File } from '../../scripts/demo/manifest';
import { generateExtract, type GenerateOptions } from '../../scripts/demo/run';
import { demoOptions } from './support';

const folders: string[] = [];

async function generateTo(options: Partial<GenerateOptions> & { customers: number }): Promise<Record<string, string>> {
  const outDir = await mkdtemp(join(tmpdir(), 'tierbook-demo-'));
  folders.push(outDir);
  await generateExtract({ ...demoOptions(options.customers), format: 'csv', headers: 'zh', messy: false, outDir, ...options });
  const hashes: Record<string, string> = {};
  for (const file of (await readdir(outDir)).sort()) hashes[file] = await sha256File(join(outDir, file));
  return hashes;
}

/** A hash of every table of a batch (its Arrow IPC bytes), for exact comparison. */
function batchHashes(customers: number, first: number, count: number): string[] {
  const batch = generateBatch(new DemoContext(demoOptions(customers, { truth: true })), first, count);
  return [...batch.tables.values()].map((t) => createHash('sha256').update(tableToIPC(toArrowTable(t), 'stream')).digest('hex'));
}

/** Row i of a generated table as plain values. */
function rowOf(table: ColumnarTable, i: number): (string | number | null)[] {
  return table.columns.map((c) => (c instanceof StringColumn ? c.get(i) : (c as NumberColumn).isNull(i) ? null : (c as NumberColumn).get(i)));
}

afterAll(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

describe('the generator', () => {
  it('writes byte-identical files for the same seed and size, whatever the batch size', async () => {
    const a = await generateTo({ customers: 1000, batchCustomers: 1000 });
    const b = await generateTo({ customers: 1000, batchCustomers: 217, threads: 1 });
    expect(Object.keys(a)).toEqual(['balances.csv', 'customers.csv', 'facilities.csv', 'loans.csv', 'outcomes.csv', 'repayments.csv']);
    expect(b).toEqual(a);
  });

  it('writes the same files when generating in a worker thread', async () => {
    const a = await generateTo({ customers: 400, messy: true });
    const b = await generateTo({ customers: 400, messy: true, worker: true, batchCustomers: 150 });
    expect(b).toEqual(a);
  });

  it('writes different files for a different seed', async () => {
    const a = await generateTo({ customers: 300 });
    const b = await generateTo({ customers: 300, seed: 43 });
    for (const file of Object.keys(a)) expect(b[file], file).not.toBe(a[file]);
  });

  it('gives customer i the same rows whatever the total number of customers or the batch', () => {
    expect(batchHashes(50_000, 1, 300)).toEqual(batchHashes(300, 1, 300));
    // customer 777 alone, and as the 777th of a batch of 1,000: the same customers row and loans
    const alone = generateBatch(new DemoContext(demoOptions(1000)), 777, 1);
    const inside = [...generateBatches(demoOptions(1000), 1000)][0]!;
    const customerRow = (batch: DemoBatch, i: number) => rowOf(batch.tables.get('customers')!, i);
    expect(customerRow(alone, 0)).toEqual(customerRow(inside, 776));
    const loansOf = (batch: DemoBatch) => {
      const loans = batch.tables.get('loans')!;
      const ids = loans.columns[1] as StringColumn;
      return Array.from({ length: ids.length }, (_, i) => i).filter((i) => ids.get(i) === '8000000777').map((i) => rowOf(loans, i));
    };
    expect(loansOf(alone).length).toBeGreaterThan(0);
    expect(loansOf(inside)).toEqual(loansOf(alone));
  });

  it('writes byte-identical workbooks for the same seed and size', async () => {
    const a = await generateTo({ customers: 120, format: 'xlsx' });
    const b = await generateTo({ customers: 120, format: 'xlsx' });
    expect(Object.keys(a)).toContain('customers.xlsx');
    expect(b).toEqual(a);
  });
});
