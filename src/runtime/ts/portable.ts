import { isArrowTable, isPlainObject, tableFromIpc, tableIpc } from './arrow-values';
import type { Portable } from './protocol';

/**
 * Copying a cell's value from one sandbox to the next (when a worker is replaced to load new
 * code, the values of the old one are copied instead of recomputed). Only values that survive a
 * structured clone unchanged are copied: a class instance would arrive as a plain object, a
 * function not at all; those cells are re-run instead. Tables travel as Arrow IPC.
 */

/** The value as it can travel, or undefined when a copy would not be the same value. */
export function toPortable(value: unknown): { portable: Portable; transfer: Transferable[] } | undefined {
  if (isArrowTable(value)) {
    const ipc = tableIpc(value);
    return { portable: { kind: 'table', ipc }, transfer: ipc.buffer instanceof ArrayBuffer ? [ipc.buffer] : [] };
  }
  return clonesFaithfully(value, new Set()) ? { portable: { kind: 'data', value }, transfer: [] } : undefined;
}

/** The value again, in the receiving sandbox. */
export function fromPortable(portable: Portable): unknown {
  return portable.kind === 'table' ? tableFromIpc(portable.ipc) : portable.value;
}

function clonesFaithfully(value: unknown, seen: Set<object>): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === 'function' || type === 'symbol') return false;
  if (type !== 'object') return true;
  const object = value as object;
  if (seen.has(object)) return true;
  seen.add(object);
  if (object instanceof Date || object instanceof RegExp || object instanceof ArrayBuffer || ArrayBuffer.isView(object)) return true;
  if (Array.isArray(object)) return object.every((item) => clonesFaithfully(item, seen));
  if (object instanceof Map) return [...object].every(([k, v]) => clonesFaithfully(k, seen) && clonesFaithfully(v, seen));
  if (object instanceof Set) return [...object].every((item) => clonesFaithfully(item, seen));
  if (isPlainObject(object)) return Object.values(object).every((member) => clonesFaithfully(member, seen));
  return false;
}
