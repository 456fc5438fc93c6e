import { describe, expect, it } from 'vitest';
import type { NotebookDocument } from '../../../src/notebook/document';
import { normaliseProse, readNotebook, writeNotebook } from '../../../src/notebook/format';
import { randomDocument, seeded } from './support/random-document';

/** The document as the file keeps it: markdown sources normalised (see prose.ts). */
function asKept(doc: NotebookDocument): NotebookDocument {
  return { ...doc, cells: doc.cells.map((c) => (c.kind === 'markdown' ? { ...c, source: normaliseProse(c.source) } : c)) };
}

describe('writing then reading a random document', () => {
  const RUNS = 400;
  it.each(Array.from({ length: RUNS }, (_, i) => i + 1))('gives the same document back (seed %i)', (seed) => {
    const doc = randomDocument(seeded(seed));
    const text = writeNotebook(doc);
    const { document, problems } = readNotebook(text);
    expect(problems).toEqual([]);
    expect(document).toEqual(asKept(doc));
    expect(writeNotebook(document)).toBe(text);
  });
});

it('a random document is written with LF line endings and exactly one newline at the end', () => {
  for (let seed = 1; seed <= 100; seed++) {
    const text = writeNotebook(randomDocument(seeded(seed)));
    expect(text).not.toMatch(/\r/);
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
  }
});
