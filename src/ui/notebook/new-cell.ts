import { cellId, type Cell, type CellKind } from '../../notebook/document';

const PREFIX: Record<Exclude<CellKind, 'markdown'>, string> = { sql: 'query', ts: 'value', input: 'input' };

const STARTER: Record<CellKind, string> = {
  markdown: '',
  sql: 'SELECT *\nFROM customers\nLIMIT 100',
  ts: '// other cells are in scope by name; `sql` queries DuckDB; `Plot` draws\nreturn 1 + 1;',
  input: 'type: slider\nlabel: ""\nmin: 0\nmax: 100\nvalue: 50',
};

/** A new cell of a kind, with an id and (for named kinds) a name no other cell has. */
export function newCell(kind: CellKind, cells: readonly Cell[], makeId: () => string): Cell {
  const id = cellId(makeId());
  if (kind === 'markdown') return { id, kind, source: STARTER.markdown };
  const taken = new Set(cells.map((c) => (c.kind === 'markdown' ? '' : c.name)));
  let k = 1;
  while (taken.has(`${PREFIX[kind]}${k}`)) k++;
  return { id, kind, name: `${PREFIX[kind]}${k}`, source: STARTER[kind] };
}
