import { describe, expect, it } from 'vitest';
import { LoadError } from '../../../src/extract/issues';
import { asIssue } from '../../../src/ui/state/load-issue';

describe('asIssue', () => {
  it("names running out of memory as such, when a reader wrapped DuckDB's allocation failure as unreadable", () => {
    const wrapped = new LoadError({ code: 'unreadable', severity: 'error', file: 'repayments.csv', detail: { message: 'Out of Memory Error: Allocation failure' } });
    expect(asIssue(wrapped, 'repayments.csv')).toEqual({ code: 'out-of-memory', severity: 'error', file: 'repayments.csv', detail: { message: 'Out of Memory Error: Allocation failure' } });
    expect(asIssue(new RangeError('Array buffer allocation failed'), 'big.xlsx').code).toBe('out-of-memory');
  });

  it('keeps every other load error as it is, and makes a plain error an unreadable file naming it', () => {
    const parse = new LoadError({ code: 'unreadable', severity: 'error', file: 'a.csv', detail: { message: 'Invalid Input Error: CSV Parser state machine' } });
    expect(asIssue(parse, 'a.csv')).toBe(parse.issue);
    const empty = new LoadError({ code: 'empty-file', severity: 'error', file: 'b.csv' });
    expect(asIssue(empty, 'b.csv')).toBe(empty.issue);
    expect(asIssue(new Error('boom'), 'c.csv')).toEqual({ code: 'unreadable', severity: 'error', file: 'c.csv', detail: { message: 'boom' } });
  });
});
