import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { quoteIdent } from '../../src/engine/database';
import { stageCsv } from '../../src/extract/readers/csv-reader';
import { uniformLineEnds } from '../../src/extract/readers/line-ends';
import { startNodeWasmDatabase } from '../support/wasm-node';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('uniformLineEnds', () => {
  it('leaves a file with one style of line break as it is (the same bytes, no copy)', () => {
    for (const s of ['a,b\nc,d\n', 'a,b\r\nc,d\r\n', 'a,b\rc,d\r', 'a,b']) {
      const bytes = utf8(s);
      expect(uniformLineEnds(bytes, '"')).toBe(bytes);
    }
  });

  it('rewrites a mix to LF outside quotes, keeping breaks inside quoted fields', () => {
    expect(text(uniformLineEnds(utf8('a,b\r\nc,"x\r\ny"\nd,e\rf,g'), '"'))).toBe('a,b\nc,"x\r\ny"\nd,e\nf,g');
  });
});

describe('a CSV file mixing LF, CRLF and CR (found by the fuzzer)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await startNodeWasmDatabase();
  });
  afterAll(async () => db?.close());

  it('is read row by row, each row numbered by its line, instead of refused as unreadable', async () => {
    const bytes = utf8('客户号,客户名称\r\nC1,甲公司\nC2,乙公司\rC3,"丙\r\n公司"\r\nC4,丁公司\n');
    const staged = await stageCsv(db, bytes, { name: 'mixed.csv', size: bytes.length, sha256: 'x', format: 'csv' });
    const rows = (await db.query(`SELECT * FROM ${quoteIdent(staged.table)} ORDER BY __row`)).toArray().map((r) => ({ ...(r.toJSON() as Record<string, unknown>) }));
    expect(rows).toEqual([
      { __row: 2, 客户号: 'C1', 客户名称: '甲公司' },
      { __row: 3, 客户号: 'C2', 客户名称: '乙公司' },
      { __row: 4, 客户号: 'C3', 客户名称: '丙\r\n公司' },
      { __row: 6, 客户号: 'C4', 客户名称: '丁公司' },
    ]);
    expect(staged.issues).toEqual([]);
  });
});
