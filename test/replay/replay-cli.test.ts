import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNotebook } from '../../src/notebook/format';
import { isNamed } from '../../src/notebook/document';
import { changeOneBalance, type ChangedLoans } from './changed-extract';

/** `npx tsx scripts/replay.ts …` as a reviewer runs it: exit code, stdout and stderr. */
async function replay(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'scripts/replay.ts', ...args], { maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const demo = readNotebook(await readFile('notebooks/demo.md', 'utf8')).document;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tierbook-replay-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('npm run replay (scripts/replay.ts) on the demo notebook', () => {
  it('reproduces it: exit 0, every cell pass, and --out writes each table cell as CSV plus report.json', async () => {
    const out = join(dir, 'out');
    const { code, stdout } = await replay('notebooks/demo.md', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toContain('REPRODUCED');
    expect(stdout).not.toContain('NOT REPRODUCED');
    for (const name of Object.keys(demo.digests)) expect(stdout).toMatch(new RegExp(`^  ${name} +pass$`, 'm'));
    for (const entry of demo.data) expect(stdout).toMatch(new RegExp(`^  ${entry.table} +\\S*${entry.file} +match$`, 'm'));

    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.ok).toBe(true);
    expect(report.cells.map((c: { name: string }) => c.name).sort()).toEqual(Object.keys(demo.digests).sort());
    expect(report.environment.duckdb).toMatch(/^v\d+\.\d+\.\d+/);

    // the CSV is the cell's table: its rows and its column sum agree with the digest saved in the notebook
    const csv = (await readFile(join(out, 'ind_funding_need.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv[0]!.charCodeAt(0)).not.toBe(0xfeff); // plain UTF-8, no BOM
    const header = csv[0]!.split(',');
    expect(header[0]).toBe('customer_id');
    expect(csv.length - 1).toBe(demo.digests['ind_funding_need']!.rows);
    const at = header.indexOf('total_balance');
    const sum = csv.slice(1).reduce((s, line) => s + Number(line.split(',')[at] || 0), 0);
    expect(sum).toBeCloseTo(demo.digests['ind_funding_need']!.columns!['total_balance']!.sum, -1);
    // a CSV for each SQL cell (all table-valued), none for the plots
    const sqlCells = demo.cells.filter((c) => c.kind === 'sql' && isNamed(c)).map((c) => (isNamed(c) ? c.name : ''));
    for (const name of sqlCells) await expect(readFile(join(out, `${name}.csv`), 'utf8')).resolves.toContain(',');
    await expect(readFile(join(out, 'tier_chart.csv'))).rejects.toThrow();
  }, 180_000);

  it('fails, naming the data file and the changed cells with the difference, when one loan balance changes', async () => {
    const changed: ChangedLoans = await changeOneBalance(dir, 1_000_000);
    const { code, stdout } = await replay('notebooks/demo.md', '--data', `loans=${changed.file}`);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^  loans +\S*loans\.parquet +DIFFERS +SHA-256/m);
    expect(stdout).toMatch(/^  customers +\S+ +match$/m);
    const saved = demo.digests['ind_funding_need']!.columns!['total_balance']!.sum;
    const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });
    // the saved sum moved by exactly the change made to the file (measured on the files themselves)
    const delta = Math.round(changed.sumAfter - changed.sumBefore);
    expect(delta).toBe(1_000_000);
    expect(stdout).toContain(`ind_funding_need  CHANGED  total_balance sum: ${fmt(saved)} → ${fmt(saved + delta)} (+${fmt(delta)})`);
    // a cell that does not read loans still passes
    expect(stdout).toMatch(/^  ind_size +pass$/m);
    expect(stdout).toMatch(/NOT REPRODUCED: 1 of 6 files differ \(loans\.parquet\), \d+ of 14 cells do not pass \(ind_funding_need,/);
  }, 180_000);

  it('exits 2 with a message naming the missing file (other bad usage: args.test.ts)', async () => {
    const missing = join(dir, 'no-such-loans.parquet');
    const a = await replay('notebooks/demo.md', '--data', `loans=${missing}`);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(missing);
    const b = await replay('notebooks/no-such.md');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('notebooks/no-such.md');
  }, 120_000);
});
