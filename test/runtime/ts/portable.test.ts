import { tableFromArrays, type Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { fromPortable, toPortable } from '../../../src/runtime/ts/portable';

describe('values copied between sandboxes', () => {
  it('copies plain data, dates, maps, sets and typed arrays as they are', () => {
    const value = { a: [1, 'x', null], d: new Date(5), m: new Map([['k', new Set([1])]]), f: new Float64Array([0.5]) };
    const copy = toPortable(value);
    expect(copy?.portable).toEqual({ kind: 'data', value });
    expect(fromPortable(structuredClone(copy!.portable))).toEqual(value);
  });

  it('copies an Arrow table as IPC', () => {
    const copy = toPortable(tableFromArrays({ x: new Float64Array([1, 2]) }))!;
    expect(copy.portable.kind).toBe('table');
    expect((fromPortable(copy.portable) as Table).getChild('x')!.toArray()).toEqual(new Float64Array([1, 2]));
  });

  it('refuses what a copy would change: functions, class instances, tables inside objects', () => {
    class Scale { k = 2; }
    expect(toPortable(() => 1)).toBeUndefined();
    expect(toPortable({ s: new Scale() })).toBeUndefined();
    expect(toPortable([tableFromArrays({ x: new Float64Array([1]) })])).toBeUndefined();
  });
});
