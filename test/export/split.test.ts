import { describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../src/export/columns.ts';
import { fileNames, safeFileName, sheetNames } from '../../src/export/names.ts';
import { splitBy } from '../../src/export/split.ts';

const list: ExportColumn[] = [
  { header: '客户号', values: ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'] },
  { header: '客户经理', values: ['王芳', '李强', null, '王芳', '', '李强', '  '] },
  { header: '得分', values: [91, 85, 77, 70, 66, 60, 55] },
];

describe('splitBy', () => {
  it('groups by first appearance, keeps row order and every column, gathers empty values as unassigned', () => {
    const groups = splitBy(list, '客户经理', '(未分配)');
    if (!Array.isArray(groups)) throw new Error(JSON.stringify(groups));
    expect(groups.map((g) => [g.name, g.fileName])).toEqual([
      ['王芳', '王芳'],
      ['李强', '李强'],
      ['(未分配)', '(未分配)'],
    ]);
    expect(groups[0]?.columns).toEqual([
      { header: '客户号', values: ['C1', 'C4'] },
      { header: '客户经理', values: ['王芳', '王芳'] },
      { header: '得分', values: [91, 70] },
    ]);
    expect(groups[1]?.columns[0]?.values).toEqual(['C2', 'C6']);
    // null, '' and blanks: rows 3, 5, 7 of the list
    expect(groups[2]?.columns[0]?.values).toEqual(['C3', 'C5', 'C7']);
    expect(groups[2]?.columns[2]?.values).toEqual([77, 66, 55]);
  });

  it('keeps a manager named like the unassigned group apart from it, with a numbered file name', () => {
    const groups = splitBy([{ header: 'm', values: ['(unassigned)', null, '(unassigned)'] }], 'm', '(unassigned)');
    if (!Array.isArray(groups)) throw new Error('issues');
    expect(groups.map((g) => [g.name, g.fileName, g.columns[0]?.values.length])).toEqual([
      ['(unassigned)', '(unassigned)', 2],
      ['(unassigned)', '(unassigned) (2)', 1],
    ]);
  });

  it('groups numbers and dates by their text', () => {
    const groups = splitBy(
      [{ header: 'k', values: [1, '1', new Date(Date.UTC(2025, 0, 2)), 2.5, new Date(Date.UTC(2025, 0, 2))] }],
      'k',
      '-',
    );
    if (!Array.isArray(groups)) throw new Error('issues');
    expect(groups.map((g) => [g.name, g.columns[0]?.values.length])).toEqual([
      ['1', 2],
      ['2025-01-02', 2],
      ['2.5', 1],
    ]);
  });

  it('makes unsafe and duplicate names into safe unique file names', () => {
    const managers = ['a/b', 'A/B', 'CON', 'x:y*?"<>|', '..', 'tail. ', 'Zhang', 'zhang', '王\u202Efdp.exe'];
    const groups = splitBy([{ header: 'm', values: managers }], 'm', '(未分配)');
    if (!Array.isArray(groups)) throw new Error('issues');
    expect(groups.map((g) => g.name)).toEqual(managers.map((m) => (m === '..' ? '..' : m)));
    expect(groups.map((g) => g.fileName)).toEqual(['a_b', 'A_B (2)', 'CON_', 'x_y______', '_', 'tail', 'Zhang', 'zhang (2)', '王fdp.exe']);
  });

  it('reports an unknown column and ragged columns', () => {
    expect(splitBy(list, '客户经理X', '-')).toEqual({ issues: [{ code: 'unknown-column', column: '客户经理X' }] });
    const ragged = splitBy([{ header: 'a', values: [1] }, { header: 'b', values: [] }], 'a', '-');
    expect(Array.isArray(ragged) ? [] : ragged.issues.map((i) => i.code)).toEqual(['ragged-columns']);
  });

  it('gives an empty list no groups', () => {
    expect(splitBy([{ header: 'm', values: [] }], 'm', '-')).toEqual([]);
  });
});

describe('file names', () => {
  it('replaces forbidden and control characters, trims dots and blanks', () => {
    expect(safeFileName('a\\b/c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileName('line\nbreak\ttab\u0000nul')).toBe('line_break_tab_nul');
    expect(safeFileName('  .hidden  ')).toBe('hidden');
    expect(safeFileName('name... ')).toBe('name');
    expect(safeFileName('')).toBe('_');
    expect(safeFileName('...', '名单')).toBe('名单');
    expect(safeFileName('bad\ud800half')).toBe('bad_half');
  });

  it('avoids Windows device names, with or without extension, in any case', () => {
    expect(['CON', 'prn', 'Aux', 'nul', 'COM1', 'lpt9', 'con.txt', 'COM¹'].map((n) => safeFileName(n))).toEqual([
      'CON_',
      'prn_',
      'Aux_',
      'nul_',
      'COM1_',
      'lpt9_',
      'con_.txt',
      'COM¹_',
    ]);
    expect(['CONSOLE', 'COM10', 'icon'].map((n) => safeFileName(n))).toEqual(['CONSOLE', 'COM10', 'icon']);
  });

  it('cuts long names to 100 characters and 240 UTF-8 bytes, keeping numbered duplicates within them', () => {
    const latin = 'x'.repeat(150);
    expect(safeFileName(latin)).toBe('x'.repeat(100));
    // 客 is 3 bytes in UTF-8: 80 of them = 240 bytes
    expect(safeFileName('客'.repeat(100))).toBe('客'.repeat(80));
    // an emoji (4 bytes, 2 UTF-16 units) is never cut in half
    expect(safeFileName('😀'.repeat(70))).toBe('😀'.repeat(60));
    const [a, b] = fileNames([latin, latin]);
    expect(a).toBe('x'.repeat(100));
    expect(b).toBe(`${'x'.repeat(96)} (2)`);
  });

  it('numbers duplicates ignoring case, never reusing a name', () => {
    expect(fileNames(['A', 'a', 'A (2)', 'A'])).toEqual(['A', 'a (2)', 'A (2) (2)', 'A (3)']);
  });
});

describe('sheet names', () => {
  it('follows Excel: ≤ 31 characters, no []:*?/\\, no apostrophe at the ends, not History, unique', () => {
    expect(sheetNames(['[王芳]', 'a:b*c?d/e\\f', "'quoted'", 'History', 'history', '', 'x'.repeat(40), 'x'.repeat(40), 'Sheet'])).toEqual([
      '_王芳_',
      'a_b_c_d_e_f',
      'quoted',
      'History_',
      'history_ (2)',
      'Sheet',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
      'Sheet (2)',
    ]);
  });

  it('counts UTF-16 units, as Excel does, without splitting an emoji', () => {
    expect(sheetNames(['😀'.repeat(20)])).toEqual(['😀'.repeat(15)]);
  });
});
