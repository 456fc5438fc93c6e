import { describe, expect, it } from 'vitest';
import { composeHeaders, findHeader, type HeadCell, type HeadRow } from '../../../src/extract/readers/xlsx-header';

type CellSpec = string | number | { text: string; master: [number, number] };

/** A row of the model: strings are text cells, numbers numeric cells, {master} merge-covered cells. */
function row(n: number, cells: Record<number, CellSpec>): HeadRow {
  const map = new Map<number, HeadCell>();
  for (const [col, spec] of Object.entries(cells)) {
    if (typeof spec === 'string') map.set(Number(col), { text: spec, isString: true });
    else if (typeof spec === 'number') map.set(Number(col), { text: String(spec), isString: false });
    else map.set(Number(col), { text: spec.text, isString: true, master: { row: spec.master[0], col: spec.master[1] } });
  }
  return { row: n, cells: map };
}

/** A title merged across columns 1..n of row r. */
function title(r: number, text: string, n: number): HeadRow {
  const cells: Record<number, CellSpec> = { 1: text };
  for (let c = 2; c <= n; c++) cells[c] = { text, master: [r, 1] };
  return row(r, cells);
}

describe('header detection', () => {
  it('skips a merged title row and takes the row with the most label cells', () => {
    const rows = [title(1, '2024年3月贷款明细', 3), row(2, { 1: '客户号', 2: '客户名称', 3: '贷款余额' }), row(3, { 1: 'C001', 2: '甲公司', 3: 1200 })];
    expect(findHeader(rows)).toEqual({ headerRow: 2 });
  });

  it('does not let numbers and dates stored as text outvote a header with a blank cell', () => {
    const rows = [
      row(1, { 1: '客户号', 2: '贷款余额', 4: '贷款日期' }),
      row(2, { 1: 'C001', 2: '1,200.50', 3: '800', 4: '2024-03-05' }),
      row(3, { 1: 'C002', 2: '300', 3: '1', 4: '2024-03-06' }),
    ];
    expect(findHeader(rows)).toEqual({ headerRow: 1 });
  });

  it('takes the earliest of equally good rows', () => {
    const rows = [row(1, { 1: '客户号', 2: '名称' }), row(2, { 1: 'C001', 2: '甲公司' })];
    expect(findHeader(rows)).toEqual({ headerRow: 1 });
  });

  it('uses the sub-header row of a two-row header whose outer columns are merged down', () => {
    const rows = [
      row(2, { 1: '客户号', 2: '贷款信息', 3: { text: '贷款信息', master: [2, 2] }, 4: '五级分类' }),
      row(3, { 1: { text: '客户号', master: [2, 1] }, 2: '贷款金额', 3: '贷款余额', 4: { text: '五级分类', master: [2, 4] } }),
      row(4, { 1: 'C001', 2: 100, 3: 80, 4: '正常' }),
    ];
    const layout = findHeader(rows);
    expect(layout).toEqual({ headerRow: 3, groupRow: 2 });
    expect(composeHeaders(layout, rows, [1, 2, 3, 4])).toEqual({
      headers: ['客户号', '贷款金额', '贷款余额', '五级分类'],
      filledFromMerge: 2,
      combined: 0,
    });
  });

  it('moves down to the sub-header row when the group row has more labels', () => {
    const rows = [
      row(1, { 1: '客户号', 2: '客户名称', 3: '贷款信息', 4: { text: '贷款信息', master: [1, 3] }, 5: '五级分类' }),
      row(2, { 3: '贷款金额', 4: '贷款余额' }),
      row(3, { 1: 'C001', 2: '甲公司', 3: 100, 4: 80, 5: '正常' }),
    ];
    const layout = findHeader(rows);
    expect(layout).toEqual({ headerRow: 2, groupRow: 1 });
    expect(composeHeaders(layout, rows, [1, 2, 3, 4, 5]).headers).toEqual(['客户号', '客户名称', '贷款金额', '贷款余额', '五级分类']);
  });

  it('names columns "group/sub" when a sub-header repeats under two groups', () => {
    const rows = [
      row(1, { 1: '客户号', 2: '本行', 3: { text: '本行', master: [1, 2] }, 4: '他行', 5: { text: '他行', master: [1, 4] } }),
      row(2, { 1: { text: '客户号', master: [1, 1] }, 2: '余额', 3: '利率', 4: '余额', 5: '笔数' }),
      row(3, { 1: 'C001', 2: 1, 3: 2, 4: 3, 5: 4 }),
    ];
    const layout = findHeader(rows);
    expect(composeHeaders(layout, rows, [1, 2, 3, 4, 5])).toEqual({
      headers: ['客户号', '本行/余额', '利率', '他行/余额', '笔数'],
      filledFromMerge: 1,
      combined: 2,
    });
  });

  it('does not take a merged title over the whole table for a group row', () => {
    const rows = [title(1, '贷款明细', 3), row(2, { 1: '客户号', 2: '余额', 3: '余额' }), row(3, { 1: 'C001', 2: 1, 3: 2 })];
    const layout = findHeader(rows);
    expect(layout).toEqual({ headerRow: 2 });
    expect(composeHeaders(layout, rows, [1, 2, 3]).headers).toEqual(['客户号', '余额', '余额']);
  });

  it('follows a header row set by the user, still seeing a group row above it', () => {
    const rows = [
      row(1, { 1: '客户号', 2: '贷款信息', 3: { text: '贷款信息', master: [1, 2] } }),
      row(2, { 1: { text: '客户号', master: [1, 1] }, 2: '金额', 3: '余额' }),
      row(3, { 1: 'C001', 2: 1, 3: 2 }),
    ];
    expect(findHeader(rows, 2)).toEqual({ headerRow: 2, groupRow: 1 });
    expect(findHeader(rows, 3)).toEqual({ headerRow: 3 });
  });

  it('takes the first row of a sheet without any label', () => {
    expect(findHeader([row(4, { 1: 1, 2: 2 }), row(5, { 1: 3, 2: 4 })])).toEqual({ headerRow: 4 });
  });
});
