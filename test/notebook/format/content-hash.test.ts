import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cellId, type NotebookDocument } from '../../../src/notebook/document';
import { notebookContentHash, readNotebook } from '../../../src/notebook/format';
import { goldenText } from './support/goldens';

const doc = readNotebook(goldenText('every-kind')).document;
const hash = (d: NotebookDocument) => notebookContentHash(d);

describe('the content hash', () => {
  it('is the SHA-256 hex of the canonical content', async () => {
    const canonical = JSON.stringify(['tierbook-content-1', [['sql', 'q', 'SELECT 1']], [['a', [['x', 1]]]]]);
    const small: NotebookDocument = {
      ...doc,
      cells: [{ id: cellId('c1'), kind: 'sql', name: 'q', source: 'SELECT 1' }],
      parameterSets: { a: { x: 1 } },
    };
    expect(await hash(small)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('ignores what does not change what runs: prose, ids, folding, digests, environment, data manifest', async () => {
    const same: NotebookDocument = {
      ...doc,
      title: 'another title',
      cells: doc.cells.map((c, i) => ({ ...c, id: cellId(`x${i}`), collapsed: !c.collapsed, ...(c.kind === 'markdown' ? { source: 'edited' } : {}) })),
      digests: {},
      environment: null,
      data: [],
    };
    expect(await hash(same)).toBe(await hash(doc));
  });

  it('ignores the order in which parameter sets and their values were written', async () => {
    const reordered = Object.fromEntries(Object.entries(doc.parameterSets).reverse().map(([k, v]) => [k, Object.fromEntries(Object.entries(v).reverse())]));
    expect(await hash({ ...doc, parameterSets: reordered })).toBe(await hash(doc));
  });

  it('changes with a source, a name, a kind or a parameter', async () => {
    const base = await hash(doc);
    const edit = (i: number, patch: object) => ({ ...doc, cells: doc.cells.map((c, j) => (j === i ? { ...c, ...patch } : c)) }) as NotebookDocument;
    const sqlIndex = doc.cells.findIndex((c) => c.kind === 'sql');
    expect(await hash(edit(sqlIndex, { source: 'SELECT 2' }))).not.toBe(base);
    expect(await hash(edit(sqlIndex, { name: 'renamed' }))).not.toBe(base);
    expect(await hash(edit(sqlIndex, { kind: 'ts' }))).not.toBe(base);
    expect(await hash({ ...doc, parameterSets: { ...doc.parameterSets, champion: { w_need: 31 } } })).not.toBe(base);
  });
});
