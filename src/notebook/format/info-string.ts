/**
 * The words of a fence's info string (`sql cell=c1 name=score collapsed`) and of a cell marker
 * (`<!-- cell intro collapsed -->`). Values that are not plain words are written as JSON strings
 * (`name="a b"`), so any name or id survives a save, even one the reader will then reject.
 */

/** One word: a bare `word`, a `key=value`, or either with a JSON-quoted value. */
export interface InfoWord {
  /** null for a bare word */
  readonly key: string | null;
  readonly value: string;
  /** the value was written in quotes (a quoted bare word is never a flag) */
  readonly quoted: boolean;
}

export interface InfoWords {
  readonly words: readonly InfoWord[];
  /** what could not be read as written (an unterminated or malformed quoted value) */
  readonly problems: readonly string[];
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/** Splits an info string into words; never throws. */
export function splitInfo(text: string): InfoWords {
  const words: InfoWord[] = [];
  const problems: string[] = [];
  let i = 0;
  const n = text.length;

  const readQuoted = (): string => {
    let j = i + 1;
    while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    const raw = text.slice(i, Math.min(j + 1, n));
    i = Math.min(j + 1, n);
    if (j >= n) {
      problems.push(`the quoted value ${raw} has no closing quote`);
      return raw.slice(1);
    }
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // reported below
    }
    problems.push(`the quoted value ${raw} is not a valid JSON string`);
    return raw.slice(1, -1);
  };
  const readBare = (): string => {
    const start = i;
    while (i < n && !isSpace(text[i])) i++;
    return text.slice(start, i);
  };

  while (i < n) {
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) break;
    if (text[i] === '"') {
      words.push({ key: null, value: readQuoted(), quoted: true });
      continue;
    }
    const start = i;
    while (i < n && !isSpace(text[i]) && text[i] !== '=' && text[i] !== '"') i++;
    if (text[i] === '=') {
      const key = text.slice(start, i);
      i++;
      const quoted = text[i] === '"';
      words.push({ key, value: quoted ? readQuoted() : readBare(), quoted });
    } else {
      i = start;
      words.push({ key: null, value: readBare(), quoted: false });
    }
  }
  return { words, problems };
}

const PLAIN = /^[\p{L}\p{Nd}_-]+$/u;

/**
 * A value as the writer puts it in an info string or marker: bare when it is a plain word, else a
 * JSON string with `>` and backtick escaped, so it can end neither an HTML comment nor a fence.
 */
export function formatInfoValue(value: string, reserved: readonly string[] = []): string {
  if (PLAIN.test(value) && !reserved.includes(value)) return value;
  return JSON.stringify(value).replace(/>/g, '\\u003e').replace(/`/g, '\\u0060');
}
