import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { quoteIdent } from '../../src/engine/database';
import { completeLoad, stageFile } from '../../src/extract/load-file';
import type { QualityReport } from '../../src/extract/report';
import { EXTRACT_TABLES, type TableName } from '../../src/extract/schema';
import { useNodeParquet } from '../../src/extract/readers/parquet-init-node';
import type { CellInjection, ColumnInjection, RowInjection } from '../../src/demo/messy/report';
import { generateExtract, MESSY_REPORT_FILE } from '../../scripts/demo/run';
import { startNodeWasmDatabase } from '../support/wasm-node';

/**
 * The loader against the generator, two independent pieces of code: a messy GBK extract (every
 * data-quality problem of DOMAIN.md, each recorded in messy-report.json) must load with every
 * injected problem reported at its line, and every value that loads must equal the clean value
 * of the same generation. Nothing silently wrong, nothing silently dropped.
 */

const CUSTOMERS = 1500;
const SEED = 7;

interface Report {
  cells: CellInjection[];
  rows: RowInjection[];
  columns: ColumnInjection[];
}

let db: Database;
let dir: string;
let injected: Report;
const reports = new Map<TableName, QualityReport>();

beforeAll(async () => {
  useNodeParquet();
  dir = await mkdtemp(join(tmpdir(), 'tierbook-messy-'));
  const common = { customers: CUSTOMERS, seed: SEED, headers: 'zh' as const, threads: 1, truth: false };
  const asOf = Date.UTC(2025, 11, 31) / 86_400_000;
  await generateExtract({ ...common, asOf, format: 'csv-gbk', outDir: join(dir, 'messy'), messy: true });
  await generateExtract({ ...common, asOf, format: 'parquet', outDir: join(dir, 'clean'), messy: false });
  injected = JSON.parse(await readFile(join(dir, 'messy', MESSY_REPORT_FILE), 'utf8')) as Report;
  db = await startNodeWasmDatabase();
  for (const { name } of EXTRACT_TABLES) {
    const clean = new Uint8Array(await readFile(join(dir, 'clean', `${name}.parquet`)));
    const cleanStaged = await stageFile(db, `${name}.parquet`, clean, { takenNames: new Set(), trusted: true });
    await completeLoad(db, cleanStaged, { ...cleanStaged.proposal, name: `clean_${name}` }, { trusted: true });
    const messy = new Uint8Array(await readFile(join(dir, 'messy', `${name}.csv`)));
    const staged = await stageFile(db, `${name}.csv`, messy, { takenNames: new Set() });
    expect(staged.proposal.table).toBe(name);
    reports.set(name, await completeLoad(db, staged, staged.proposal));
  }
}, 300_000);

afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Lines (row + 1: the header is line 1) of the cells injected with `problem` in `table`. */
function injectedLines(table: TableName, problem: string): number[] {
  return injected.cells.filter((c) => c.table === table && c.problem === problem).map((c) => c.row + 1).sort((a, b) => a - b);
}

function reportedLines(table: TableName, code: string): number[] {
  return reports.get(table)!.issues.filter((i) => i.code === code).map((i) => i.row!).sort((a, b) => a - b);
}

describe('a messy GBK extract from the generator', () => {
  it('is read whole: every row is loaded, rejected or skipped as a total row', () => {
    for (const [table, report] of reports) {
      expect(report.rowsLoaded + report.rowsRejected + report.rowsSkipped, table).toBe(report.rowsRead);
      const totals = injected.rows.filter((r) => r.table === table && r.problem === 'total-row').map((r) => r.row + 1);
      expect(reportedLines(table, 'total-row'), table).toEqual(totals);
    }
  });

  it('rejects exactly the IDs Excel mangled, at their lines', () => {
    for (const table of ['loans', 'repayments'] as const) {
      const lines = injectedLines(table, 'excel-mangled-id');
      expect(lines.length, table).toBeGreaterThan(0);
      expect(reportedLines(table, 'id-scientific'), table).toEqual(lines);
      expect(reports.get(table)!.rowsRejected, table).toBe(lines.length);
    }
  });

  it('flags exactly the invalid credit codes, at their lines', () => {
    const lines = injectedLines('customers', 'invalid-credit-code');
    expect(lines.length).toBeGreaterThan(0);
    expect(reportedLines('customers', 'invalid-credit-code')).toEqual(lines);
  });

  it('finds every duplicated customer under its second ID', () => {
    const report = reports.get('customers')!;
    const reportedIds = report.issues
      .filter((i) => i.code === 'duplicate-credit-code' || i.code === 'duplicate-name')
      .flatMap((i) => String(i.detail?.['customers'] ?? '').split(', '));
    const duplicates = injected.rows.filter((r) => r.table === 'customers' && r.problem === 'duplicate-customer');
    expect(duplicates.length).toBeGreaterThan(0);
    for (const d of duplicates) expect(reportedIds).toContain(d.values['customer_id']);
  });

  it('reads the 万元 column in 元 from its header', () => {
    const wan = injected.columns.find((c) => c.table === 'loans' && c.problem === 'unit-wan')!;
    const mapping = reports.get('loans')!.mapping.columns.find((c) => c.header === wan.header)!;
    expect(mapping).toMatchObject({ target: 'balance', unit: 10_000 });
  });

  it('loads every other value equal to the clean value of the same generation, and missing values as empty', async () => {
    for (const spec of EXTRACT_TABLES) {
      const loaded = quoteIdent(spec.name);
      const clean = quoteIdent(`clean_${spec.name}`);
      const key = spec.key.map(quoteIdent);
      const join = key.map((k) => `m.${k} IS NOT DISTINCT FROM c.${k}`).join(' AND ');
      const matched = await db.query(`SELECT count(*) AS n FROM ${loaded} m JOIN ${clean} c ON ${join}`);
      const extra = injected.rows.filter((r) => r.table === spec.name && r.problem === 'duplicate-customer').length;
      expect(Number(matched.getChild('n')!.get(0)), spec.name).toBe(reports.get(spec.name)!.rowsLoaded - extra);
      for (const column of spec.columns) {
        const m = `m.${quoteIdent(column.name)}`;
        const c = `c.${quoteIdent(column.name)}`;
        const same = column.kind === 'amount' || column.kind === 'rate' || column.kind === 'number' ? `abs(${m} - ${c}) <= 1e-6 * greatest(1, abs(${c}))` : `${m} = ${c}`;
        const differ = await db.query(
          `SELECT count(*) FILTER (${m} IS NOT NULL AND NOT (${same})) AS wrong,
                  count(*) FILTER (${m} IS NULL AND ${c} IS NOT NULL) AS emptied
           FROM ${loaded} m JOIN ${clean} c ON ${join}`,
        );
        // an invalid credit code is loaded as written and flagged (the check above), never repaired
        const flagged = injected.cells.filter((x) => x.table === spec.name && x.column === column.name && x.problem === 'invalid-credit-code').length;
        expect(Number(differ.getChild('wrong')!.get(0)), `${spec.name}.${column.name} values`).toBe(flagged);
        const rejected = new Set(reports.get(spec.name)!.issues.filter((i) => i.severity === 'error').map((i) => i.row));
        const missing = injected.cells.filter(
          (x) => x.table === spec.name && x.column === column.name && x.problem === 'missing' && x.original !== '' && !rejected.has(x.row + 1),
        ).length;
        expect(Number(differ.getChild('emptied')!.get(0)), `${spec.name}.${column.name} emptied`).toBe(missing);
      }
    }
  });
});
