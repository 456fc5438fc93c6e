import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { EXTRACT_TABLES, type TableName } from '../../src/extract/schema';
import { isValidCreditCode } from '../../src/extract/credit-code';
import { NumberColumn, StringColumn } from '../../src/demo/columns';
import { compactDate, dayOf, isoDate, parseIsoDay } from '../../src/demo/dates';
import { generateBatches } from '../../src/demo/generator';
import { MESSY_PLAN, TOTAL_LABEL } from '../../src/demo/messy/plan';
import type { CellInjection, ColumnInjection, RowInjection } from '../../src/demo/messy/report';
import { cleanText, inWan } from '../../src/demo/messy/values';
import { generateExtract, MESSY_REPORT_FILE, optionsProblem } from '../../scripts/demo/run';
import { column, demoOptions } from './support';

/**
 * A messy file must differ from the clean data exactly where messy-report.json says, and
 * nowhere else: every cell of every file is compared with the clean text of the same generation.
 */

interface Report {
  meta: { seed: number; customers: number };
  cells: CellInjection[];
  rows: RowInjection[];
  columns: ColumnInjection[];
}

/** Clean texts of every extract table, row by row, generated in memory. */
function cleanTexts(customers: number): Map<TableName, string[][]> {
  const out = new Map<TableName, string[][]>(EXTRACT_TABLES.map((t) => [t.name, []]));
  for (const batch of generateBatches(demoOptions(customers))) {
    for (const spec of EXTRACT_TABLES) {
      const table = batch.tables.get(spec.name)!;
      const rows = out.get(spec.name)!;
      for (let r = 0; r < table.columns[0]!.length; r++) {
        rows.push(spec.columns.map((c, i) => {
          const col = table.columns[i]!;
          const value = col instanceof StringColumn ? col.get(r) : (col as NumberColumn).isNull(r) ? null : (col as NumberColumn).get(r);
          return cleanText(c.kind, value);
        }));
      }
    }
  }
  return out;
}

/** What a clean value becomes under a whole-column rule. */
function underColumnRule(problem: string | undefined, clean: string): string {
  if (clean === '' || problem === undefined) return clean;
  if (problem === 'unit-wan') return inWan(Number(clean));
  if (problem === 'date-compact') return compactDate(parseIsoDay(clean));
  throw new Error(`Unknown column rule ${problem}`);
}

/**
 * Walks a file's rows against the clean rows and the report; `cell(row, c)` reads the file.
 * Returns the recorded injections found in the file and every disagreement (expect() per cell
 * would take most of the test's time).
 */
function checkTable(
  table: TableName, fileRows: number, cell: (row: number, c: number) => { matches: (text: string) => boolean; shown: string },
  clean: string[][], report: Report,
): { found: number; problems: string[] } {
  const spec = EXTRACT_TABLES.find((t) => t.name === table)!;
  const added = new Map(report.rows.filter((r) => r.table === table).map((r) => [r.row, r]));
  const cells = new Map(report.cells.filter((c) => c.table === table).map((c) => [`${c.row}:${c.column}`, c]));
  const wholeColumn = spec.columns.map((c) => report.columns.find((r) => r.table === table && r.column === c.name)?.problem);
  const problems: string[] = [];
  if (fileRows !== clean.length + added.size) problems.push(`${table}: ${fileRows} rows, expected ${clean.length + added.size}`);
  let next = 0;
  let found = 0;
  for (let row = 1; row <= fileRows && problems.length < 20; row++) {
    const extra = added.get(row);
    const cleanRow = extra ? null : clean[next++]!;
    spec.columns.forEach((c, i) => {
      const { matches, shown } = cell(row, i);
      const where = `${table} row ${row} ${c.name}: file has "${shown}"`;
      if (extra) {
        if (!matches(extra.values[c.name]!)) problems.push(`${where}, added row says "${extra.values[c.name]}"`);
        return;
      }
      const injection = cells.get(`${row}:${c.name}`);
      if (injection) {
        if (injection.original !== cleanRow![i]) problems.push(`${where}: report's original "${injection.original}" is not the clean "${cleanRow![i]}"`);
        if (matches(injection.injected)) found++;
        else problems.push(`${where}, report says "${injection.injected}"`);
      } else if (!matches(underColumnRule(wholeColumn[i], cleanRow![i]!))) {
        problems.push(`${where}, unreported; clean "${cleanRow![i]}"`);
      }
    });
  }
  return { found, problems };
}

describe('--messy', () => {
  const CUSTOMERS = 1000;
  let dir: string;
  let db: NativeDatabase;
  let report: Report;
  let clean: Map<TableName, string[][]>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tierbook-messy-'));
    await generateExtract({ ...demoOptions(CUSTOMERS), format: 'csv', headers: 'zh', messy: true, outDir: join(dir, 'csv') });
    report = JSON.parse(await readFile(join(dir, 'csv', MESSY_REPORT_FILE), 'utf8')) as Report;
    clean = cleanTexts(CUSTOMERS);
    db = await NativeDatabase.open({ threads: 1 });
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is refused for Parquet, which has no text to mess up', () => {
    const problem = optionsProblem({ ...demoOptions(10), format: 'parquet', headers: 'zh', messy: true, outDir: dir });
    expect(problem).toMatch(/Parquet/);
  });

  it('injects every problem of DOMAIN.md, and records where', () => {
    const problems = new Set([...report.cells.map((c) => c.problem), ...report.rows.map((r) => r.problem), ...report.columns.map((c) => c.problem)]);
    for (const p of ['thousands', 'missing', 'date-format', 'percent', 'excel-mangled-id', 'invalid-credit-code', 'duplicate-customer', 'total-row', 'unit-wan', 'date-compact']) {
      expect(problems, p).toContain(p);
    }
    const injected = (problem: string) => report.cells.filter((c) => c.problem === problem).map((c) => c.injected);
    expect(new Set(injected('missing'))).toEqual(new Set(['', '-', '—', '无', 'NULL', 'N/A']));
    expect(injected('date-format').some((t) => /^\d{8}$/.test(t))).toBe(true);
    expect(injected('date-format').some((t) => /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(t))).toBe(true);
    expect(injected('date-format').some((t) => /^\d{5}$/.test(t))).toBe(true);
    expect(injected('excel-mangled-id').every((t) => /^\d\.\d+E\+17$/.test(t))).toBe(true);
    expect(injected('invalid-credit-code').every((t) => !isValidCreditCode(t))).toBe(true);
    const duplicates = report.rows.filter((r) => r.problem === 'duplicate-customer');
    expect(duplicates.some((d) => d.values['name'] !== d.original!.name)).toBe(true);
    expect(duplicates.every((d) => d.values['customer_id'] !== d.original!.customer_id)).toBe(true);
    expect(report.columns.find((c) => c.problem === 'unit-wan')!.header).toBe('贷款余额(万元)');
  });

  it('changes a CSV exactly where the report says, and nowhere else', async () => {
    let found = 0;
    for (const spec of EXTRACT_TABLES) {
      await db.registerFile(`files/${spec.name}.csv`, await readFile(join(dir, 'csv', `${spec.name}.csv`)));
      const file = await db.query(
        `SELECT * FROM read_csv('files/${spec.name}.csv', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`,
      );
      const headers = file.schema.fields.map((f) => f.name);
      const expected = spec.columns.map((c) => report.columns.find((r) => r.table === spec.name && r.column === c.name)?.header ?? c.zh);
      expect(headers).toEqual(expected);
      const columns = headers.map((h) => column(file, h).map((v) => (v === null ? '' : String(v))));
      const result = checkTable(spec.name, file.numRows, (row, c) => {
        const text = columns[c]![row - 1]!;
        return { shown: text, matches: (t) => t === text };
      }, clean.get(spec.name)!, report);
      expect(result.problems).toEqual([]);
      found += result.found;
    }
    expect(found).toBe(report.cells.length);
    const totals = report.rows.filter((r) => r.problem === 'total-row');
    expect(totals.map((t) => t.table).sort()).toEqual(
      EXTRACT_TABLES.filter((t) => MESSY_PLAN[t.name].totals.length > 0).map((t) => t.name).sort(),
    );
    expect(totals.every((t) => Object.values(t.values)[0] === TOTAL_LABEL)).toBe(true);
  });

  it('changes a workbook exactly where the report says, with numbers and dates typed as Excel types them', async () => {
    const customers = 150;
    const out = join(dir, 'xlsx');
    await generateExtract({ ...demoOptions(customers), format: 'xlsx', headers: 'zh', messy: true, outDir: out });
    const xlsxReport = JSON.parse(await readFile(join(out, MESSY_REPORT_FILE), 'utf8')) as Report;
    const xlsxClean = cleanTexts(customers);
    let found = 0;
    let typed = 0;
    for (const spec of EXTRACT_TABLES) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(out, `${spec.name}.xlsx`));
      const sheet = workbook.getWorksheet(spec.zh)!;
      expect(sheet, spec.zh).toBeDefined();
      const result = checkTable(spec.name, sheet.rowCount - 1, (row, c) => {
        const value = sheet.getRow(row + 1).getCell(c + 1).value;
        if (typeof value === 'number' || value instanceof Date) typed++;
        return { shown: String(value), matches: (text) => cellMatches(value, text) };
      }, xlsxClean.get(spec.name)!, xlsxReport);
      expect(result.problems).toEqual([]);
      found += result.found;
    }
    expect(found).toBe(xlsxReport.cells.length);
    expect(typed).toBeGreaterThan(1000);
  });
});

/** Whether an Excel cell shows `text`: numbers compare as numbers, dates as YYYY-MM-DD. */
function cellMatches(value: ExcelJS.CellValue, text: string): boolean {
  if (value === null || value === undefined) return text === '';
  if (typeof value === 'number') return text !== '' && Number(text) === value;
  if (value instanceof Date) {
    return text === isoDate(dayOf(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()));
  }
  return value === text;
}
