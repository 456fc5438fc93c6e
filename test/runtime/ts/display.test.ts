import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { present, valueText } from '../../../src/runtime/ts/display';
import { createPlotRecorder } from '../../../src/runtime/ts/plot-recorder';

describe('a value becomes a Display', () => {
  it('shows scalars as themselves, with their type', async () => {
    expect((await present(0.1 + 0.2)).display).toEqual({ kind: 'value', text: '0.30000000000000004', type: 'number' });
    expect((await present('东区')).display).toEqual({ kind: 'value', text: '东区', type: 'string' });
    expect((await present(true)).display).toEqual({ kind: 'value', text: 'true', type: 'boolean' });
    expect((await present(null)).display).toEqual({ kind: 'value', text: 'null', type: 'null' });
    expect((await present(new Date('2024-03-01T00:00:00Z'))).display).toEqual({ kind: 'value', text: '2024-03-01T00:00:00.000Z', type: 'date' });
  });

  it('shows objects and arrays as JSON, with NaN spelled out', async () => {
    expect((await present({ a: 1, b: [Number.NaN] })).display).toEqual({ kind: 'value', text: '{\n  "a": 1,\n  "b": [\n    "NaN"\n  ]\n}', type: 'object' });
    expect((await present([1, 'x'])).display).toMatchObject({ kind: 'value', type: 'array' });
  });

  it('cuts a long array in the text but not in the digest', async () => {
    const scores = Float64Array.from({ length: 5000 }, (_, i) => i);
    const { display, digest } = await present(scores);
    expect(display).toMatchObject({ kind: 'value', type: 'Float64Array' });
    expect(display.kind === 'value' && display.text.endsWith('"… 4000 more"\n]')).toBe(true);
    expect(digest.columns).toEqual({ value: { sum: 12497500, min: 0, max: 4999 } });
  });

  it('shows nothing for undefined', async () => {
    expect((await present(undefined)).display).toEqual({ kind: 'none' });
  });

  it('turns an Arrow table into IPC the page and SQL cells can read', async () => {
    const { display, tableIpc, digest } = await present(tableFromArrays({ score: new Float64Array([0.2, 0.8]) }));
    expect(display).toMatchObject({ kind: 'table', rows: 2 });
    expect(tableIpc).toBe(display.kind === 'table' ? display.ipc : undefined);
    expect(tableFromIPC(tableIpc!).getChild('score')!.toArray()).toEqual(new Float64Array([0.2, 0.8]));
    expect(digest.rows).toBe(2);
  });

  it('turns an array of plain rows into a table, typed per column', async () => {
    const { display, tableIpc } = await present([{ tier: 'A', n: 3, at: new Date('2024-01-01T00:00:00Z') }, { tier: 'B', n: null, flag: true }]);
    expect(display).toMatchObject({ kind: 'table', rows: 2 });
    const table = tableFromIPC(tableIpc!);
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(['tier:Utf8', 'n:Float64', 'at:Timestamp<MILLISECOND>', 'flag:Bool']);
    expect(table.get(1)!.toJSON()).toEqual({ tier: 'B', n: null, at: null, flag: true });
  });

  it('keeps an array of rows with nested objects as a value', async () => {
    expect((await present([{ a: { b: 1 } }])).display.kind).toBe('value');
  });

  it('turns a recorded chart into a spec, with Arrow data as IPC', async () => {
    const Plot = createPlotRecorder();
    const data = tableFromArrays({ x: new Float64Array([1, 2]) });
    const { display, digest } = await present(Plot.plot({ marks: [Plot.dot(data, { x: 'x' }), Plot.ruleY([0])], width: 300 }));
    if (display.kind !== 'plot') throw new Error(`not a plot: ${display.kind}`);
    expect(display.spec.options).toEqual({ width: 300 });
    expect(display.spec.marks[0]).toMatchObject({ mark: 'dot', options: { x: 'x' } });
    expect(display.spec.marks[0]!.data).toHaveProperty('ipc');
    expect(display.spec.marks[1]).toEqual({ mark: 'ruleY', data: [0], options: {} });
    expect(digest.rows).toBe(1);
  });

  it('draws a single mark as a chart of it', async () => {
    const Plot = createPlotRecorder();
    expect((await present(Plot.barY([{ a: 1 }], { y: 'a' }))).display.kind).toBe('plot');
  });
});

describe('value text', () => {
  it('survives cycles and names functions', () => {
    const a: Record<string, unknown> = { f: function score() {} };
    a['self'] = a;
    expect(valueText(a)).toBe('{\n  "f": "function score",\n  "self": "[circular]"\n}');
  });
});
