import { cellId, type Cell } from '../document';
import type { PendingCell } from './build';
import { generatedId, generatedName, isValidId, isValidName } from './names';
import { formatError, formatNote, type FormatProblem } from './problems';

/**
 * Gives every cell an id and a name as the file intended. Ids must be unique and well-formed:
 * a missing one is filled in (a note), a duplicate or malformed one replaced (an error). A
 * malformed name is kept, so the user sees their text and the runtime reports it; a missing
 * one is invented (an error: other cells cannot have meant it).
 */
export function identifyCells(pending: readonly PendingCell[]): { cells: Cell[]; problems: FormatProblem[] } {
  const problems: FormatProblem[] = [];
  const firstLine = new Map<string, number>();
  const ids = pending.map((cell) => {
    if (cell.id === null) return null;
    if (!isValidId(cell.id)) {
      problems.push(formatError(cell.line, `\`${cell.id}\` is not a valid cell id (letters, digits, \`_\` and \`-\`); it gets a new one`));
      return null;
    }
    const seen = firstLine.get(cell.id);
    if (seen !== undefined) {
      problems.push(formatError(cell.line, `duplicate cell id \`${cell.id}\` (also on line ${seen}); this cell gets a new one`));
      return null;
    }
    firstLine.set(cell.id, cell.line);
    return cell.id;
  });
  const usedIds = new Set(firstLine.keys());
  const usedNames = new Set(pending.flatMap((c) => (c.name === null ? [] : [c.name])));

  const cells = pending.map((cell, index): Cell => {
    let id = ids[index];
    if (id == null) {
      id = generatedId(cell.kind, index + 1, usedIds);
      usedIds.add(id);
      if (cell.unmarked) problems.push(formatNote(cell.line, `prose without a \`<!-- cell … -->\` marker became markdown cell \`${id}\``));
      else if (cell.id === null) problems.push(formatNote(cell.line, `the ${cell.kind} cell has no id; gave it \`${id}\``));
    }
    const flags = cell.collapsed ? { collapsed: true } : {};
    if (cell.kind === 'markdown') return { id: cellId(id), kind: 'markdown', source: cell.source, ...flags };
    let name = cell.name;
    if (name === null) {
      name = generatedName(cell.kind, index + 1, usedNames);
      usedNames.add(name);
      problems.push(
        formatError(cell.line, `the ${cell.kind} cell has no name (\`name=…\`); named it \`${name}\` (to keep a code example as prose, put \`<!-- not a cell -->\` on the line before it)`),
      );
    } else if (!isValidName(name)) {
      problems.push(formatError(cell.line, `\`${name}\` is not a valid name (a letter or \`_\`, then letters, digits or \`_\`)`));
    }
    return { id: cellId(id), kind: cell.kind, name, source: cell.source, ...flags };
  });
  return { cells, problems };
}
