import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { PlotSpec } from '../../../src/runtime/contracts';
import { CellUsageError, createPlotRecorder, FUNCTION_IN_CHART, RecordedPlot } from '../../../src/runtime/ts/plot-recorder';
import { renderPlotSpec, type PlotModule } from '../../../src/runtime/ts/render-plot';

const Plot = createPlotRecorder();

describe('the Plot recorder', () => {
  it('records marks and Plot.plot with Observable Plot\'s call shapes', () => {
    const rows = [{ tier: 'A', count: 3 }];
    const chart = Plot.plot({ y: { grid: true }, marks: [Plot.barY(rows, { x: 'tier', y: 'count' }), [Plot.ruleY([0]), null], false, Plot.frame({ stroke: '#ccc' })] });
    expect(chart).toBeInstanceOf(RecordedPlot);
    expect(chart.options).toEqual({ y: { grid: true } });
    expect(chart.marks.map((m) => [m.mark, m.data, m.options])).toEqual([
      ['barY', rows, { x: 'tier', y: 'count' }],
      ['ruleY', [0], {}],
      ['frame', null, { stroke: '#ccc' }],
    ]);
  });

  it('records transforms as data, including nested ones and spread extras', () => {
    const options = { ...Plot.stackY(Plot.binX({ y: 'count' }, { x: 'score', fill: 'tier' })), title: 'n' };
    const mark = Plot.rectY([{ score: 1, tier: 'A' }], options);
    expect(mark.options).toEqual({ $transform: 'stackY', args: [{ $transform: 'binX', args: [{ y: 'count' }, { x: 'score', fill: 'tier' }] }], title: 'n' });
    expect(structuredClone(mark.options)).toEqual(mark.options);
  });

  it('refuses a function anywhere in the options, saying what to do instead', () => {
    expect(() => Plot.dot([], { x: (d: unknown) => d })).toThrow(new CellUsageError(`${FUNCTION_IN_CHART} (dot options.x)`));
    expect(() => Plot.plot({ marks: [], x: { tickFormat: (d: number) => `${d}` } })).toThrow(FUNCTION_IN_CHART);
    expect(() => Plot.barY([{ a: 1, f: () => 1 }], {})).toThrow(FUNCTION_IN_CHART);
    expect(() => Plot.binX({ y: 'count' }, { x: (d: number) => d })).toThrow(FUNCTION_IN_CHART);
  });

  it('refuses non-plain options and marks that are not marks', () => {
    expect(() => Plot.dot([], { x: new Map() })).toThrow('plain data');
    expect(() => Plot.plot({ marks: [{ mark: 'dot' }] })).toThrow('mark functions');
  });

  it('takes typed arrays, Arrow vectors and Sets as data', () => {
    expect(Plot.dot(new Float64Array([1, 2]), {}).data).toEqual([1, 2]);
    expect(Plot.dot(tableFromArrays({ x: new Float64Array([3]) }).getChild('x'), {}).data).toEqual([3]);
    expect(Plot.dot(new Set(['a']), {}).data).toEqual(['a']);
  });

  it('cannot be changed by a cell', () => {
    expect(Object.isFrozen(Plot)).toBe(true);
  });
});

/** A Plot module that records how it was called, for checking the replay without a DOM. */
function fakePlot() {
  const calls: unknown[][] = [];
  const module: Record<string, unknown> = {
    plot: (options: Record<string, unknown>) => ({ plotted: options }) as unknown as SVGElement,
  };
  for (const name of ['barY', 'dot', 'ruleY', 'frame', 'rectY']) module[name] = (...args: unknown[]) => (calls.push([name, ...args]), { mark: name, args });
  for (const name of ['binX', 'stackY']) module[name] = (...args: unknown[]) => ({ [`${name}Result`]: args });
  return { module: module as PlotModule, calls };
}

describe('replaying a spec into Observable Plot', () => {
  const fakeDocument = {} as Document;

  it('calls each mark with its data and options, and Plot.plot with the options and the document', () => {
    const { module, calls } = fakePlot();
    const spec: PlotSpec = { marks: [{ mark: 'barY', data: [{ t: 'A', n: 1 }], options: { x: 't', y: 'n' } }, { mark: 'frame', data: null, options: {} }], options: { width: 400, document: 'x', marks: 'y' } };
    const result = renderPlotSpec(spec, fakeDocument, module) as unknown as { plotted: Record<string, unknown> };
    expect(calls).toEqual([['barY', [{ t: 'A', n: 1 }], { x: 't', y: 'n' }], ['frame', {}]]);
    expect(result.plotted['width']).toBe(400);
    expect(result.plotted['document']).toBe(fakeDocument);
    expect(result.plotted['marks']).toHaveLength(2);
  });

  it('decodes IPC data into an Arrow table Plot reads itself', () => {
    const { module, calls } = fakePlot();
    const ipc = tableToIPC(tableFromArrays({ x: new Float64Array([1, 2]) }), 'stream');
    renderPlotSpec({ marks: [{ mark: 'dot', data: { ipc }, options: { x: 'x' } }], options: {} }, fakeDocument, module);
    const data = calls[0]![1] as { numRows: number; getChild(n: string): { toArray(): unknown } };
    expect(data.numRows).toBe(2);
    expect(data.getChild('x').toArray()).toEqual(new Float64Array([1, 2]));
  });

  it('replays recorded transforms as Plot\'s, extras applied after', () => {
    const { module, calls } = fakePlot();
    const options = { ...Plot.stackY(Plot.binX({ y: 'count' }, { x: 's' })), fill: 'tier' };
    renderPlotSpec({ marks: [{ mark: 'rectY', data: [], options }], options: {} }, fakeDocument, module);
    expect(calls[0]![2]).toEqual({ stackYResult: [{ binXResult: [{ y: 'count' }, { x: 's' }] }], fill: 'tier' });
  });

  it('drops links and refuses marks and transforms outside the allow-list', () => {
    const { module, calls } = fakePlot();
    renderPlotSpec({ marks: [{ mark: 'dot', data: [], options: { x: 'a', href: 'url', target: '_blank' } }], options: {} }, fakeDocument, module);
    expect(calls[0]![2]).toEqual({ x: 'a' });
    expect(() => renderPlotSpec({ marks: [{ mark: 'image', data: [], options: {} }], options: {} }, fakeDocument, module)).toThrow('mark the app does not draw: image');
    expect(() => renderPlotSpec({ marks: [{ mark: 'dot', data: [], options: { $transform: 'map', args: [] } }], options: {} }, fakeDocument, module)).toThrow('transform the app does not draw');
  });
});

describe('dates in chart data', () => {
  it('become Dates when the column is days or microseconds (Plot only reads milliseconds)', async () => {
    const { DateDay, Float64, Table, TimestampMicrosecond, vectorFromArray } = await import('apache-arrow');
    const day = new Date('2024-01-02T00:00:00Z');
    const table = new Table({
      d: vectorFromArray([day], new DateDay()),
      t: vectorFromArray([day], new TimestampMicrosecond()),
      v: vectorFromArray([1.5], new Float64()),
    });
    const { module, calls } = fakePlot();
    renderPlotSpec({ marks: [{ mark: 'dot', data: { ipc: tableToIPC(table, 'stream') }, options: { x: 'd', y: 'v' } }], options: {} }, {} as Document, module);
    expect(calls[0]![1]).toEqual([{ d: day, t: day, v: 1.5 }]);
  });
});
