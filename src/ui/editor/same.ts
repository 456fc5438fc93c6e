import type { EditorError, EditorSchema } from './types';

/**
 * Structural equality for the properties a notebook rebuilds on every render (a new errors
 * array, a new schema object): reconfiguring on identity alone would reset error marks to
 * their reported places mid-edit and rebuild completion on every running-timer tick.
 */

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Same tables with the same columns (in order), same cells, same inputs. */
export function sameSchema(a: EditorSchema, b: EditorSchema): boolean {
  if (a === b) return true;
  if (!sameList(a.cells, b.cells) || !sameList(a.inputs, b.inputs)) return false;
  const tables = Object.keys(a.tables);
  if (!sameList(tables, Object.keys(b.tables))) return false;
  return tables.every((table) => sameList(a.tables[table] ?? [], b.tables[table] ?? []));
}

/** Same errors at the same places, in order. */
export function sameErrors(a: readonly EditorError[], b: readonly EditorError[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x.line === b[i]!.line && x.column === b[i]!.column && x.message === b[i]!.message));
}
