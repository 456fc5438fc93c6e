import { cellId, FORMAT_VERSION, type Cell, type CellDigest, type DataManifestEntry, type SettableValue, type NotebookDocument } from '../../../../src/notebook/document';

/**
 * Seeded random notebooks for property tests: sources built from lines that stress the format
 * (fences of every length, markers, unclosed HTML, Chinese, trailing blanks) and YAML values
 * that stress the sections (texts that look like numbers, booleans, anchors, comments...).
 */

export { seeded, type Random } from '../../../support/random';
import type { Random } from '../../../support/random';

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const int = (random: Random, max: number): number => Math.floor(random() * (max + 1));
const times = <T>(random: Random, max: number, make: () => T): T[] => Array.from({ length: int(random, max) }, make);

export const CODE_LINES = [
  'SELECT customer_id, sum(balance) FROM loans WHERE start <= $as_of', 'return indicators.numRows;', '', '   ', '```', '````',
  '```sql cell=x name=y', '  ```', '\t```', '~~~', '~~~~ ts', '-- 中文注释：资金需求', '<!-- cell x -->', '<!-- not a cell -->', '---',
  '-->', '`', '\\', '"quoted"', 'trailing  ', '\u00a0nbsp', '😀 emoji', '# heading', '> quote', '- item', '<div>', '<script>', ']]>',
  '<!--', '    indented', '\r', 'const s = `${a}`;', 'type: slider', '...',
];

export const PROSE_LINES = [
  '# 对公客户筛选', 'Plain prose with `code` and *emphasis*.', '', '  ', '```sql', '```python', '```', '````', '~~~', '```yaml tierbook=data',
  '```yaml tierbook=unknown', '```js cell=x name=y', '```ts', '```input', '<!-- cell abc -->', '<!-- cell -->', '<!-- not a cell -->',
  '<!-- an ordinary comment -->', '<!--', '-->', '<div>', '</div>', '<pre>', '</pre>', '<script>', '<?php', '?>', '<!DOCTYPE html>',
  '<![CDATA[', ']]>', '- 列表项', '  ```', '> 引用', '> ```sql', 'trailing  ', '    indented code', '---', '===', '| a | b |',
  '|---|---|', '1. one', '[ref]: /url', '中文段落，带全角标点。', '\tTabbed', 'SELECT 1', '<!-- cell x --> and text',
];

export const TEXTS = [
  '', ' ', 'null', '~', 'true', 'yes', 'no', '1e3', '0x1F', '012', '1.0', "'", '"', 'a\nb', 'a\n', '\n', 'trailing ', '#c', 'a #c',
  '- x', '? y', ': z', '{a}', '[b]', '&anchor', '*alias', '!tag', '%YAML', '@', '`', '中文', '贷款余额（万元）', '😀', '\t', '```',
  '  ```', 'a: b', '---', '...', 'plain', 'gbk', '\u2028', 'x'.repeat(120),
];

export const NUMBERS = [0, 1, -1, 30, 35.5, 0.1 + 0.2, 1e21, 1e-7, -0, 123456789012, Number.MAX_SAFE_INTEGER, 5e-324, 100 / 3];

/** Valid input specs, some with lines a careless writer would take for a fence or a marker. */
export const INPUT_SOURCES = [
  'type: slider\nlabel: 资金需求权重\nmin: 0\nmax: 100\nvalue: 30',
  'type: slider   # spaced out\nmin:   -5\nmax: 5\nstep: 0.5\nvalue: 0\n',
  'type: number\nvalue: 0.6\n\n',
  'type: select\nlabel: |\n  ```\n  客群\n  ```\noptions: [全部, 制造业]\nvalue: 全部',
  'type: date\nlabel: "<!-- cell x -->"\nvalue: 2024-06-30',
  'type: weights\nweights:\n  需求: 40\n  质量: 60\nlocked:\n  - 质量',
  '# a comment first\ntype: select\noptions:\n  - 1\n  - 2\nvalue: 2',
  'type: date\nlabel: >-\n  ~~~\n  folded\nvalue: "2000-02-29"',
];

const NAME_START = ['a', 'b', 'x', '_', '资', '金', 'Ω', 'score', 'w_need', '客户'];
const NAME_PART = ['a', '1', '_', '需', '求', '9', 'z', '分'];
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABC0123456789_-';

export function randomName(random: Random): string {
  return pick(random, NAME_START) + times(random, 4, () => pick(random, NAME_PART)).join('');
}

function randomId(random: Random, used: Set<string>): string {
  for (;;) {
    const id = Array.from({ length: 1 + int(random, 6) }, () => pick(random, [...ID_CHARS])).join('');
    if (!used.has(id)) return (used.add(id), id);
  }
}

const lines = (random: Random, pool: readonly string[], max: number) => times(random, max, () => pick(random, pool)).join('\n');
const anyText = (random: Random) => (random() < 0.7 ? pick(random, TEXTS) : lines(random, TEXTS, 3));

function randomCell(random: Random, usedIds: Set<string>): Cell {
  const id = cellId(randomId(random, usedIds));
  const collapsed = random() < 0.2 ? { collapsed: true } : {};
  const kind = pick(random, ['markdown', 'sql', 'ts', 'input'] as const);
  if (kind === 'markdown') return { id, kind, source: lines(random, PROSE_LINES, 8) + pick(random, ['', '', '\n', '\n\n  ']), ...collapsed };
  const code = lines(random, CODE_LINES, 6).replace(/\r/g, '') + pick(random, ['', '', '\n', '\n\n']);
  const source = kind === 'input' ? pick(random, INPUT_SOURCES) : code;
  return { id, kind, name: randomName(random), source, ...collapsed };
}

function randomValue(random: Random): SettableValue {
  const r = random();
  if (r < 0.4) return pick(random, NUMBERS);
  if (r < 0.7) return anyText(random);
  return Object.fromEntries(times(random, 4, () => [randomName(random), pick(random, NUMBERS)]));
}

function randomEntry(random: Random): DataManifestEntry {
  const options = Object.fromEntries(times(random, 3, () => [anyText(random), pick(random, [anyText(random), pick(random, NUMBERS), random() < 0.5])]));
  const columns = times(random, 3, () => ({
    source: anyText(random), target: anyText(random), kind: anyText(random), ...(random() < 0.5 ? { unit: pick(random, NUMBERS) } : {}),
  }));
  return {
    table: anyText(random), file: anyText(random), size: int(random, 1e9), sha256: anyText(random), rows: int(random, 1e6),
    format: anyText(random), options, recognisedAs: random() < 0.5 ? null : anyText(random), columns, policy: anyText(random),
  };
}

function randomDigest(random: Random): CellDigest {
  const digest = { rows: int(random, 1e6), hash: anyText(random) };
  if (random() < 0.5) return digest;
  const stat = () => pick(random, [...NUMBERS, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  return { ...digest, columns: Object.fromEntries(times(random, 3, () => [anyText(random), { sum: stat(), min: stat(), max: stat() }])) };
}

/** A random valid document (ids unique and well-formed, names valid identifiers). */
export function randomDocument(random: Random): NotebookDocument {
  const usedIds = new Set<string>();
  return {
    version: FORMAT_VERSION,
    title: anyText(random),
    cells: times(random, 8, () => randomCell(random, usedIds)),
    parameterSets: Object.fromEntries(times(random, 3, () => [anyText(random), Object.fromEntries(times(random, 3, () => [anyText(random), randomValue(random)]))])),
    data: times(random, 2, () => randomEntry(random)),
    environment: random() < 0.3 ? null : { app: anyText(random), duckdb: anyText(random) },
    digests: Object.fromEntries(times(random, 3, () => [anyText(random), randomDigest(random)])),
  };
}
