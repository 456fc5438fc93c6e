import { describe, expect, it } from 'vitest';
import { parseReplayArgs, UsageError } from '../../src/replay/args';

describe('parseReplayArgs', () => {
  it('reads the notebook, repeated --data table=file, --out and --threads', () => {
    const args = parseReplayArgs(['notebooks/demo.md', '--data', 'loans=public/demo/loans.parquet', '--data', 'customers=public/demo/customers.parquet', '--out', 'o', '--threads', '2']);
    expect(args).toEqual({ notebook: 'notebooks/demo.md', data: { loans: 'public/demo/loans.parquet', customers: 'public/demo/customers.parquet' }, out: 'o', threads: 2, json: false, help: false });
  });

  it('keeps an = inside the file name (only the first = splits table from file)', () => {
    expect(parseReplayArgs(['notebooks/demo.md', '--data', 'loans=public/demo/loans.parquet']).data).toEqual({ loans: 'public/demo/loans.parquet' });
    expect(() => parseReplayArgs(['notebooks/demo.md', '--data', 'loans=a=b.csv'])).toThrow('a=b.csv');
  });

  it('--help needs no notebook', () => {
    expect(parseReplayArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['notebooks/demo.md', '--frobnicate'], 'unknown option --frobnicate'],
    [[], 'no notebook given'],
    [['notebooks/nope.md'], 'notebook not found: notebooks/nope.md'],
    [['notebooks/demo.md', '--data', 'loans'], '--data takes <table>=<file>, not loans'],
    [['notebooks/demo.md', '--data', 'loans=missing.parquet'], 'data file not found: missing.parquet (for table loans)'],
    [['notebooks/demo.md', '--out'], '--out needs a value'],
    [['notebooks/demo.md', '--threads', '0'], '--threads must be a positive integer, not 0'],
    [['notebooks/demo.md', 'notebooks/other.md'], 'one notebook at a time'],
  ])('refuses %j with a UsageError naming the problem', (argv, message) => {
    expect(() => parseReplayArgs(argv)).toThrow(UsageError);
    expect(() => parseReplayArgs(argv)).toThrow(message);
  });
});
