import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WasmDatabase } from '../../../src/engine/wasm/wasm-database';
import { stageJson } from '../../../src/extract/readers/json-reader';
import { stageParquet } from '../../../src/extract/readers/parquet-reader';
import { stageXlsx } from '../../../src/extract/readers/xlsx-reader';
import type { SourceFormat } from '../../../src/extract/staging';
import { buildLoansParquet, buildLoansXlsx, writeParquetTable } from '../../fixtures/build-fixtures';
import { startNodeWasmDatabase } from '../../support/wasm-node';
import { loadFailure, sourceOf, stagedRows, stagingTables } from './support';

/** Bytes of something that is no extract at all: a PNG header and noise with NUL bytes. */
const BINARY = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...Array.from({ length: 500 }, (_, i) => (i * 37) % 256)]);
const OLE2 = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);

describe('files that cannot be loaded', () => {
  let db: WasmDatabase;
  let before: string[];
  beforeAll(async () => {
    db = await startNodeWasmDatabase();
    before = await stagingTables(db);
  });
  afterAll(async () => db?.close());

  const stage = (format: SourceFormat, bytes: Uint8Array, name = `bad.${format}`) => {
    const source = sourceOf(name, format, bytes);
    if (format === 'xlsx') return stageXlsx(db, bytes, source, {}, {});
    if (format === 'parquet') return stageParquet(db, bytes, source, {});
    return stageJson(db, bytes, source, {});
  };

  it.each(['xlsx', 'parquet', 'json'] as const)('an empty .%s is an empty file', async (format) => {
    expect(await loadFailure(stage(format, new Uint8Array()), 'empty-file')).toEqual({ code: 'empty-file', severity: 'error', file: `bad.${format}` });
  });

  it.each([
    ['xlsx', 'unreadable', { reason: 'not-xlsx' }],
    ['parquet', 'unreadable', { reason: 'not-parquet' }],
    ['json', 'binary-file', undefined],
  ] as const)('a binary file renamed .%s is refused as %s', async (format, code, detail) => {
    expect((await loadFailure(stage(format, BINARY), code)).detail).toEqual(detail);
  });

  it('an old .xls or an encrypted workbook is an unsupported format', async () => {
    expect((await loadFailure(stage('xlsx', OLE2), 'unsupported-format')).detail).toEqual({ reason: 'xls-or-encrypted' });
  });

  it('a truncated workbook is unreadable', async () => {
    const bytes = await buildLoansXlsx();
    const issue = await loadFailure(stage('xlsx', bytes.slice(0, Math.floor(bytes.length / 2))), 'unreadable');
    expect(issue.detail?.['reason']).toBe('not-xlsx');
    expect(String(issue.detail?.['message'])).not.toBe('');
  });

  it('a workbook with one damaged byte inside a part is refused as damaged, not loaded with a changed value', async () => {
    // re-pack uncompressed, so the damaged byte still inflates and only the checksum can tell
    const stored = zipSync(unzipSync(await buildLoansXlsx()), { level: 0 });
    const at = Buffer.from(stored.buffer, stored.byteOffset, stored.length).indexOf('<sheetData>');
    expect(at).toBeGreaterThan(0);
    const text = new TextDecoder().decode(stored.subarray(at, at + 4000));
    const digit = at + text.search(/<v>\d/) + 3; // the first digit of the first numeric cell
    const damaged = stored.slice();
    damaged[digit] = damaged[digit] === 0x39 ? 0x38 : damaged[digit]! + 1;
    const issue = await loadFailure(stage('xlsx', damaged, 'loans.xlsx'), 'damaged-file');
    expect(issue.file).toBe('loans.xlsx');
    expect(String(issue.detail?.['message'])).toMatch(/crc/i);
    // the same bytes undamaged load
    const good = await stage('xlsx', stored);
    expect(good.rows).toBeGreaterThan(0);
    await db.exec(`DROP TABLE ${good.table}`);
  });

  it('a sheet with a header and no rows is header-only, naming the header row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('空表');
    sheet.getCell('A1').value = '2024年3月贷款明细';
    sheet.getRow(3).values = ['客户号', '客户名称', '贷款余额'];
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await loadFailure(stage('xlsx', bytes), 'header-only')).toEqual({
      code: 'header-only', severity: 'error', file: 'bad.xlsx', row: 3, detail: { sheet: '空表' },
    });
  });

  it('a workbook without content, or without the requested sheet, has no sheet data', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect((await loadFailure(stage('xlsx', bytes), 'no-sheet-data')).detail).toEqual({ sheets: 1 });
    const loans = await buildLoansXlsx();
    const missing = stageXlsx(db, loans, sourceOf('l.xlsx', 'xlsx', loans), { sheet: '不存在' }, {});
    expect((await loadFailure(missing, 'no-sheet-data')).detail).toEqual({ sheet: '不存在', reason: 'no-such-sheet' });
  });

  it('a truncated or corrupted Parquet file is unreadable, and parquet-wasm still reads the next file', async () => {
    const bytes = await buildLoansParquet();
    expect((await loadFailure(stage('parquet', bytes.slice(0, bytes.length - 100)), 'unreadable')).detail).toEqual({ reason: 'truncated' });
    const corrupt = bytes.slice();
    corrupt.fill(0x41, corrupt.length - 200, corrupt.length - 8);
    const issue = await loadFailure(stage('parquet', corrupt), 'unreadable');
    expect(issue.detail?.['reason']).toBe('corrupt-parquet');
    const good = await stageParquet(db, bytes, sourceOf('good.parquet', 'parquet', bytes), {});
    expect(good.rows).toBe(3);
    await db.exec(`DROP TABLE ${good.table}`);
  });

  it('a Parquet file without rows is header-only', async () => {
    const bytes = await writeParquetTable(new Table({ 客户号: vectorFromArray([] as string[], new Utf8()) }));
    expect((await loadFailure(stage('parquet', bytes), 'header-only')).detail).toEqual({ columns: 1 });
  });

  it('leaves the database working and without staging tables after all of these', async () => {
    expect(await stagingTables(db)).toEqual(before);
    const bytes = new TextEncoder().encode('[{"a": "ok"}]');
    const staged = await stageJson(db, bytes, sourceOf('ok.json', 'json', bytes), {});
    expect(await stagedRows(db, staged.table)).toEqual([{ __row: 1, a: 'ok' }]);
  });
});
