import { describe, expect, it } from 'vitest';
import { readNotebook, writeNotebook, type FormatProblem } from '../../../src/notebook/format';
import { goldenText } from './support/goldens';

/** A file from lines, so line numbers in expectations can be counted. */
const file = (...lines: string[]) => `${lines.join('\n')}\n`;
const HEAD = ['---', 'tierbook: 1', 'title: 手工编辑', '---', ''];
const problemsOf = (text: string) => readNotebook(text).problems.map((p: FormatProblem) => [p.line, p.severity, p.message]);
const fence = '```';

describe('a hand-edited file', () => {
  it('with CRLF line endings reads like the LF file, with a note', () => {
    const text = goldenText('every-kind');
    const crlf = readNotebook(text.replace(/\n/g, '\r\n'));
    expect(crlf.document).toEqual(readNotebook(text).document);
    expect(crlf.problems).toEqual([{ line: 1, severity: 'note', message: 'CRLF (or CR) line endings; the file will be saved with LF' }]);
  });

  it('with a byte order mark reads as without', () => {
    const text = goldenText('every-kind');
    expect(readNotebook(`\uFEFF${text}`)).toEqual(readNotebook(text));
  });

  it('with a cell that has no id gets an id from its position and kind, and a note', () => {
    const text = file(...HEAD, '<!-- cell intro -->', 'Hi', '', `${fence}sql name=q`, 'SELECT 1', fence);
    const { document, problems } = readNotebook(text);
    expect(document.cells.map((c) => c.id)).toEqual(['intro', 'sql-2']);
    expect(problems).toEqual([{ line: 9, severity: 'note', message: 'the sql cell has no id; gave it `sql-2`' }]);
  });

  it('keeps generated ids unique and the same on every read', () => {
    const text = file(...HEAD, `${fence}sql name=a cell=sql-2`, 'SELECT 1', fence, '', `${fence}sql name=b`, 'SELECT 2', fence);
    expect(readNotebook(text).document.cells.map((c) => c.id)).toEqual(['sql-2', 'sql-2-2']);
    expect(readNotebook(text)).toEqual(readNotebook(text));
  });

  it('with prose and no marker makes it a markdown cell, with a note', () => {
    const text = file(...HEAD, '# 标题', '', '正文', '', `${fence}sql cell=c1 name=q`, 'SELECT 1', fence, '', '', 'More prose  ', '');
    const { document, problems } = readNotebook(text);
    expect(document.cells).toEqual([
      { id: 'md-1', kind: 'markdown', source: '# 标题\n\n正文' },
      { id: 'c1', kind: 'sql', name: 'q', source: 'SELECT 1' },
      { id: 'md-3', kind: 'markdown', source: 'More prose  ' },
    ]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[6, 'note'], [15, 'note']]);
    expect(problems[0]!.message).toBe('prose without a `<!-- cell … -->` marker became markdown cell `md-1`');
  });

  it('keeps unknown fences such as python inside the surrounding prose', () => {
    const text = file(...HEAD, '<!-- cell a -->', 'Before', '', `${fence}python`, 'print(1)', fence, '', 'After', '', `${fence}sql cell=b name=q`, 'SELECT 1', fence);
    const { document, problems } = readNotebook(text);
    expect(problems).toEqual([]);
    expect(document.cells[0]).toEqual({ id: 'a', kind: 'markdown', source: `Before\n\n${fence}python\nprint(1)\n${fence}\n\nAfter` });
    expect(document.cells).toHaveLength(2);
  });

  it('tolerates trailing whitespace on fences, markers and front matter, and extra blank lines between blocks', () => {
    const clean = goldenText('every-kind');
    const messy = `${clean
      .split('\n')
      .map((line) => (/^(---|```|<!--)/.test(line) ? `${line}  \t` : line))
      .join('\n')
      .replace(/\n\n(?=(```|<!--))/g, '\n  \n\n\t\n')}\n \n`;
    expect(messy).not.toBe(clean);
    const { document, problems } = readNotebook(messy);
    expect(problems).toEqual([]);
    expect(writeNotebook(document)).toBe(clean);
  });

  it('with an info string without a name gets a name, and an error that says how to keep prose', () => {
    const text = file(...HEAD, `${fence}sql cell=c1`, 'SELECT 1', fence);
    const { document, problems } = readNotebook(text);
    expect(document.cells[0]).toMatchObject({ kind: 'sql', name: 'sql_1' });
    expect(problems).toEqual([
      { line: 6, severity: 'error', message: expect.stringMatching(/^the sql cell has no name \(`name=…`\); named it `sql_1` \(to keep a code example as prose, put `<!-- not a cell -->`/) },
    ]);
  });

  it('with a duplicate cell id gives the second cell a new id, with an error naming both lines', () => {
    const text = file(...HEAD, `${fence}sql cell=c1 name=a`, 'SELECT 1', fence, '', `${fence}ts cell=c1 name=b`, 'return a;', fence);
    const { document, problems } = readNotebook(text);
    expect(document.cells.map((c) => c.id)).toEqual(['c1', 'ts-2']);
    expect(problemsOf(text)).toEqual([[10, 'error', 'duplicate cell id `c1` (also on line 6); this cell gets a new one']]);
    expect(problems).toHaveLength(1);
  });

  it('with an unknown kind keeps the block as prose and says which kinds there are', () => {
    const text = file(...HEAD, `${fence}python cell=c9 name=x`, 'print(1)', fence);
    const { document } = readNotebook(text);
    expect(document.cells).toEqual([{ id: 'md-1', kind: 'markdown', source: `${fence}python cell=c9 name=x\nprint(1)\n${fence}` }]);
    expect(problemsOf(text)).toEqual([
      [6, 'error', 'unknown cell kind `python` (kinds: sql, ts, input); kept as prose'],
      [6, 'note', 'prose without a `<!-- cell … -->` marker became markdown cell `md-1`'],
    ]);
  });

  it('with bad YAML in the digests section reports its line and still reads the other sections', () => {
    const text = file(...HEAD, `${fence}yaml tierbook=environment`, 'app: 0.1.0', 'duckdb: v1.4.3', fence, '', `${fence}yaml tierbook=digests`, 'q:', '  rows: 5', '  hash: [abc', fence);
    const { document, problems } = readNotebook(text);
    expect(document.environment).toEqual({ app: '0.1.0', duckdb: 'v1.4.3' });
    expect(document.digests).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 15, severity: 'error', message: expect.stringMatching(/^bad YAML in the digests section \(section ignored\)/) });
  });

  it('with a badly shaped entry leaves out that entry only', () => {
    const text = file(...HEAD, `${fence}yaml tierbook=digests`, 'good:', '  rows: 5', '  hash: abc', 'bad:', '  rows: -1', '  hash: 7', fence);
    const { document } = readNotebook(text);
    expect(document.digests).toEqual({ good: { rows: 5, hash: 'abc' } });
    expect(problemsOf(text)).toEqual([[10, 'error', 'digest `bad` is left out: `rows` should be a whole number ≥ 0; `hash` should be a text']]);
  });

  it('with an invalid name keeps it and reports it; an invalid id is replaced', () => {
    const text = file(...HEAD, `${fence}sql cell=a.b name=1abc`, 'SELECT 1', fence);
    const { document } = readNotebook(text);
    expect(document.cells[0]).toMatchObject({ id: 'sql-1', name: '1abc' });
    expect(problemsOf(text)).toEqual([
      [6, 'error', '`a.b` is not a valid cell id (letters, digits, `_` and `-`); it gets a new one'],
      [6, 'error', '`1abc` is not a valid name (a letter or `_`, then letters, digits or `_`)'],
    ]);
  });

  it('accepts names in any script', () => {
    const text = file(...HEAD, `${fence}ts cell=c1 name=客户得分_2`, 'return 1;', fence);
    expect(readNotebook(text).problems).toEqual([]);
  });

  it('with an unknown word or front matter key reports that saving drops it', () => {
    const text = file('---', 'tierbook: 1', 'title: t', 'author: 张三', '---', '', `${fence}sql cell=c1 name=q echo`, 'SELECT 1', fence);
    expect(problemsOf(text)).toEqual([
      [2, 'error', 'unknown front matter key `author` is ignored (saving drops it)'],
      [7, 'error', 'unknown word `echo` in the info string is ignored (saving drops it)'],
    ]);
  });

  it('with a fence left open keeps what follows in that cell and says so', () => {
    const text = file(...HEAD, `${fence}sql cell=c1 name=q`, 'SELECT 1', '', '<!-- cell x -->', 'prose');
    const { document } = readNotebook(text);
    expect(document.cells).toEqual([{ id: 'c1', kind: 'sql', name: 'q', source: 'SELECT 1\n\n<!-- cell x -->\nprose' }]);
    expect(problemsOf(text)).toEqual([[6, 'error', 'the sql cell has no closing fence; it takes the rest of the file']]);
  });

  it('with sections in another order or between cells reads them, and saving puts them last in order', () => {
    const text = file(...HEAD, `${fence}yaml tierbook=digests`, 'q:', '  rows: 1', '  hash: h', fence, '', `${fence}sql cell=c1 name=q`, 'SELECT 1', fence, '',
      `${fence}yaml tierbook=parameters`, 'a:', '  x: 1', fence);
    const { document, problems } = readNotebook(text);
    expect(problems).toEqual([]);
    const written = writeNotebook(document);
    expect(written.indexOf('tierbook=parameters')).toBeGreaterThan(written.indexOf('cell=c1'));
    expect(written.indexOf('tierbook=digests')).toBeGreaterThan(written.indexOf('tierbook=parameters'));
  });

  it('with a second section of the same kind ignores it with an error', () => {
    const text = file(...HEAD, `${fence}yaml tierbook=parameters`, 'a: {x: 1}', fence, '', `${fence}yaml tierbook=parameters`, 'b: {x: 2}', fence);
    expect(readNotebook(text).document.parameterSets).toEqual({ a: { x: 1 } });
    expect(problemsOf(text)).toEqual([[10, 'error', 'a second `parameters` section is ignored (saving drops it)']]);
  });

  it('with an invalid input spec reports the line of the offending key in the file', () => {
    const text = file(...HEAD, `${fence}input cell=c1 name=w`, 'type: slider', 'min: 10', 'max: 0', 'value: 5', fence);
    expect(problemsOf(text)).toEqual([[9, 'error', '`min` (10) should be less than `max` (0)']]);
  });

  it('without front matter reads as the current version with an empty title', () => {
    const { document, problems } = readNotebook('# Just Markdown\n');
    expect(document).toMatchObject({ version: 1, title: '', cells: [{ kind: 'markdown', source: '# Just Markdown' }] });
    expect(problems.map((p) => p.message)).toEqual([
      'no front matter with a `tierbook:` version; read as format version 1',
      'prose without a `<!-- cell … -->` marker became markdown cell `md-1`',
    ]);
  });

  it('with quoted values in info strings and markers reads them as JSON strings', () => {
    const text = file(...HEAD, '<!-- cell "collapsed" collapsed -->', 'x', '', `${fence}sql cell=c1 name="a b"`, 'SELECT 1', fence);
    const { document } = readNotebook(text);
    expect(document.cells).toEqual([
      { id: 'collapsed', kind: 'markdown', source: 'x', collapsed: true },
      { id: 'c1', kind: 'sql', name: 'a b', source: 'SELECT 1' },
    ]);
    expect(writeNotebook(document)).toBe(text);
  });

  it('with a hand-written `<!-- not a cell -->` keeps the next block as prose', () => {
    const text = file(...HEAD, '<!-- cell a -->', 'Example:', '<!-- not a cell -->', `${fence}sql`, 'SELECT 1', fence);
    const { document, problems } = readNotebook(text);
    expect(problems).toEqual([]);
    expect(document.cells).toEqual([{ id: 'a', kind: 'markdown', source: `Example:\n${fence}sql\nSELECT 1\n${fence}` }]);
    expect(writeNotebook(document)).toBe(text);
  });
});
