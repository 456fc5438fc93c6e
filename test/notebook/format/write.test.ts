import { describe, expect, it } from 'vitest';
import { cellId, type Cell, type NotebookDocument } from '../../../src/notebook/document';
import { normaliseProse, readNotebook, writeNotebook } from '../../../src/notebook/format';

const empty: NotebookDocument = { version: 1, title: 't', cells: [], parameterSets: {}, data: [], environment: null, digests: {} };
const withCells = (...cells: Cell[]): NotebookDocument => ({ ...empty, cells });
const sql = (source: string): Cell => ({ id: cellId('c1'), kind: 'sql', name: 'q', source });
const md = (source: string): Cell => ({ id: cellId('m'), kind: 'markdown', source });
const body = (doc: NotebookDocument) => writeNotebook(doc).split('---\n').slice(2).join('---\n');

describe('the writer', () => {
  it('uses a fence longer than any backtick run that starts a line of the source', () => {
    expect(body(withCells(sql('a\n```\nb')))).toBe('\n````sql cell=c1 name=q\na\n```\nb\n````\n');
    expect(body(withCells(sql('  `````x\n ``` ```')))).toBe('\n``````sql cell=c1 name=q\n  `````x\n ``` ```\n``````\n');
    expect(body(withCells(sql('x = ```` mid-line')))).toBe('\n```sql cell=c1 name=q\nx = ```` mid-line\n```\n');
  });

  it('keeps an empty source distinct from a single newline', () => {
    expect(body(withCells(sql('')))).toBe('\n```sql cell=c1 name=q\n```\n');
    expect(body(withCells(sql('\n')))).toBe('\n```sql cell=c1 name=q\n\n\n```\n');
    expect(readNotebook(writeNotebook(withCells(sql('\n')))).document.cells[0]!.source).toBe('\n');
  });

  it('escapes prose that would read as a cell, a marker or a section, and only that', () => {
    const prose = 'Example:\n```sql\nSELECT 1\n```\n<!-- cell x -->\n```yaml tierbook=data\n```\n```python\n```\n<!-- just a comment -->';
    expect(body(withCells(md(prose)))).toBe(
      '\n<!-- cell m -->\nExample:\n<!-- not a cell -->\n```sql\nSELECT 1\n```\n<!-- not a cell -->\n<!-- cell x -->\n' +
        '<!-- not a cell -->\n```yaml tierbook=data\n```\n```python\n```\n<!-- just a comment -->\n',
    );
  });

  it('writes an empty markdown cell as its marker alone', () => {
    expect(body(withCells(md(''), sql('x')))).toBe('\n<!-- cell m -->\n\n```sql cell=c1 name=q\nx\n```\n');
  });

  it('quotes names and ids that are not plain words, so they survive a save', () => {
    const cell: Cell = { id: cellId('collapsed'), kind: 'ts', name: 'a b`c-->', source: '' };
    expect(body(withCells(cell))).toBe('\n```ts cell=collapsed name="a b\\u0060c--\\u003e"\n```\n');
    expect(readNotebook(writeNotebook(withCells({ ...cell, kind: 'markdown' } as Cell))).document.cells[0]!.id).toBe('collapsed');
  });

  it('writes sections last in a fixed order, known keys in the model order whatever the object order', () => {
    const doc: NotebookDocument = {
      ...empty,
      digests: { z: { hash: 'h', rows: 1 } as never, a: { rows: 2, hash: 'g' } },
      environment: { duckdb: 'v1', app: '0.1' } as never,
      parameterSets: { b: { x: 1 }, a: { y: 'text' } },
    };
    expect(body(doc)).toBe(
      '\n```yaml tierbook=parameters\nb:\n  x: 1\na:\n  y: text\n```\n' +
        '\n```yaml tierbook=environment\napp: "0.1"\nduckdb: v1\n```\n' +
        '\n```yaml tierbook=digests\nz:\n  rows: 1\n  hash: h\na:\n  rows: 2\n  hash: g\n```\n',
    );
  });

  it('never writes YAML anchors for objects the document shares', () => {
    const weights = { a: 50, b: 50 };
    const text = writeNotebook({ ...empty, parameterSets: { one: { w: weights }, two: { w: weights } } });
    expect(text).not.toMatch(/[&*]a\d/);
  });

  it('always writes the current format version', () => {
    expect(writeNotebook({ ...empty, version: 0 })).toBe('---\ntierbook: 1\ntitle: t\n---\n');
  });
});

describe('a markdown source as the file keeps it', () => {
  it('loses its trailing blank lines only', () => {
    expect(normaliseProse('a  \n\n  \n')).toBe('a  ');
    expect(normaliseProse('\n\na\r\nb')).toBe('\n\na\nb');
  });

  it('has a fence or HTML block left open at its end closed, so it cannot swallow the next cell', () => {
    expect(normaliseProse('```python\nprint(1)')).toBe('```python\nprint(1)\n```');
    expect(normaliseProse('~~~~\nx\n~~~')).toBe('~~~~\nx\n~~~\n~~~~');
    expect(normaliseProse('<!-- draft\nmore')).toBe('<!-- draft\nmore\n-->');
    expect(normaliseProse('<pre>\ncode')).toBe('<pre>\ncode\n</pre>');
    expect(normaliseProse('<div>\nfine')).toBe('<div>\nfine');
    expect(normaliseProse('- ```\n  list fence')).toBe('- ```\n  list fence');
  });

  it('reads back exactly after a save, open fence and all', () => {
    const doc = withCells(md('```python\nprint(1)'), sql('SELECT 1'));
    const { document, problems } = readNotebook(writeNotebook(doc));
    expect(problems).toEqual([]);
    expect(document.cells).toEqual([{ ...doc.cells[0], source: '```python\nprint(1)\n```' }, doc.cells[1]]);
  });
});
