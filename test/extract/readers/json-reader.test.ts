import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCancellation } from '../../../src/engine/database';
import { stageJson } from '../../../src/extract/readers/json-reader';
import type { LoadProgress } from '../../../src/extract/staging';
import type { WasmDatabase } from '../../../src/engine/wasm/wasm-database';
import { startNodeWasmDatabase } from '../../support/wasm-node';
import { loadFailure, sourceOf, stagedRows, stagingTables } from './support';

const utf8 = (text: string) => new TextEncoder().encode(text);
const source = (bytes: Uint8Array) => sourceOf('loans.json', 'json', bytes);

describe('the JSON reader', () => {
  let db: WasmDatabase;
  const stage = (text: string | Uint8Array) => {
    const bytes = typeof text === 'string' ? utf8(text) : text;
    return stageJson(db, bytes, source(bytes), {});
  };

  beforeAll(async () => {
    db = await startNodeWasmDatabase();
  });
  afterAll(async () => db?.close());

  it('stages an array of records as text, columns the union of keys in first-seen order', async () => {
    const staged = await stage(`[
      {"客户号": "C001", "贷款余额": 1200.50, "逾期": false, "担保": {"方式": "抵押", "比例": [0.5, 0.25]}},
      {"客户号": "C002", "到期日": "2024-03-05", "贷款余额": null, "借据号": 6222021234567890123},
      {"贷款余额": "1,234.50", "客户号": ""}
    ]`);
    expect(staged.options).toEqual({ encoding: 'utf-8', shape: 'array' });
    expect(staged.columns.map((c) => [c.header, c.type])).toEqual([
      ['客户号', 'VARCHAR'], ['贷款余额', 'VARCHAR'], ['逾期', 'VARCHAR'], ['担保', 'VARCHAR'], ['到期日', 'VARCHAR'], ['借据号', 'VARCHAR'],
    ]);
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 1, 客户号: 'C001', 贷款余额: '1200.50', 逾期: 'false', 担保: '{"方式":"抵押","比例":[0.5,0.25]}', 到期日: null, 借据号: null },
      { __row: 2, 客户号: 'C002', 贷款余额: null, 逾期: null, 担保: null, 到期日: '2024-03-05', 借据号: '6222021234567890123' },
      { __row: 3, 客户号: '', 贷款余额: '1,234.50', 逾期: null, 担保: null, 到期日: null, 借据号: null },
    ]);
    expect(staged.issues).toEqual([]);
  });

  it('orders integer-like keys first, ascending, as lossless-json and JSON.parse build objects', async () => {
    const staged = await stage('[{"客户号": "C1", "202402": 5, "202401": 4, "a": 1, "a": 2}]');
    expect(staged.columns.map((c) => c.header)).toEqual(['202401', '202402', '客户号', 'a']);
    expect(await stagedRows(db, staged.table)).toEqual([{ __row: 1, 202401: '4', 202402: '5', 客户号: 'C1', a: '2' }]);
  });

  it('stages NDJSON with line numbers as rows; a bad line is a row issue and the rest loads', async () => {
    const staged = await stage('\uFEFF{"id": "C1", "v": 1}\r\n\r\n{"id": "C2", "v": tru}\n[1, 2]\n{"id": "C3", "w": [1]}\n');
    expect(staged.options).toEqual({ encoding: 'utf-8-bom', shape: 'ndjson' });
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 1, id: 'C1', v: '1', w: null },
      { __row: 5, id: 'C3', v: null, w: '[1]' },
    ]);
    expect(staged.issues).toEqual([
      { code: 'parse-error', severity: 'error', file: 'loans.json', row: 3, value: '{"id": "C2", "v": tru}', detail: { line: 3, column: 19, message: "Object value expected after ':'" } },
      { code: 'parse-error', severity: 'error', file: 'loans.json', row: 4, value: '[1,2]', detail: { reason: 'not-a-record' } },
    ]);
  });

  it('lists the first thousand bad lines one by one and counts the rest', async () => {
    const lines = ['{"id": 1}', ...Array.from({ length: 1500 }, (_, i) => `bad ${i}`), '{"id": 2}'];
    const staged = await stage(lines.join('\n'));
    expect(staged.rows).toBe(2);
    expect(staged.issues).toHaveLength(1001);
    expect(staged.issues[999]).toMatchObject({ code: 'parse-error', row: 1001, value: 'bad 999' });
    expect(staged.issues[1000]).toEqual({ code: 'parse-error', severity: 'error', file: 'loans.json', detail: { unlisted: 500 } });
  });

  it('stages the array of records an object holds and names its key', async () => {
    const staged = await stage('{"code": 0, "total": 2, "data": [{"a": "x"}, 7, {"a": "y"}], "more": [{"b": 1}]}');
    expect(staged.options).toEqual({ encoding: 'utf-8', shape: 'object', recordsKey: 'data' });
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 1, a: 'x' },
      { __row: 3, a: 'y' },
    ]);
    expect(staged.issues.map((i) => [i.code, i.row, i.value])).toEqual([['parse-error', 2, '7']]);
  });

  it('stages a lone object as one record', async () => {
    const staged = await stage('{"客户号": "C1", "名单": ["甲", "乙"]}');
    expect(staged.options).toEqual({ encoding: 'utf-8', shape: 'single-record' });
    expect(await stagedRows(db, staged.table)).toEqual([{ __row: 1, 客户号: 'C1', 名单: '["甲","乙"]' }]);
  });

  it('reads GB18030 JSON and says it did', async () => {
    const staged = await stage(new Uint8Array(iconv.encode('[{"客户名称": "甲公司"}]', 'gb18030')));
    expect(staged.options['encoding']).toBe('gb18030');
    expect(staged.issues.map((i) => i.code)).toEqual(['decoded-gb18030']);
    expect(await stagedRows(db, staged.table)).toEqual([{ __row: 1, 客户名称: '甲公司' }]);
  });

  it('names empty and repeated keys it had to rename', async () => {
    const staged = await stage('[{"": 1, "column_1": 2}]');
    expect(staged.columns.map((c) => [c.header, c.name])).toEqual([['', 'column_1'], ['column_1', 'column_1_2']]);
    expect(staged.issues.map((i) => i.code)).toEqual(['empty-header', 'duplicate-header']);
  });

  it('refuses a broken file, naming the line and column where it stops being JSON', async () => {
    const issue = await loadFailure(stage('[\n  {"a": 1},\n  {"a": 2,}\n]'), 'parse-error');
    expect(issue).toEqual({ code: 'parse-error', severity: 'error', file: 'loans.json', row: 3, detail: { line: 3, column: 11, message: "Quoted object key expected but got '}'" } });
    expect((await loadFailure(stage('{"a": 1'), 'parse-error')).detail).toEqual({ line: 1, column: 8, message: "Quoted object key or end of object '}' expected but reached end of input" });
    expect((await loadFailure(stage('[{"a": 1}] x'), 'parse-error')).detail).toEqual({ line: 1, column: 12, message: "Expected end of input but got 'x'" });
    expect((await loadFailure(stage('<html></html>'), 'parse-error')).detail).toEqual({ line: 1, column: 1, message: "JSON value expected but got '<'" });
  });

  it('refuses nesting too deep to parse: the whole file, or only its line in NDJSON', async () => {
    const deep = '{"a": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    expect(await loadFailure(stage(`[${deep}]`), 'parse-error')).toEqual({ code: 'parse-error', severity: 'error', file: 'loans.json', detail: { message: 'Nested too deeply to read' } });
    const staged = await stage(`{"a": 1}\n${deep}\n{"a": 3}`);
    expect(await stagedRows(db, staged.table)).toEqual([{ __row: 1, a: '1' }, { __row: 3, a: '3' }]);
    expect(staged.issues.map((i) => [i.row, i.detail])).toEqual([[2, { line: 2, message: 'Nested too deeply to read' }]]);
  });

  it('reports progress by records and stops when aborted, leaving no staging table behind', async () => {
    const text = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ id: `C${i}` })));
    const progress: LoadProgress[] = [];
    const staged = await stageJson(db, utf8(text), source(utf8(text)), { onProgress: (p) => progress.push(p) });
    expect(staged.rows).toBe(5000);
    expect(progress.filter((p) => p.phase === 'parsing')).toEqual([
      { phase: 'parsing', done: 0, total: text.length },
      { phase: 'parsing', done: 2000, total: 5000 },
      { phase: 'parsing', done: 4000, total: 5000 },
    ]);

    const before = await stagingTables(db);
    for (const abortAt of [0, 2000]) {
      const controller = new AbortController();
      const aborted = stageJson(db, utf8(text), source(utf8(text)), {
        signal: controller.signal,
        onProgress: (p) => p.phase === 'parsing' && p.done === abortAt && controller.abort(),
      });
      expect(isCancellation(await aborted.catch((e: unknown) => e))).toBe(true);
    }
    expect(await stagingTables(db)).toEqual(before);
  });

  it('refuses JSON without records, leaving no staging table behind', async () => {
    const before = await stagingTables(db);
    expect((await loadFailure(stage('[]'), 'empty-file')).detail).toEqual({ reason: 'no-records' });
    expect((await loadFailure(stage('[1, "a"]'), 'unsupported-format')).detail).toEqual({ reason: 'no-records' });
    expect((await loadFailure(stage('"text"'), 'unsupported-format')).detail).toEqual({ reason: 'not-records' });
    expect((await loadFailure(stage('{}'), 'empty-file')).detail).toEqual({ reason: 'no-fields' });
    await loadFailure(stage(' \n '), 'empty-file');
    expect(await stagingTables(db)).toEqual(before);
  });
});
