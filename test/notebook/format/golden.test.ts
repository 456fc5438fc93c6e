import { describe, expect, it } from 'vitest';
import { readNotebook, writeNotebook } from '../../../src/notebook/format';
import { expectedJson, goldenNames, goldenText } from './support/goldens';

describe.each(goldenNames())('the golden notebook %s.md', (name) => {
  const text = goldenText(name);

  it('reads as its expected document, with no problems', () => {
    const { document, problems } = readNotebook(text);
    expect(problems).toEqual([]);
    expect(document).toEqual(expectedJson(name, document));
  });

  it('is written back byte for byte', () => {
    expect(writeNotebook(readNotebook(text).document)).toBe(text);
  });

  it('is written back byte for byte when read with CRLF line endings', () => {
    const { document, problems } = readNotebook(text.replace(/\n/g, '\r\n'));
    expect(problems.map((p) => p.severity)).toEqual(['note']);
    expect(writeNotebook(document)).toBe(text);
  });
});

it('the goldens include every cell kind, nested fences and an empty notebook', () => {
  expect(goldenNames()).toEqual(expect.arrayContaining(['every-kind', 'nested-fences', 'empty']));
  const kinds = new Set(readNotebook(goldenText('every-kind')).document.cells.map((c) => c.kind));
  expect([...kinds].sort()).toEqual(['input', 'markdown', 'sql', 'ts']);
});
