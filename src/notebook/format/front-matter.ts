import { formatError, type FormatProblem } from './problems';
import { isRecord, parseYaml, plainValue, yamlText } from './yaml-text';

/**
 * The `---` block at the top of the file: the format version and the title. Kept apart from the
 * Markdown scan because markdown-it does not know front matter (it would read `---` as a rule).
 */

export interface FrontMatter {
  /** the fields as plain values ({} when there is no front matter) */
  readonly fields: Readonly<Record<string, unknown>>;
  /** lines the front matter takes (0 when there is none) */
  readonly lineCount: number;
  readonly problems: readonly FormatProblem[];
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/** Reads front matter from the file's lines; never throws. */
export function readFrontMatter(lines: readonly string[]): FrontMatter {
  if (!OPEN.test(lines[0] ?? '')) return { fields: {}, lineCount: 0, problems: [] };
  const end = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (end < 0) {
    return { fields: {}, lineCount: 0, problems: [formatError(1, 'the front matter that starts on line 1 has no closing `---` line; read the file as Markdown')] };
  }
  const { doc, errors } = parseYaml(lines.slice(1, end).map((l) => `${l}\n`).join(''));
  const problems = errors.map((e) => formatError(e.line + 1, `bad YAML in the front matter: ${e.message}`));
  const value = plainValue(doc);
  if (value === null || value === undefined) return { fields: {}, lineCount: end + 1, problems };
  if (!isRecord(value)) {
    problems.push(formatError(2, 'the front matter should be YAML keys (`tierbook: 1`, `title: ...`)'));
    return { fields: {}, lineCount: end + 1, problems };
  }
  return { fields: value, lineCount: end + 1, problems };
}

/** The front matter the writer puts at the top. */
export function writeFrontMatter(version: number, title: string): string {
  return `---\n${yamlText({ tierbook: version, title })}---\n`;
}
