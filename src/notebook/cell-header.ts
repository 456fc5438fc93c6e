/**
 * The header of a library cell (cells/*.sql): the SQL comment lines at the top of the file that
 * say what the cell needs, what it defines, in which unit and in which direction. The header is
 * what a model reviewer reads first and what the palette and the scoring model read, so it is
 * parsed strictly: a malformed line is an error naming the file and line, never skipped.
 *
 * ```sql
 * -- name: ind_funding_need
 * -- title: 资金需求强度 | Funding need
 * -- needs: customers, loans, facilities, balances
 * -- inputs: as_of (date)
 * -- key: customer_id
 * -- column: total_balance | 元 | benefit | 贷款余额: …
 * --     a continuation line (`--` and at least three spaces) extends the entry above it
 * -- note: conventions a reviewer must know
 * ```
 *
 * The header ends at the first line that is not a `--` comment. `name`, `title`, `needs` and
 * `key` are required, once each; `inputs` is optional (the matrix template has none); at least one
 * `column`; `column` and `note` repeat and take continuation lines.
 */
import { isValidName } from './format/names';

export type Direction = 'benefit' | 'cost' | 'none';

export interface LibraryColumn {
  readonly name: string;
  readonly unit: string;
  /** benefit: higher is better for the bank's purpose; cost: higher is worse (reversed when scored) */
  readonly direction: Direction;
  readonly description: string;
}

export interface LibraryCell {
  /** the file stem, e.g. `funding_need` */
  readonly id: string;
  /** the cell name, e.g. `ind_funding_need`: the temp table other cells read */
  readonly name: string;
  readonly title: { readonly zh: string; readonly en: string };
  /** tables of the extract, and names of other library cells, the SQL reads */
  readonly needs: readonly string[];
  /** the notebook inputs the SQL reads as `$name` */
  readonly inputs: readonly { readonly name: string; readonly type: string }[];
  /** the column identifying a row (one row per key value) */
  readonly key: string;
  /** the result's columns besides the key, in order */
  readonly columns: readonly LibraryColumn[];
  readonly notes: readonly string[];
  /** the whole file */
  readonly sql: string;
}

const DIRECTIONS: readonly Direction[] = ['benefit', 'cost', 'none'];
const SINGLE_FIELDS = ['name', 'title', 'needs', 'inputs', 'key'] as const;
const FIELDS = new Set<string>([...SINGLE_FIELDS, 'column', 'note']);
const CONTINUATION = /^--   +(\S.*)$/;
const FIELD = /^--\s*([a-z]+):\s*(.*)$/;

/** One header entry with its text (continuations joined by a space) and its first and last line (1-based). */
export interface HeaderEntry {
  readonly field: string;
  readonly text: string;
  readonly line: number;
  readonly lastLine: number;
}

/** Reads the header's entries without interpreting them (lines as in the file, 1-based). */
export function headerEntries(file: string, sql: string): HeaderEntry[] {
  const lines = sql.split(/\r?\n/);
  const entries: { field: string; text: string; line: number; lastLine: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (!line.startsWith('--')) break;
    const continued = CONTINUATION.exec(line);
    if (continued) {
      const last = entries[entries.length - 1];
      if (!last || (last.field !== 'column' && last.field !== 'note')) fail(file, i + 1, 'a continuation line must follow a column or note');
      last.text = `${last.text} ${continued[1]!.trim()}`;
      last.lastLine = i + 1;
      continue;
    }
    const field = FIELD.exec(line);
    if (!field) fail(file, i + 1, `expected "-- field: value" (fields: ${[...FIELDS].join(', ')}), found "${line}"`);
    if (!FIELDS.has(field[1]!)) fail(file, i + 1, `unknown field "${field[1]}" (fields: ${[...FIELDS].join(', ')})`);
    entries.push({ field: field[1]!, text: field[2]!.trim(), line: i + 1, lastLine: i + 1 });
  }
  return entries;
}

/** Parses a library cell's header; throws an Error naming the file (`cells/<id>.sql`) and line. */
export function parseCellHeader(id: string, sql: string): LibraryCell {
  const file = `cells/${id}.sql`;
  const entries = headerEntries(file, sql);
  if (entries.length === 0) fail(file, 1, 'the file has no header (it must start with "-- name: …")');
  const single = new Map<string, HeaderEntry>();
  const columns: LibraryColumn[] = [];
  const notes: string[] = [];
  for (const entry of entries) {
    if (entry.text === '') fail(file, entry.line, `"${entry.field}" is empty`);
    if (entry.field === 'column') {
      const column = parseColumn(file, entry);
      if (columns.some((c) => c.name === column.name)) fail(file, entry.line, `column "${column.name}" is declared twice`);
      columns.push(column);
    } else if (entry.field === 'note') {
      notes.push(entry.text);
    } else {
      if (single.has(entry.field)) fail(file, entry.line, `"${entry.field}" is given twice (first on line ${single.get(entry.field)!.line})`);
      single.set(entry.field, entry);
    }
  }
  const lastLine = entries[entries.length - 1]!.lastLine;
  const required = (field: string): HeaderEntry => single.get(field) ?? fail(file, lastLine, `the header has no "${field}"`);

  const name = required('name');
  if (!isValidName(name.text)) fail(file, name.line, `"${name.text}" is not a valid cell name`);
  const title = required('title');
  const [zh, en, ...extra] = title.text.split('|').map((s) => s.trim());
  if (!zh || !en || extra.length > 0) fail(file, title.line, 'title must be "中文 | English"');
  const needs = list(required('needs'));
  const key = required('key');
  if (!isValidName(key.text)) fail(file, key.line, `key "${key.text}" is not a column name`);
  if (columns.length === 0) fail(file, lastLine, 'the header declares no column');
  if (columns.some((c) => c.name === key.text)) fail(file, key.line, `the key "${key.text}" is also declared as a column`);
  const inputsEntry = single.get('inputs');
  const inputs = inputsEntry ? list(inputsEntry).map((text) => parseInput(file, inputsEntry.line, text)) : [];

  return { id, name: name.text, title: { zh, en }, needs, inputs, key: key.text, columns, notes, sql };

  function list(entry: HeaderEntry): string[] {
    const items = entry.text.split(',').map((s) => s.trim());
    if (items.some((s) => s === '')) fail(file, entry.line, `"${entry.field}" has an empty item`);
    return items;
  }
}

function parseColumn(file: string, entry: HeaderEntry): LibraryColumn {
  const parts = entry.text.split('|');
  if (parts.length < 4) fail(file, entry.line, 'a column is "name | unit | benefit|cost|none | description"');
  const [name, unit, direction] = parts.slice(0, 3).map((s) => s.trim()) as [string, string, string];
  const description = parts.slice(3).join('|').trim();
  if (!isValidName(name)) fail(file, entry.line, `"${name}" is not a valid column name`);
  if (unit === '') fail(file, entry.line, `column "${name}" has no unit`);
  if (!(DIRECTIONS as readonly string[]).includes(direction)) fail(file, entry.line, `column "${name}": direction must be benefit, cost or none, not "${direction}"`);
  if (description === '') fail(file, entry.line, `column "${name}" has no description`);
  return { name, unit, direction: direction as Direction, description };
}

function parseInput(file: string, line: number, text: string): { name: string; type: string } {
  const match = /^([\p{L}_][\p{L}\p{Nd}_]*)\s*\(\s*([a-z]+)\s*\)$/u.exec(text);
  if (!match) fail(file, line, `an input is "name (type)", found "${text}"`);
  return { name: match[1]!, type: match[2]! };
}

/** One header line declaring a column (the form the matrix header copies columns in). */
export function columnLine(column: LibraryColumn): string {
  return `-- column: ${column.name} | ${column.unit} | ${column.direction} | ${column.description}`;
}

function fail(file: string, line: number, message: string): never {
  throw new Error(`${file} line ${line}: ${message}`);
}
