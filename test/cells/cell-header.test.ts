import { describe, expect, it } from 'vitest';
import { parseCellHeader } from '../../src/notebook/cell-library';

const GOOD = [
  '-- name: ind_example',
  '-- title: 示例 | Example',
  '-- needs: customers, loans',
  '-- inputs: as_of (date), min_balance (number)',
  '-- key: customer_id',
  '-- column: total | 元 | benefit | the sum of a | b;',
  '--     continued here',
  '-- column: overdue | days | cost | days late',
  '-- note: first note',
  '--     with a second line',
  '-- note: second note',
  'SELECT customer_id, 1 AS total, 0 AS overdue FROM customers',
  '-- name: not header any more',
].join('\n');

/** GOOD with line `n` (1-based) replaced, or removed when `text` is null. */
function withLine(n: number, text: string | null): string {
  const lines = GOOD.split('\n');
  if (text === null) lines.splice(n - 1, 1);
  else lines[n - 1] = text;
  return lines.join('\n');
}

describe('parseCellHeader', () => {
  it('reads every field, joins continuation lines, keeps "|" inside a description, and stops at the first SQL line', () => {
    expect(parseCellHeader('example', GOOD)).toEqual({
      id: 'example',
      name: 'ind_example',
      title: { zh: '示例', en: 'Example' },
      needs: ['customers', 'loans'],
      inputs: [
        { name: 'as_of', type: 'date' },
        { name: 'min_balance', type: 'number' },
      ],
      key: 'customer_id',
      columns: [
        { name: 'total', unit: '元', direction: 'benefit', description: 'the sum of a | b; continued here' },
        { name: 'overdue', unit: 'days', direction: 'cost', description: 'days late' },
      ],
      notes: ['first note with a second line', 'second note'],
      sql: GOOD,
    });
  });

  it('takes a header without inputs (the matrix template has none) and CRLF line endings', () => {
    const cell = parseCellHeader('example', withLine(4, null).replaceAll('\n', '\r\n'));
    expect(cell.inputs).toEqual([]);
    expect(cell.columns.map((c) => c.name)).toEqual(['total', 'overdue']);
  });

  it.each([
    [1, '-- nmae: ind_example', 'unknown field "nmae"'],
    [1, '-- name: 1st', '"1st" is not a valid cell name'],
    [2, '-- title: 只有中文', 'title must be "中文 | English"'],
    [3, '-- needs: customers,, loans', '"needs" has an empty item'],
    [4, '-- inputs: as_of date', 'an input is "name (type)"'],
    [6, '-- column: total | 元 | good | x', 'column "total": direction must be benefit, cost or none, not "good"'],
    [6, '-- column: total | 元 | benefit', 'a column is "name | unit | benefit|cost|none | description"'],
    [6, '-- column: total |  | benefit | x', 'column "total" has no unit'],
    [8, '-- column: total | days | cost | again', 'column "total" is declared twice'],
    [11, '-- note:', '"note" is empty'],
    [9, '-- just a comment', 'expected "-- field: value"'],
    [3, '--     a continuation of the title', 'a continuation line must follow a column or note'],
    [5, '-- name: ind_other', '"name" is given twice (first on line 1)'],
  ])('line %i as %j fails with a message naming the file and that line', (line, text, message) => {
    expect(() => parseCellHeader('example', withLine(line, text))).toThrow(`cells/example.sql line ${line}: ${message}`);
  });

  it('reports a column named like the key at the key line', () => {
    expect(() => parseCellHeader('example', withLine(8, '-- column: customer_id | text | none | the key'))).toThrow(
      'cells/example.sql line 5: the key "customer_id" is also declared as a column',
    );
  });

  it('reports a missing required field or column at the header\'s last line, and a file without a header at line 1', () => {
    expect(() => parseCellHeader('example', withLine(5, null))).toThrow('cells/example.sql line 10: the header has no "key"');
    const noColumns = GOOD.split('\n').filter((l, i) => !/^-- column|^--     continued/.test(l) || i > 11).join('\n');
    expect(() => parseCellHeader('example', noColumns)).toThrow('cells/example.sql line 8: the header declares no column');
    expect(() => parseCellHeader('empty', 'SELECT 1')).toThrow('cells/empty.sql line 1: the file has no header');
  });
});
