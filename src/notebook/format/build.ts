import type { CellKind } from '../document';
import { commentRole, fenceRole, type SectionName } from './classify';
import type { InfoWord } from './info-string';
import { formatError, type FormatProblem } from './problems';
import { trimProseEnd } from './prose';
import type { RawBlock, RawFence } from './raw';

/**
 * Reads the blocks of a (migrated) file as cells and sections. Ids and names are taken as
 * written here; identity.ts then checks them and fills in what a hand edit left out.
 */

/** A cell as the file wrote it. */
export interface PendingCell {
  readonly kind: CellKind;
  /** 1-based line of its marker or opening fence (of its first prose line when it has no marker) */
  readonly line: number;
  readonly id: string | null;
  /** null for markdown cells and for code cells written without a name */
  readonly name: string | null;
  readonly source: string;
  readonly collapsed: boolean;
  /** prose the file gave no marker */
  readonly unmarked?: true;
}

export interface PendingSection {
  readonly name: SectionName;
  /** the YAML text */
  readonly content: string;
  /** 1-based line of the opening fence */
  readonly line: number;
}

export interface BuiltBlocks {
  readonly cells: readonly PendingCell[];
  readonly sections: readonly PendingSection[];
  readonly problems: readonly FormatProblem[];
}

interface Prose {
  readonly line: number;
  readonly marked: boolean;
  readonly id: string | null;
  readonly collapsed: boolean;
  readonly lines: string[];
}

const wordText = (w: InfoWord) => (w.key === null ? w.value : `${w.key}=${w.value}`);
const isFlag = (w: InfoWord, flag: string) => w.key === null && !w.quoted && w.value === flag;
const isBlank = (line: string) => /^[ \t]*$/.test(line);

/** Cells and sections from blocks, in file order. */
export function buildBlocks(blocks: readonly RawBlock[]): BuiltBlocks {
  const cells: PendingCell[] = [];
  const sections: PendingSection[] = [];
  const problems: FormatProblem[] = [];
  let prose: Prose | null = null;
  let literalNext = false;

  const flush = () => {
    if (!prose) return;
    const lines = [...prose.lines];
    let line = prose.line;
    if (!prose.marked) {
      while (lines.length > 0 && isBlank(lines[0]!)) (lines.shift(), line++);
    }
    if (prose.marked || lines.length > 0) {
      const source = trimProseEnd(lines.join('\n'));
      cells.push({ kind: 'markdown', line, id: prose.id, name: null, source, collapsed: prose.collapsed, ...(prose.marked ? {} : { unmarked: true }) });
    }
    prose = null;
  };

  for (const block of blocks) {
    const literal = literalNext;
    literalNext = false;
    if (block.type === 'comment' && !literal) {
      const role = commentRole(block.inner);
      if (role.role === 'escape') {
        literalNext = true;
        continue;
      }
      if (role.role === 'marker') {
        flush();
        prose = { line: block.line, marked: true, lines: [], ...markerWords(role.words, block.line, problems) };
        for (const message of role.problems) problems.push(formatError(block.line, message));
        continue;
      }
    }
    if (block.type === 'fence' && !literal) {
      const role = fenceRole(block.info);
      if (role.role === 'cell') {
        flush();
        for (const message of role.problems) problems.push(formatError(block.line, message));
        cells.push({ kind: role.kind, line: block.line, source: fenceSource(block, role.kind, problems), ...cellWords(role.words, block.line, problems) });
        continue;
      }
      if (role.role === 'section') {
        flush();
        if (!block.closed) problems.push(formatError(block.line, `the \`${role.name}\` section has no closing fence; it takes the rest of the file`));
        if (sections.some((s) => s.name === role.name)) {
          problems.push(formatError(block.line, `a second \`${role.name}\` section is ignored (saving drops it)`));
        } else {
          sections.push({ name: role.name, content: block.content, line: block.line });
        }
        continue;
      }
      if (role.role === 'misfit') problems.push(formatError(block.line, `${role.message}; kept as prose`));
    }
    prose ??= { line: block.line, marked: false, id: null, collapsed: false, lines: [] };
    prose.lines.push(...block.lines);
  }
  flush();
  return { cells, sections, problems };
}

function fenceSource(block: RawFence, kind: CellKind, problems: FormatProblem[]): string {
  if (!block.closed) problems.push(formatError(block.line, `the ${kind} cell has no closing fence; it takes the rest of the file`));
  return block.content.endsWith('\n') ? block.content.slice(0, -1) : block.content;
}

function cellWords(words: readonly InfoWord[], line: number, problems: FormatProblem[]) {
  let id: string | null = null;
  let name: string | null = null;
  let collapsed = false;
  for (const word of words) {
    if (word.key === 'cell' || word.key === 'name') {
      const taken = word.key === 'cell' ? id : name;
      if (taken !== null) problems.push(formatError(line, `\`${word.key}=\` is given twice; kept \`${taken}\``));
      else if (word.key === 'cell') id = word.value;
      else name = word.value;
    } else if (isFlag(word, 'collapsed')) {
      collapsed = true;
    } else {
      problems.push(formatError(line, `unknown word \`${wordText(word)}\` in the info string is ignored (saving drops it)`));
    }
  }
  return { id, name, collapsed };
}

function markerWords(words: readonly InfoWord[], line: number, problems: FormatProblem[]) {
  let id: string | null = null;
  let collapsed = false;
  for (const word of words) {
    if (isFlag(word, 'collapsed')) collapsed = true;
    else if (word.key === null && id === null) id = word.value;
    else problems.push(formatError(line, `unknown word \`${wordText(word)}\` in the cell marker is ignored (saving drops it)`));
  }
  return { id, collapsed };
}
