import { commentRole, ESCAPE_LINE, fenceRole } from './classify';
import { fenceIsClosed, scanBlocks, topLevelTokens } from './scan';

/**
 * A markdown cell's source as the file keeps it. In the file, a markdown cell is just the lines
 * after its marker, so three things need care: blank lines at its end cannot be told from the
 * gap before the next cell (dropped), a fence or HTML block left open would swallow the cells
 * after it (closed), and a block the reader would take for a cell (```` ```sql ````, a marker)
 * must stay prose (escaped with `<!-- not a cell -->`, which the reader removes).
 */

/** Drops trailing blank lines (and the last newline); other whitespace is the author's. */
export function trimProseEnd(source: string): string {
  const lines = source.split('\n');
  while (lines.length > 0 && /^[ \t]*$/.test(lines[lines.length - 1]!)) lines.pop();
  return lines.join('\n');
}

/**
 * HTML blocks that run until a terminator rather than a blank line (CommonMark §4.6, kinds 1–5,
 * as markdown-it implements them), with the line that closes each.
 */
const UNTIL_TERMINATOR: readonly [RegExp, RegExp, (start: RegExpExecArray) => string][] = [
  [/^<(script|pre|style|textarea)(?=(\s|>|$))/i, /<\/(script|pre|style|textarea)>/i, (m) => `</${m[1]!.toLowerCase()}>`],
  [/^<!--/, /-->/, () => '-->'],
  [/^<\?/, /\?>/, () => '?>'],
  [/^<![A-Za-z]/, />/, () => '>'],
  [/^<!\[CDATA\[/, /\]\]>/, () => ']]>'],
];

/**
 * The source as a markdown cell keeps it: LF line endings, no trailing blank lines, and a fence
 * or HTML block left open at the end closed by one more line. The writer saves this; the app may
 * apply it when a cell is edited so that what is shown is what will be saved.
 */
export function normaliseProse(source: string): string {
  const trimmed = trimProseEnd(source.replace(/\r\n?/g, '\n'));
  if (trimmed === '') return trimmed;
  const lines = trimmed.split('\n');
  const last = topLevelTokens(trimmed).at(-1);
  if (!last?.map || last.map[1] < lines.length) return trimmed;
  if (last.type === 'fence') {
    return fenceIsClosed(last) ? trimmed : `${trimmed}\n${last.markup}`;
  }
  if (last.type === 'html_block') {
    const blockLines = lines.slice(last.map[0], last.map[1]);
    const first = blockLines[0]!.trimStart();
    for (const [start, end, closer] of UNTIL_TERMINATOR) {
      const match = start.exec(first);
      if (!match) continue;
      return blockLines.some((line) => end.test(line.trimStart())) ? trimmed : `${trimmed}\n${closer(match)}`;
    }
  }
  return trimmed;
}

/**
 * The lines the writer puts after a markdown cell's marker: the normalised source with an escape
 * line before every block the reader would otherwise read as a cell, marker or section.
 */
export function escapedProse(source: string): string {
  const normalised = normaliseProse(source);
  if (normalised === '') return normalised;
  const out: string[] = [];
  for (const block of scanBlocks(normalised.split('\n'), 1)) {
    const special =
      (block.type === 'fence' && fenceRole(block.info).role !== 'prose') ||
      (block.type === 'comment' && commentRole(block.inner).role !== 'prose');
    if (special) out.push(ESCAPE_LINE);
    out.push(...block.lines);
  }
  return out.join('\n');
}
