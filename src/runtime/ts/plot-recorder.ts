import type { Table } from 'apache-arrow';
import { isArrowTable, isArrowVector, isPlainObject } from './arrow-values';

/**
 * `Plot` inside the sandbox: the same call shapes as Observable Plot for the common marks, but
 * each call only records its name and arguments. `Plot.plot(options)` returns a RecordedPlot,
 * which leaves the sandbox as a PlotSpec (plain data) and is drawn on the page by render-plot.ts.
 * Charts are data, so their options must be too: a function anywhere is an error at the call.
 * Transforms (`Plot.binX(...)`) are recorded as `{ $transform, args }` objects and replayed as
 * real Plot transforms on the page; spreading one and adding keys works as in Plot.
 */

export const PLOT_MARKS = [
  'areaX', 'areaY', 'barX', 'barY', 'cell', 'dot', 'frame', 'line', 'lineX', 'lineY',
  'rectX', 'rectY', 'ruleX', 'ruleY', 'text', 'tickX', 'tickY',
] as const;
export type PlotMarkName = (typeof PLOT_MARKS)[number];

export const PLOT_TRANSFORMS = ['bin', 'binX', 'binY', 'group', 'groupX', 'groupY', 'groupZ', 'stackX', 'stackY'] as const;
export type PlotTransformName = (typeof PLOT_TRANSFORMS)[number];

/** The key that marks a recorded transform inside mark options. */
export const TRANSFORM_KEY = '$transform';

export const FUNCTION_IN_CHART = 'charts take column names, not functions, in TypeScript cells';

/** A mistake in how a cell uses the sandbox's helpers: shown on the cell as it is, at the call. */
export class CellUsageError extends Error {
  override readonly name = 'CellUsageError';
}

/** What a mark was given as data. */
export type RecordedData = Table | readonly unknown[] | null;

/** A recorded transform: plain data, so it survives the trip out of the sandbox. */
export interface RecordedTransform {
  readonly [TRANSFORM_KEY]: PlotTransformName;
  readonly args: readonly unknown[];
}

/** One recorded mark call. */
export class RecordedMark {
  constructor(
    readonly mark: PlotMarkName,
    readonly data: RecordedData,
    readonly options: Readonly<Record<string, unknown>>,
  ) {}

  /** Like Plot's `mark.plot(options)`: a chart of this one mark. */
  plot(options: unknown = {}): RecordedPlot {
    return recordPlot({ ...(isPlainObject(options) ? options : {}), marks: [this] });
  }
}

/** A recorded `Plot.plot(options)`. */
export class RecordedPlot {
  constructor(
    readonly marks: readonly RecordedMark[],
    readonly options: Readonly<Record<string, unknown>>,
  ) {}
}

type MarkFunction = (dataOrOptions?: unknown, options?: unknown) => RecordedMark;
type TransformFunction = (...args: unknown[]) => RecordedTransform;

/** The sandbox's `Plot`. */
export type PlotRecorder = { readonly plot: (options?: unknown) => RecordedPlot } &
  { readonly [K in PlotMarkName]: MarkFunction } &
  { readonly [K in PlotTransformName]: TransformFunction };

/** Makes the sandbox's `Plot` (frozen: a cell cannot change it for the cells after it). */
export function createPlotRecorder(): PlotRecorder {
  const recorder: Record<string, unknown> = { plot: (options?: unknown) => recordPlot(options) };
  for (const mark of PLOT_MARKS) {
    recorder[mark] = mark === 'frame'
      ? (options?: unknown) => new RecordedMark(mark, null, plainOptions(options, 'frame options'))
      : (data?: unknown, options?: unknown) => new RecordedMark(mark, recordData(data, mark), plainOptions(options, `${mark} options`));
  }
  for (const transform of PLOT_TRANSFORMS) {
    recorder[transform] = (...args: unknown[]): RecordedTransform =>
      ({ [TRANSFORM_KEY]: transform, args: args.map((arg, i) => plainData(arg, `Plot.${transform} argument ${i + 1}`)) });
  }
  return Object.freeze(recorder) as PlotRecorder;
}

function recordPlot(options: unknown): RecordedPlot {
  if (options !== undefined && !isPlainObject(options)) throw new CellUsageError('Plot.plot takes an options object: Plot.plot({ marks: [...] })');
  const { marks = [], ...rest } = options ?? {};
  const list: RecordedMark[] = [];
  const visit = (item: unknown): void => {
    if (item === null || item === undefined || item === false) return;
    if (Array.isArray(item)) item.forEach(visit);
    else if (item instanceof RecordedMark) list.push(item);
    else throw new CellUsageError(`Plot.plot's marks must come from Plot's mark functions (${PLOT_MARKS.join(', ')})`);
  };
  visit(marks);
  return new RecordedPlot(list, plainOptions(rest, 'Plot.plot options'));
}

function recordData(data: unknown, mark: string): RecordedData {
  if (data === null || data === undefined) return null;
  if (isArrowTable(data)) return data;
  if (isArrowVector(data)) return Array.from(data.toArray() as ArrayLike<unknown>);
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) return Array.from(data as unknown as ArrayLike<unknown>);
  if (Array.isArray(data) || data instanceof Set) return plainData(Array.from(data as Iterable<unknown>), `${mark} data`) as unknown[];
  throw new CellUsageError(`${mark}: chart data must be an Arrow table or an array (of rows or values)`);
}

function plainOptions(options: unknown, path: string): Readonly<Record<string, unknown>> {
  if (options === undefined || options === null) return {};
  if (!isPlainObject(options)) throw new CellUsageError(`${path} must be an object of plain data`);
  return plainData(options, path) as Record<string, unknown>;
}

/**
 * A copy of `value` that is plain data (numbers, strings, booleans, null, Dates, arrays, typed
 * arrays, plain objects); Arrow vectors become arrays. A function is the common mistake and gets
 * the message that says what to do instead.
 */
export function plainData(value: unknown, path: string): unknown {
  if (typeof value === 'function') throw new CellUsageError(`${FUNCTION_IN_CHART} (${path})`);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'symbol') throw new CellUsageError(`chart options must be plain data (${path} is a symbol)`);
    return value;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (isArrowVector(value)) return Array.from(value.toArray() as ArrayLike<unknown>);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return (value as unknown as { slice(): unknown }).slice();
  if (Array.isArray(value)) return value.map((item, i) => plainData(item, `${path}[${i}]`));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) copy[key] = plainData(member, `${path}.${key}`);
    return copy;
  }
  const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  throw new CellUsageError(`chart options must be plain data (${path} is a ${kind})`);
}
