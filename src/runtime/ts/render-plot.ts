import * as ObservablePlot from '@observablehq/plot';
import { DataType, tableFromIPC, type Table } from 'apache-arrow';
import type { PlotMarkSpec, PlotSpec } from '../contracts';
import { isNumericType, isPlainObject, isTemporalType, numberAt } from './arrow-values';
import { externalReferences, type ElementLike } from './chart-references';
import { PLOT_MARKS, PLOT_TRANSFORMS, TRANSFORM_KEY } from './plot-recorder';

/**
 * Draws a chart a TypeScript cell returned (a PlotSpec: data, not code) with the real Observable
 * Plot, on the page. Only allow-listed marks and transforms are called; Arrow IPC data is decoded
 * with the app's Arrow. Options that would turn data into links (`href`, `target`) are dropped:
 * text from data is never a URL the page follows. A drawn chart that still refers to anything outside
 * itself (a `url(...)` in a style or a fill) is refused before it is shown (chart-references.ts).
 * The Plot module can be injected, so the replay is tested in Node without a DOM.
 */

/** The part of Observable Plot the replay calls. */
export interface PlotModule {
  plot(options: Record<string, unknown>): SVGElement | HTMLElement;
  readonly [name: string]: unknown;
}

const MARKS: ReadonlySet<string> = new Set(PLOT_MARKS);
const TRANSFORMS: ReadonlySet<string> = new Set(PLOT_TRANSFORMS);
/** Keys never passed to Plot from a spec: links out of a chart, and what the replay sets itself. */
const DROPPED_KEYS: ReadonlySet<string> = new Set(['href', 'target', 'render', 'document', 'marks']);

/** Replays a chart spec into Observable Plot: an <svg> (or a <figure> with a legend or title). */
export function renderPlotSpec(spec: PlotSpec, document: Document, plot: PlotModule = ObservablePlot as unknown as PlotModule): SVGElement | HTMLElement {
  const marks = spec.marks.map((mark) => replayMark(mark, plot));
  const chart = plot.plot({ ...withoutDropped(spec.options), marks, document });
  // Checked while the chart is detached: nothing in it has loaded yet.
  if (isElementLike(chart)) {
    const outside = externalReferences(chart);
    if (outside.length > 0) throw new Error(`This chart refers to something outside the app and was not drawn: ${outside[0]}`);
  }
  return chart;
}

/** A real element (the page's Plot), not the stand-in the Node tests inject. */
function isElementLike(value: unknown): value is ElementLike {
  return typeof (value as Partial<ElementLike> | null)?.querySelectorAll === 'function' && typeof (value as Partial<ElementLike>).tagName === 'string';
}

function replayMark(spec: PlotMarkSpec, plot: PlotModule): unknown {
  if (!MARKS.has(spec.mark)) throw new Error(`This chart uses a mark the app does not draw: ${spec.mark}`);
  const make = plot[spec.mark] as (...args: unknown[]) => unknown;
  const options = replayOptions(spec.options, plot);
  return spec.mark === 'frame' ? make(options) : make(decodeData(spec.data), options);
}

/** Mark options, with recorded transforms turned back into Plot's. */
function replayOptions(options: Readonly<Record<string, unknown>>, plot: PlotModule): Record<string, unknown> {
  const rest = withoutDropped(options);
  if (!(TRANSFORM_KEY in rest)) return rest;
  const { [TRANSFORM_KEY]: name, args, ...extra } = rest;
  if (typeof name !== 'string' || !TRANSFORMS.has(name) || !Array.isArray(args)) throw new Error(`This chart uses a transform the app does not draw: ${String(name)}`);
  const transform = plot[name] as (...args: unknown[]) => Record<string, unknown>;
  const replayedArgs = args.map((arg: unknown) => (isPlainObject(arg) ? replayOptions(arg, plot) : arg));
  // As in Plot: keys spread next to a transform's result apply after it.
  return { ...transform(...replayedArgs), ...extra };
}

function withoutDropped(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !DROPPED_KEYS.has(key)));
}

/** A mark's data as Plot takes it: rows and values as they are, IPC as an Arrow table (or rows). */
export function decodeData(data: PlotMarkSpec['data']): unknown {
  if (data === null) return undefined;
  if (Array.isArray(data)) return data;
  if ('ipc' in data && data.ipc instanceof Uint8Array) return plotReady(tableFromIPC(data.ipc));
  throw new Error('This chart has data the app cannot read');
}

/**
 * Plot reads Arrow tables itself, but only millisecond dates and timestamps become Dates and
 * decimals are not numbers; such a table goes as rows with those values converted.
 */
function plotReady(table: Table): Table | Record<string, unknown>[] {
  const fields = table.schema.fields;
  const needsRows = fields.some((f) => (isTemporalType(f.type) && (f.type as { unit?: number }).unit !== 1) || DataType.isDecimal(f.type));
  if (!needsRows) return table;
  const columns = fields.map((f) => table.getChild(f.name)!);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    fields.forEach((field, c) => {
      const value = columns[c]!.get(i) as unknown;
      row[field.name] = value === null || value === undefined ? null
        : isTemporalType(field.type) ? new Date(value as number)
        : isNumericType(field.type) ? numberAt(field, value)
        : value;
    });
    rows.push(row);
  }
  return rows;
}
