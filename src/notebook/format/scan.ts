import MarkdownIt, { type Token } from 'markdown-it';
import type { RawBlock } from './raw';

/**
 * Cuts a Markdown body into blocks with markdown-it, so a fence or comment counts only where
 * Markdown says it is one (not inside another fence, a list or a quote). Every line lands in
 * exactly one block, so prose can be rebuilt from its lines exactly.
 */

/** `html: true` so comments are HTML blocks as on GitHub; nothing is rendered here. */
const markdown = new MarkdownIt({ html: true });

const COMMENT_LINE = /^ {0,3}<!--((?:(?!-->)[\s\S])*)-->[ \t]*$/;

/** The inner text of a line that is one whole HTML comment, or null. */
export function commentInner(line: string): string | null {
  const match = COMMENT_LINE.exec(line);
  return match ? match[1]!.trim() : null;
}

/**
 * The blocks of `lines` (a body with LF line endings, split on '\n'); `firstLine` is the 1-based
 * file line of `lines[0]`.
 */
export function scanBlocks(lines: readonly string[], firstLine: number): RawBlock[] {
  const tokens = markdown.parse(lines.join('\n'), {});
  const blocks: RawBlock[] = [];
  let next = 0;
  const textUpTo = (end: number) => {
    if (end > next) blocks.push({ type: 'text', line: next + firstLine, lines: lines.slice(next, end) });
  };
  for (const token of tokens) {
    if (token.level !== 0 || !token.map) continue;
    const [start, end] = token.map;
    if (start < next) continue;
    if (token.type === 'fence') {
      textUpTo(start);
      blocks.push({
        type: 'fence',
        line: start + firstLine,
        info: token.info.trim(),
        content: token.content,
        closed: fenceIsClosed(token),
        lines: lines.slice(start, end),
      });
      next = end;
    } else if (token.type === 'html_block' && end - start === 1) {
      const inner = commentInner(lines[start] ?? '');
      if (inner === null) continue;
      textUpTo(start);
      blocks.push({ type: 'comment', line: start + firstLine, inner, lines: lines.slice(start, end) });
      next = end;
    }
  }
  textUpTo(lines.length);
  return blocks;
}

/** Whether a fence token ends with a closing fence (else it runs to the end of the text). */
export function fenceIsClosed(token: Token): boolean {
  const { content, map } = token;
  const contentLines = content === '' ? 0 : content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
  return map !== null && map[1] - map[0] === contentLines + 2;
}

/** The top-level tokens of a Markdown text, for checks on prose the writer is about to save. */
export function topLevelTokens(text: string): Token[] {
  return markdown.parse(text, {}).filter((t) => t.level === 0 && t.map !== null);
}
