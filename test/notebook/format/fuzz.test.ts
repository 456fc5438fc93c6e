import { describe, expect, it } from 'vitest';
import { isNamed } from '../../../src/notebook/document';
import { isValidId, readNotebook, writeNotebook } from '../../../src/notebook/format';
import { goldenNames, goldenText } from './support/goldens';
import { int, pick, seeded, type Random } from './support/random-document';

/**
 * The reader meets files nobody checked: random text and damaged notebooks. It must never throw,
 * must always give a well-formed document, and one save must be enough to reach a file that
 * saves to itself.
 */

const TOKENS = [
  '`', '```', '````', '~~~', '---', '...', '<!--', '-->', '<!-- cell', '<!-- not a cell -->', ' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r',
  'sql', 'ts', 'input', 'yaml', 'python', ' cell=', ' name=', ' tierbook=', 'data', 'digests', 'parameters', 'environment', 'collapsed',
  '"', '\\', '=', ':', '- ', '[', ']', '{', '}', '#', '>', '<div>', '<pre>', '<?', ']]>', '中文', 'x', '1', '-1', 'type: slider',
  'value: 3', 'tierbook: 1', 'tierbook: 9', 'title: t', '\0', '\uFEFF', '😀', '&a', '*a', '!!str', '%', '|', '|+', '>-',
];

function randomText(random: Random): string {
  return Array.from({ length: int(random, 80) }, () => pick(random, TOKENS)).join('');
}

function mutated(random: Random, text: string): string {
  const lines = text.split('\n');
  for (let n = 1 + int(random, 4); n > 0; n--) {
    const at = int(random, lines.length - 1);
    const op = int(random, 5);
    if (op === 0) lines.splice(at, 1);
    else if (op === 1) lines.splice(at, 0, lines[at] ?? '');
    else if (op === 2) lines.splice(at, 2, lines[at + 1] ?? '', lines[at] ?? '');
    else if (op === 3) {
      const line = lines[at] ?? '';
      const pos = int(random, line.length);
      lines[at] = line.slice(0, pos) + pick(random, TOKENS) + line.slice(pos);
    } else lines.splice(at);
  }
  return lines.join('\n');
}

function checkRead(text: string): void {
  const lineCount = text.split(/\r\n?|\n/).length;
  const { document, problems } = readNotebook(text);
  for (const p of problems) {
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lineCount, `line ${p.line} of ${lineCount}: ${p.message}`).toBe(true);
    expect(['error', 'note']).toContain(p.severity);
  }
  const ids = document.cells.map((c) => c.id);
  expect(ids.every(isValidId)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  for (const cell of document.cells) {
    expect(typeof cell.source).toBe('string');
    if (isNamed(cell)) expect(typeof cell.name).toBe('string');
  }
  const once = writeNotebook(document);
  expect(writeNotebook(readNotebook(once).document)).toBe(once);
}

describe('the reader on random text', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('never throws, and one save reaches a fixed point (seed %i)', (seed) => {
    const random = seeded(1000 + seed);
    for (let n = 0; n < 25; n++) checkRead(randomText(random));
  });
});

describe.each(goldenNames())('the reader on damaged copies of %s.md', (name) => {
  const text = goldenText(name);
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('never throws, and one save reaches a fixed point (seed %i)', (seed) => {
    const random = seeded(2000 + seed);
    for (let n = 0; n < 25; n++) checkRead(mutated(random, text));
  });
});
