import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { readNotebook } from '../../src/notebook/format';
import { replayNotebook, unlocatedFiles } from '../../src/replay/replay';
import { readFile } from 'node:fs/promises';
import { changeOneBalance, DEMO_LOANS } from './changed-extract';

const demo = readNotebook(await readFile('notebooks/demo.md', 'utf8')).document;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tierbook-replay-lib-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('unlocatedFiles', () => {
  it('names the manifest files found nowhere, with where it looked', async () => {
    const text = (await readFile('notebooks/demo.md', 'utf8')).replace('file: loans.parquet', 'file: loans-2024.parquet');
    const notebook = join(dir, 'renamed.md');
    await writeFile(notebook, text);
    const missing = await unlocatedFiles({ notebook });
    expect(missing.map((m) => [m.entry.table, m.entry.file])).toEqual([['loans', 'loans-2024.parquet']]);
    expect(missing[0]!.tried).toEqual([join(dir, 'loans-2024.parquet'), join(process.cwd(), 'public/demo/loans-2024.parquet')]);
    expect(await unlocatedFiles({ notebook, data: { loans: DEMO_LOANS } })).toEqual([]);
  });
});

describe('replayNotebook', () => {
  it('on the demo: every file matches, every cell passes, with the environment and rows loaded', async () => {
    const report = await replayNotebook({ notebook: 'notebooks/demo.md', threads: 2 });
    expect(report.ok).toBe(true);
    expect(report.data.map((d) => [d.table, d.status])).toEqual(demo.data.map((e) => [e.table, 'same']));
    expect(report.cells.map((c) => c.name)).toEqual(Object.keys(demo.digests));
    expect(report.metrics.rows).toEqual(Object.fromEntries(demo.data.map((e) => [e.table, e.rows])));
    expect(report.digests).toEqual(demo.digests);
    expect(report.environment.node).toBe(process.version);
    expect(report.environment.duckdb).toMatch(/^v\d/);
  }, 120_000);

  it('with one loan balance raised: loans differs, the cells reading balances change by exactly that amount, the others pass', async () => {
    const changed = await changeOneBalance(dir, 2_500);
    const report = await replayNotebook({ notebook: 'notebooks/demo.md', data: { loans: changed.file }, threads: 2 });
    expect(report.ok).toBe(false);
    expect(report.data.find((d) => d.table === 'loans')).toMatchObject({ status: 'differs', path: changed.file });
    expect(report.data.filter((d) => d.table !== 'loans').every((d) => d.status === 'same')).toBe(true);
    const funding = report.cells.find((c) => c.name === 'ind_funding_need')!;
    expect(funding.status).toBe('changed');
    const saved = demo.digests['ind_funding_need']!.columns!['total_balance']!.sum;
    const now = report.digests['ind_funding_need']!.columns!['total_balance']!.sum;
    expect(now - saved).toBeCloseTo(changed.sumAfter - changed.sumBefore, 2);
    expect(funding.differences[0]).toMatch(/^total_balance sum: .* \(\+2,500\)$/);
    expect(report.cells.find((c) => c.name === 'ind_size')!.status).toBe('pass');
  }, 120_000);

  it('reads another format through the same loaders and the recorded mapping: loans as GBK CSV reproduces every cell', async () => {
    // the same rows written as a GBK CSV with the same Chinese headers: the file differs, the data does not
    const db = await NativeDatabase.open({ threads: 1 });
    const utf8 = join(dir, 'loans-utf8.csv');
    await db.exec(`COPY (SELECT * FROM '${join(process.cwd(), DEMO_LOANS)}') TO '${utf8}' (HEADER, DELIMITER ',')`);
    await db.close();
    const gbk = join(dir, 'loans.csv');
    await writeFile(gbk, iconv.encode(await readFile(utf8, 'utf8'), 'gbk'));
    const report = await replayNotebook({ notebook: 'notebooks/demo.md', data: { loans: gbk }, threads: 2 });
    const loans = report.data.find((d) => d.table === 'loans')!;
    expect(loans.status).toBe('differs');
    expect(loans.differences.join(' ')).toContain('SHA-256');
    expect(loans.differences.join(' ')).not.toContain('rows');
    expect(report.cells.filter((c) => c.status !== 'pass')).toEqual([]);
  }, 120_000);
});
