import { createHash } from 'node:crypto';
import { DateDay, Float64, Int64, Table, Utf8, tableFromArrays, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { canonicalNumber, canonicalText } from '../../../src/runtime/ts/canonical';
import { ROWS_PER_BLOCK, digestTable, digestValue } from '../../../src/runtime/ts/digest';
import { rowsToTable } from '../../../src/runtime/ts/arrow-values';

/** The expected hashes below were worked out by hand and hashed with `printf ... | sha256sum`. */

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonical text', () => {
  it('rounds numbers to 12 significant digits and prints the shortest text', () => {
    expect(canonicalNumber(0.1 + 0.2)).toBe('0.3');
    expect(canonicalNumber(1 / 3)).toBe('0.333333333333');
    expect(canonicalNumber(123456789012345)).toBe('123456789012000');
    expect(canonicalNumber(-0)).toBe('0');
    expect(canonicalNumber(Number.NaN)).toBe('NaN');
    expect(canonicalNumber(-Infinity)).toBe('-Infinity');
    expect(canonicalNumber(1e-20)).toBe('1e-20');
  });

  it('sorts keys, drops undefined members, writes dates as ISO text', () => {
    expect(canonicalText({ b: 0.1 + 0.2, a: [1, null, 'x'], d: new Date('2024-01-02T00:00:00Z'), u: undefined }))
      .toBe('{"a":[1,null,"x"],"b":0.3,"d":"2024-01-02T00:00:00.000Z"}');
  });

  it('writes typed arrays, Sets and Maps as arrays, bigints as numbers', () => {
    expect(canonicalText({ t: new Float64Array([1.5, -0]), s: new Set(['a']), m: new Map([['k', 1n]]) })).toBe('{"m":[["k",1]],"s":["a"],"t":[1.5,0]}');
  });

  it('survives a cycle', () => {
    const a: Record<string, unknown> = { x: 1 };
    a['self'] = a;
    expect(canonicalText(a)).toBe('{"self":"[circular]","x":1}');
  });
});

describe('digest of a value', () => {
  it('hashes a number\'s text, counts one row and gives its stats under "value"', async () => {
    expect(await digestValue(42)).toEqual({
      rows: 1,
      hash: '73475cb40a568e8da8a045ced110137e159f890ac4da883b6b17dc651b3a8049',
      columns: { value: { sum: 42, min: 42, max: 42 } },
    });
  });

  it('hashes an object\'s canonical text', async () => {
    const digest = await digestValue({ b: 0.1 + 0.2, a: [1, null, 'x'], d: new Date('2024-01-02T00:00:00Z') });
    expect(digest).toEqual({ rows: 1, hash: '2c79337b8f257459a73da1fda76eb805e1cf835795d716104a10b757b930799b' });
  });

  it('counts no row for undefined', async () => {
    expect(await digestValue(undefined)).toEqual({ rows: 0, hash: 'eb045d78d273107348b0300c01d29b7552d622abbc6faf81b3ec55359aa9950c' });
  });

  it('gives stats of a typed array of scores, skipping NaN', async () => {
    expect((await digestValue(new Float64Array([0.5, Number.NaN, 0.25, 1]))).columns).toEqual({ value: { sum: 1.75, min: 0.25, max: 1 } });
  });

  it('is the same for the same content and different for a changed value', async () => {
    const a = await digestValue({ x: 1, y: [1, 2] });
    expect((await digestValue({ y: [1, 2], x: 1 })).hash).toBe(a.hash);
    expect((await digestValue({ x: 1, y: [1, 3] })).hash).not.toBe(a.hash);
  });

  it('treats -0 as 0, NaN as itself, and null as neither 0 nor NaN', async () => {
    const hash = async (v: unknown) => (await digestValue(v)).hash;
    expect(await hash(-0)).toBe(await hash(0));
    expect(await hash(Number.NaN)).toBe(await hash(Number.NaN));
    expect(await hash(null)).not.toBe(await hash(0));
    expect(await hash(null)).not.toBe(await hash(Number.NaN));
  });

  it('ignores differences below 12 significant digits and sees those above', async () => {
    const hash = async (v: unknown) => (await digestValue(v)).hash;
    expect(await hash(0.7 * 3)).toBe(await hash(2.1));
    expect(await hash(2.1 * (1 + 1e-14))).toBe(await hash(2.1));
    expect(await hash(2.1 * (1 + 1e-10))).not.toBe(await hash(2.1));
  });
});

describe('digest of a table', () => {
  const small = () => new Table({ b: vectorFromArray(['x', null], new Utf8()), a: vectorFromArray([1, 2.5], new Float64()) });

  it('hashes the sorted column names, then the SHA-256 of each block of rows', async () => {
    // header ["a","b"]; block "[1,"x"]\n[2.5,null]\n" → 098f7ccf...; then SHA-256 of header + "\n" + block hash
    expect(await digestTable(small())).toEqual({
      rows: 2,
      hash: 'eae3380986e8820c893d308772975dc2ae86fcc5292a0e8523308bbb289a48d2',
      columns: { a: { sum: 3.5, min: 1, max: 2.5 } },
    });
  });

  it('hashes an empty table by its columns', async () => {
    const empty = new Table({ a: vectorFromArray([], new Float64()) });
    expect(await digestTable(empty)).toEqual({ rows: 0, hash: '0eb5b8d6f81bc677da8a08567cc4fa9a06a57e9ec8da85ed73a7f62727996002' });
  });

  it('does not depend on column order, but does on row order', async () => {
    const reordered = new Table({ a: vectorFromArray([1, 2.5], new Float64()), b: vectorFromArray(['x', null], new Utf8()) });
    const flipped = new Table({ a: vectorFromArray([2.5, 1], new Float64()), b: vectorFromArray([null, 'x'], new Utf8()) });
    const base = (await digestTable(small())).hash;
    expect((await digestTable(reordered)).hash).toBe(base);
    expect((await digestTable(flipped)).hash).not.toBe(base);
  });

  it('hashes rows in blocks of 4096, as an independent implementation does', async () => {
    const n = ROWS_PER_BLOCK * 2 + 5;
    const x = Float64Array.from({ length: n }, (_, i) => i / 7);
    const table = tableFromArrays({ x });
    const blocks: string[] = [];
    for (let start = 0; start < n; start += ROWS_PER_BLOCK) {
      let text = '';
      for (let i = start; i < Math.min(n, start + ROWS_PER_BLOCK); i++) text += `[${String(Number((i / 7).toPrecision(12)))}]\n`;
      blocks.push(sha256(text));
    }
    const digest = await digestTable(table);
    expect(digest.hash).toBe(sha256(['["x"]', ...blocks].join('\n')));
    expect(digest.columns!['x']!.max).toBe(Number(((n - 1) / 7).toPrecision(12)));
  });

  it('gives a table of rows and the same Arrow table from SQL the same hash', async () => {
    const fromRows = rowsToTable([{ id: 1n, day: new Date('2024-01-02T00:00:00Z'), v: 0.5 }, { id: 2n, day: new Date('2024-01-03T00:00:00Z'), v: null }]);
    const fromSql = new Table({
      id: vectorFromArray([1n, 2n], new Int64()),
      day: vectorFromArray([new Date('2024-01-02T00:00:00Z'), new Date('2024-01-03T00:00:00Z')], new DateDay()),
      v: vectorFromArray([0.5, null], new Float64()),
    });
    const a = await digestTable(fromRows);
    const b = await digestTable(fromSql);
    expect(a.hash).toBe(b.hash);
    expect(a.columns).toEqual({ id: { sum: 3, min: 1, max: 2 }, v: { sum: 0.5, min: 0.5, max: 0.5 } });
  });

  it('leaves out a numeric column with no finite value', async () => {
    const table = new Table({ v: vectorFromArray([null, Number.NaN], new Float64()) });
    expect((await digestTable(table)).columns).toBeUndefined();
  });
});
