import type { CellKind } from '../document';

/**
 * What names and ids may be. A name is a variable in TypeScript cells and a table in SQL, so it
 * is an identifier; letters of any script are allowed (`资金需求`), as both JavaScript and DuckDB
 * accept them. An id only has to be stable and safe in a DOM id or a URL.
 */

const NAME = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const ID = /^[A-Za-z0-9_-]+$/;

export function isValidName(name: string): boolean {
  return NAME.test(name);
}

export function isValidId(id: string): boolean {
  return ID.test(id);
}

const ID_PREFIX: Record<CellKind, string> = { markdown: 'md', sql: 'sql', ts: 'ts', input: 'input' };

/**
 * A deterministic id for the cell at 1-based `position`, not in `used`: `sql-3`, or `sql-3-2`
 * when a hand edit already took `sql-3`.
 */
export function generatedId(kind: CellKind, position: number, used: ReadonlySet<string>): string {
  return unused(`${ID_PREFIX[kind]}-${position}`, '-', used);
}

/** A deterministic name for the cell at 1-based `position`, not in `used`: `sql_3`. */
export function generatedName(kind: CellKind, position: number, used: ReadonlySet<string>): string {
  return unused(`${kind}_${position}`, '_', used);
}

function unused(base: string, separator: string, used: ReadonlySet<string>): string {
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}${separator}${n}`)) n++;
  return `${base}${separator}${n}`;
}
