import { describe, expect, it } from 'vitest';
import { compareData, compareDigests } from '../../src/notebook/verify';
import type { DataManifestEntry } from '../../src/notebook/document';

const entry = (table: string, sha256: string, rows: number): DataManifestEntry => ({
  table, file: `${table}.csv`, size: 100, sha256, rows, format: 'csv', options: {}, recognisedAs: table, columns: [], policy: 'reject-row',
});

describe('compareDigests', () => {
  it('passes equal digests and says what moved, and by how much, in the others', () => {
    const saved = {
      same: { rows: 3, hash: 'a' },
      moved: { rows: 5000, hash: 'b', columns: { balance: { sum: 1_000_000, min: 0, max: 90_000 } } },
      gone: { rows: 1, hash: 'c' },
    };
    const now = {
      same: { rows: 3, hash: 'a' },
      moved: { rows: 4999, hash: 'x', columns: { balance: { sum: 1_000_250.5, min: 0, max: 90_000 } } },
      fresh: { rows: 2, hash: 'd' },
    };
    expect(compareDigests(saved, now, { gone: 'Binder Error: no column x' })).toEqual([
      { name: 'same', status: 'pass', differences: [] },
      { name: 'moved', status: 'changed', differences: ['rows: 5,000 → 4,999 (-1)', 'balance sum: 1,000,000 → 1,000,250.5 (+250.5)'] },
      { name: 'gone', status: 'failed', differences: ['Binder Error: no column x'] },
      { name: 'fresh', status: 'new', differences: ['no saved digest'] },
    ]);
  });
});

describe('compareData', () => {
  it('names the file that differs and the table that is missing', () => {
    const verdicts = compareData([entry('loans', 'aaaa1111bbbb2222', 10), entry('customers', 'cccc', 5), entry('outcomes', 'dddd', 2)], [entry('loans', 'ffff9999eeee8888', 11), entry('customers', 'cccc', 5)]);
    expect(verdicts).toEqual([
      { table: 'loans', file: 'loans.csv', status: 'differs', differences: ['SHA-256 aaaa1111bbbb… → ffff9999eeee… (loans.csv)', 'rows: 10 → 11 (+1)'] },
      { table: 'customers', file: 'customers.csv', status: 'same', differences: [] },
      { table: 'outcomes', file: 'outcomes.csv', status: 'missing', differences: ['table outcomes is not loaded (expected outcomes.csv)'] },
    ]);
  });
});
