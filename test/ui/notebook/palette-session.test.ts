/**
 * NotebookSession.insertLibraryCells, the palette's one edit: what it inserts, where, what it
 * skips, and how it creates, refreshes or leaves the indicator matrix. Expected joins and orders
 * are written out by hand from cells/README.md (lifecycle reads funding_need), not taken from
 * the code under test; the inserted cells are then run on the demo extract.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { Database } from '../../../src/engine/database';
import type { QualityReport } from '../../../src/extract/report';
import { INDICATOR_CELLS, type LibraryCell } from '../../../src/notebook/cell-library';
import { cellId, isNamed, type Cell } from '../../../src/notebook/document';
import { Autosaver, NotebookStore } from '../../../src/notebook/storage';
import { NotebookSession } from '../../../src/ui/notebook/notebook-session';
import { useDemoDatabase } from '../../support/demo-extract';
import { testSession } from '../../support/notebook-session';

let db: Database;
let reports: QualityReport[];
useDemoDatabase((loaded) => ({ db, reports } = loaded));

const session = (store: NotebookStore | null = null) => testSession(db, reports, store);

const demo = readFileSync('notebooks/demo.md', 'utf8');
const lib = (id: string): LibraryCell => INDICATOR_CELLS.find((cell) => cell.id === id)!;
const named = (s: NotebookSession, name: string): Cell => s.document.cells.find((c) => isNamed(c) && c.name === name)!;
const layout = (s: NotebookSession) => s.document.cells.map((c) => (isNamed(c) ? c.name : `md:${c.id}`));
const joins = (sql: string) => sql.split('\n').filter((line) => line.startsWith('LEFT JOIN'));
const notebook = (...blocks: string[]) => `---\ntierbook: 1\ntitle: t\n---\n\n${blocks.join('\n\n')}\n`;

describe('inserting library cells into a new notebook', () => {
  it('adds as_of (today) first, the chosen cells with what they read in library order, then the matrix joining exactly those; one autosave', async () => {
    const store = await NotebookStore.open({ indexedDB: new IDBFactory() });
    const s = session(store);
    await s.open(notebook('<!-- cell intro -->\n# Intro', '```sql cell=tail name=tail\nSELECT 1 AS x\n```'), { origin: 'local' });
    const schedule = vi.spyOn(Autosaver.prototype, 'schedule');
    // chosen out of order; lifecycle reads ind_funding_need, which is not chosen
    const result = s.insertLibraryCells([lib('size'), lib('lifecycle')], cellId('intro'));
    expect(schedule).toHaveBeenCalledTimes(1);
    schedule.mockRestore();

    expect(result.inserted.map((c) => c.name)).toEqual(['ind_funding_need', 'ind_lifecycle', 'ind_size']);
    expect(result.skipped).toEqual([]);
    expect(result.asOfAdded).toBe(true);
    expect(result.matrix).toBe('created');
    expect(layout(s)).toEqual(['md:intro', 'as_of', 'ind_funding_need', 'ind_lifecycle', 'ind_size', 'indicator_matrix', 'tail']);
    expect(s.document.cells.map((c) => c.id)).toEqual(['intro', 'as-of', 'ind-funding-need', 'ind-lifecycle', 'ind-size', 'indicator-matrix', 'tail']);
    // library cells and the matrix come folded, as in the demo notebook; the date input does not
    expect(s.document.cells.map((c) => c.collapsed === true)).toEqual([false, false, true, true, true, true, false]);

    const today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(s.inputSpec(cellId('as-of'))).toEqual({ type: 'date', label: '分析日期 As-of date', value: today });
    expect(named(s, 'ind_size').source).toBe(readFileSync('cells/size.sql', 'utf8').trimEnd());
    expect(joins(named(s, 'indicator_matrix').source)).toEqual([
      'LEFT JOIN ind_funding_need USING (customer_id)',
      'LEFT JOIN ind_lifecycle USING (customer_id)',
      'LEFT JOIN ind_size USING (customer_id)',
    ]);

    // the inserted cells run on the demo extract: the matrix has one row per customer and the joined columns
    await s.runtime.idle();
    for (const c of s.document.cells.filter(isNamed)) expect(`${c.name}:${s.runtime.state(c.id)?.status}`).toBe(`${c.name}:done`);
    const customers = Number((await db.query('SELECT count(*) AS n FROM customers')).getChild('n')!.get(0));
    const display = s.runtime.state(cellId('indicator-matrix'))?.display;
    expect(display).toMatchObject({ kind: 'relation', rows: customers });
    const columns = display?.kind === 'relation' ? display.columns.map((c) => c.name) : [];
    expect(columns).toEqual(expect.arrayContaining(['customer_id', 'total_balance', 'stage', 'firm_age_years', 'revenue', 'size_label']));
    expect(columns).not.toContain('other_banks');
    s.close();
    store.close();
  });

  it('a second insert adds only the new cell and refreshes the matrix in place, in library order', async () => {
    const s = session();
    await s.open(notebook(), { origin: 'local' });
    s.insertLibraryCells([lib('volatility'), lib('funding_need')], null);
    expect(layout(s)).toEqual(['as_of', 'ind_funding_need', 'ind_volatility', 'indicator_matrix']);
    const result = s.insertLibraryCells([lib('channel')], null);
    expect(result).toMatchObject({ asOfAdded: false, matrix: 'refreshed', skipped: [] });
    expect(result.inserted.map((c) => c.name)).toEqual(['ind_channel']);
    expect(layout(s)).toEqual(['as_of', 'ind_funding_need', 'ind_volatility', 'indicator_matrix', 'ind_channel']);
    expect(joins(named(s, 'indicator_matrix').source)).toEqual([
      'LEFT JOIN ind_funding_need USING (customer_id)',
      'LEFT JOIN ind_channel USING (customer_id)',
      'LEFT JOIN ind_volatility USING (customer_id)',
    ]);
    await s.runtime.idle();
    expect(s.runtime.state(named(s, 'indicator_matrix').id)?.status).toBe('done');
  });

  it('refreshes a generated matrix whose joined cell was deleted (it joins what is there now)', async () => {
    const s = session();
    await s.open(notebook(), { origin: 'local' });
    s.insertLibraryCells([lib('funding_need'), lib('size')], null);
    s.deleteCell(named(s, 'ind_size').id);
    const result = s.insertLibraryCells([lib('product')], null);
    expect(result.matrix).toBe('refreshed');
    expect(joins(named(s, 'indicator_matrix').source)).toEqual(['LEFT JOIN ind_funding_need USING (customer_id)', 'LEFT JOIN ind_product USING (customer_id)']);
    await s.runtime.idle();
  });
});

describe('inserting into the demo notebook', () => {
  it('inserts nothing when every cell is present, and leaves the matrix and the document as they were', async () => {
    const s = session();
    await s.open(demo, { origin: 'bundled' });
    const before = s.document;
    const matrix = named(s, 'indicator_matrix').source;
    const result = s.insertLibraryCells([...INDICATOR_CELLS], null);
    expect(result.inserted).toEqual([]);
    expect(result.skipped.map((c) => c.name)).toEqual(['ind_funding_need', 'ind_repayment', 'ind_channel', 'ind_product', 'ind_lifecycle', 'ind_size', 'ind_relationship', 'ind_maturity', 'ind_volatility']);
    expect(result.asOfAdded).toBe(false);
    expect(result.matrix).toBe('unchanged');
    expect(s.document).toBe(before);
    expect(named(s, 'indicator_matrix').source).toBe(matrix);
    await s.runtime.idle();
  });
});

describe('a hand-edited matrix', () => {
  it('is left alone (reported), while the chosen cell is still inserted', async () => {
    const s = session();
    await s.open(notebook(), { origin: 'local' });
    s.insertLibraryCells([lib('size')], null);
    const id = named(s, 'indicator_matrix').id;
    const edited = named(s, 'indicator_matrix').source.replace('SELECT', 'SELECT DISTINCT');
    expect(edited).not.toBe(named(s, 'indicator_matrix').source);
    s.editCell(id, edited);
    const result = s.insertLibraryCells([lib('channel')], null);
    expect(result.matrix).toBe('edited');
    expect(result.inserted.map((c) => c.name)).toEqual(['ind_channel']);
    expect(named(s, 'indicator_matrix').source).toBe(edited);
    expect(s.isDraft(id)).toBe(true);
    await s.runtime.idle();
  });

  it('also when the matrix is edited and run, or the name belongs to a cell of another kind', async () => {
    const s = session();
    await s.open(notebook('```ts cell=m name=indicator_matrix\nreturn 1;\n```'), { origin: 'local' });
    expect(s.insertLibraryCells([lib('size')], null).matrix).toBe('edited');
    expect(named(s, 'indicator_matrix').source).toBe('return 1;');
    await s.runtime.idle();
  });
});

describe('name collisions', () => {
  it('skips chosen cells whose name is taken, keeps the user\'s cells, joins only SQL cells, and finds free ids', async () => {
    const s = session();
    const mine = 'SELECT customer_id, 1 AS mine FROM customers';
    await s.open(
      notebook(
        '```input cell=date name=as_of\ntype: date\nvalue: 2025-06-30\n```',
        '```ts cell=t name=ind_size\nreturn 1;\n```',
        `\`\`\`sql cell=c name=ind_channel\n${mine}\n\`\`\``,
        '<!-- cell ind-product -->\nA note whose id is the readable id of ind_product.',
      ),
      { origin: 'local' },
    );
    const result = s.insertLibraryCells([lib('size'), lib('channel'), lib('product')], null);
    expect(result.inserted.map((c) => c.name)).toEqual(['ind_product']);
    expect(result.skipped.map((c) => c.name)).toEqual(['ind_channel', 'ind_size']);
    expect(result.asOfAdded).toBe(false);
    expect(result.matrix).toBe('created');
    expect(layout(s)).toEqual(['as_of', 'ind_size', 'ind_channel', 'md:ind-product', 'ind_product', 'indicator_matrix']);
    expect(named(s, 'ind_size').source).toBe('return 1;');
    expect(named(s, 'ind_channel').source).toBe(mine);
    const ids = s.document.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(named(s, 'ind_product').id).not.toBe('ind-product');
    expect(joins(named(s, 'indicator_matrix').source)).toEqual(['LEFT JOIN ind_channel USING (customer_id)', 'LEFT JOIN ind_product USING (customer_id)']);
    await s.runtime.idle();
  });
});
