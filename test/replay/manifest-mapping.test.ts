import { describe, expect, it } from 'vitest';
import type { DataManifestEntry } from '../../src/notebook/document';
import { mappingFromManifest, policyOf, readRequestOf } from '../../src/replay/manifest-mapping';
import { locateFiles } from '../../src/replay/data-files';

const entry: DataManifestEntry = {
  table: 'loans',
  file: 'loans.csv',
  size: 1,
  sha256: 'x',
  rows: 1,
  format: 'csv',
  options: { encoding: 'gbk', delimiter: ';', quote: '"', header: true },
  recognisedAs: 'loans',
  columns: [
    { source: '借据号', target: 'loan_id', kind: 'id' },
    { source: '贷款余额(万元)', target: 'balance', kind: 'amount', unit: 10_000 },
    { source: '备注', target: 'note', kind: 'text' },
  ],
  policy: 'keep-row-blank-cell',
};

describe('the manifest as a load request', () => {
  it('reads with the recorded delimiter, quote and header (the encoding is detected from the bytes)', () => {
    expect(readRequestOf(entry)).toEqual({ delimiter: ';', quote: '"', header: true });
    expect(readRequestOf({ ...entry, options: { sheet: '借据', headerRow: 3 } })).toEqual({ sheet: '借据', headerRow: 3 });
  });

  it('keeps the recorded invalid-row policy', () => {
    expect(policyOf(entry)).toBe('keep-row-blank-cell');
    expect(policyOf({ ...entry, policy: 'reject-row' })).toBe('reject-row');
  });

  it('maps each staged column by its header to the recorded target, kind and unit, in the file’s order', () => {
    const staged = [
      { header: '贷款余额(万元)', name: 'c1', type: 'VARCHAR' },
      { header: '借据号', name: 'c0', type: 'VARCHAR' },
      { header: '备注', name: 'c2', type: 'VARCHAR' },
    ];
    const { mapping, problems } = mappingFromManifest(entry, staged);
    expect(problems).toEqual([]);
    expect(mapping.table).toBe('loans');
    expect(mapping.name).toBe('loans');
    expect(mapping.columns.map((c) => [c.source, c.target, c.kind, c.unit, c.canonical])).toEqual([
      ['c1', 'balance', 'amount', 10_000, true],
      ['c0', 'loan_id', 'id', 1, true],
      ['c2', 'note', 'text', 1, false], // not a column of the loans table
    ]);
  });

  it('names a column the manifest does not know and one the file lacks', () => {
    const { mapping, problems } = mappingFromManifest(entry, [
      { header: '借据号', name: 'c0', type: 'VARCHAR' },
      { header: '余额', name: 'c1', type: 'VARCHAR' },
    ]);
    expect(problems).toEqual(['column 余额 is not in the manifest', 'column 贷款余额(万元) is missing from the file', 'column 备注 is missing from the file']);
    expect(mapping.columns[1]).toMatchObject({ source: 'c1', target: 'c1', canonical: false });
  });

  it('a plain table (recognised as nothing) has no canonical columns', () => {
    const { mapping } = mappingFromManifest({ ...entry, recognisedAs: null }, [{ header: '借据号', name: 'c0', type: 'VARCHAR' }]);
    expect(mapping.table).toBeNull();
    expect(mapping.columns[0]!.canonical).toBe(false);
  });
});

describe('locateFiles', () => {
  const demoEntry = { ...entry, table: 'customers', file: 'customers.parquet' };
  it('looks beside the notebook, then in public/demo/; --data overrides', () => {
    const [found] = locateFiles([demoEntry], 'notebooks/demo.md', {});
    expect(found!.tried).toEqual([`${process.cwd()}/notebooks/customers.parquet`, `${process.cwd()}/public/demo/customers.parquet`]);
    expect(found!.path).toBe(`${process.cwd()}/public/demo/customers.parquet`);
    const [overridden] = locateFiles([demoEntry], 'notebooks/demo.md', { customers: 'public/demo/loans.parquet' });
    expect(overridden!.path).toBe(`${process.cwd()}/public/demo/loans.parquet`);
    const [missing] = locateFiles([demoEntry], 'notebooks/demo.md', { customers: 'nope.parquet' });
    expect(missing!.path).toBeNull();
  });
});
