import type { CellDigest } from '../../notebook/document';
import type { Display, PlotMarkSpec } from '../contracts';
import { isArrowTable, isArrowVector, isRowArray, rowsToTable, tableIpc } from './arrow-values';
import { digestTable, digestValue } from './digest';
import { RecordedMark, RecordedPlot } from './plot-recorder';

/**
 * A TypeScript cell's value → what the page shows (Display), its digest, and, for a table, its
 * Arrow IPC so SQL cells can query it. Shared by both sandboxes, so a value shows and hashes the
 * same in the worker and in Node. The value itself stays where it was computed.
 */

/** How a value leaves the sandbox. */
export interface Presentation {
  readonly display: Display;
  readonly digest: CellDigest;
  /** a table result's IPC (the same bytes as the display's) */
  readonly tableIpc?: Uint8Array;
}

/** Array items shown before "… N more". */
const MAX_ITEMS = 1000;
/** Nesting shown before "…". */
const MAX_DEPTH = 12;
/** Characters of text shown at most. */
const MAX_TEXT = 200_000;

export async function present(value: unknown): Promise<Presentation> {
  if (value === undefined) return { display: { kind: 'none' }, digest: await digestValue(undefined) };
  if (value instanceof RecordedMark) return presentPlot(value.plot());
  if (value instanceof RecordedPlot) return presentPlot(value);
  const table = isArrowTable(value) ? value : isRowArray(value) ? rowsToTable(value) : undefined;
  if (table) {
    const ipc = tableIpc(table);
    return { display: { kind: 'table', ipc, rows: table.numRows }, digest: await digestTable(table), tableIpc: ipc };
  }
  return { display: { kind: 'value', text: valueText(value), type: typeName(value) }, digest: await digestValue(value) };
}

async function presentPlot(plot: RecordedPlot): Promise<Presentation> {
  const marks: PlotMarkSpec[] = plot.marks.map((mark) => ({
    mark: mark.mark,
    data: isArrowTable(mark.data) ? { ipc: tableIpc(mark.data) } : mark.data,
    options: mark.options,
  }));
  const content = { marks: plot.marks.map(({ mark, data, options }) => ({ mark, data, options })), options: plot.options };
  return { display: { kind: 'plot', spec: { marks, options: plot.options } }, digest: await digestValue(content) };
}

/** The name shown next to a value: `number`, `string`, `date`, `array`, `Float64Array`, `object`... */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) return 'array';
  if (isArrowVector(value)) return `Vector<${String(value.type)}>`;
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name && name !== 'Object' ? name : 'object';
  }
  return typeof value;
}

/** A value's text: scalars as themselves (numbers as JavaScript prints them), the rest as JSON. */
export function valueText(value: unknown): string {
  switch (typeof value) {
    case 'string': return value;
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'symbol': return String(value);
    case 'function': return `function ${value.name || '(anonymous)'}`;
  }
  if (value === null) return 'null';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  const text = JSON.stringify(displayable(value, 0, new Set()), null, 2) ?? String(value);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** A JSON-safe copy for showing: long arrays cut, NaN and bigints as text, tables summarised. */
function displayable(value: unknown, depth: number, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'number': return Number.isFinite(value) ? value : String(value);
    case 'bigint': return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
    case 'function': return `function ${value.name || '(anonymous)'}`;
    case 'symbol': return String(value);
    case 'undefined': return null;
    case 'string':
    case 'boolean': return value;
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Date) return valueText(object);
  if (isArrowTable(object)) return `[Arrow table: ${object.numRows} rows × ${object.numCols} columns]`;
  if (depth >= MAX_DEPTH) return '…';
  if (ancestors.has(object)) return '[circular]';
  ancestors.add(object);
  try {
    if (isArrowVector(object)) return list(object.toArray() as ArrayLike<unknown>, depth, ancestors);
    if (Array.isArray(object) || (ArrayBuffer.isView(object) && !(object instanceof DataView))) return list(object as unknown as ArrayLike<unknown>, depth, ancestors);
    if (object instanceof Set) return list([...object], depth, ancestors);
    if (object instanceof Map) return list([...object], depth, ancestors);
    const json = (object as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function') return displayable(json.call(object), depth + 1, ancestors);
    const copy: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(object)) {
      if (member !== undefined) copy[key] = displayable(member, depth + 1, ancestors);
    }
    return copy;
  } finally {
    ancestors.delete(object);
  }
}

function list(items: ArrayLike<unknown>, depth: number, ancestors: Set<object>): unknown[] {
  const shown = Math.min(items.length, MAX_ITEMS);
  const out: unknown[] = [];
  for (let i = 0; i < shown; i++) out.push(displayable(items[i], depth + 1, ancestors));
  if (items.length > shown) out.push(`… ${items.length - shown} more`);
  return out;
}
