import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/engine/database';
import { cellId } from '../../../src/notebook/document';
import { NotebookStore } from '../../../src/notebook/storage';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { QualityReport } from '../../../src/extract/report';
import { useDemoDatabase } from '../../support/demo-extract';
import { testSession } from '../../support/notebook-session';

let db: Database;
let reports: QualityReport[];
useDemoDatabase((loaded) => ({ db, reports } = loaded));

const session = (store: NotebookStore | null = null) => testSession(db, reports, store);

const demo = readFileSync('notebooks/demo.md', 'utf8');

describe('a notebook session', () => {
  it('replays the demo notebook and every saved result reproduces', async () => {
    const s = session();
    await s.open(demo, { origin: 'bundled' });
    await s.runtime.idle();
    const report = await s.replayAndVerify();
    expect(report.cells.map((c) => `${c.name}:${c.status}`)).toEqual(Object.keys(s.document.digests).map((n) => `${n}:pass`));
    expect(report.data.every((d) => d.status === 'same')).toBe(true);
  });

  it('runs an edited code cell only when asked, then what reads it', async () => {
    const s = session();
    await s.open(demo, { origin: 'bundled' });
    await s.runtime.idle();
    s.runtime.runs.clear();
    const id = cellId('tier-by-industry');
    s.editCell(id, 'while (true) {');
    s.editCell(id, "SELECT count(*) AS n FROM scored WHERE tier = '战略级'");
    await s.runtime.idle();
    expect(s.runtime.runs.size).toBe(0);
    expect(s.isDraft(id)).toBe(true);
    await s.runCell(id);
    await s.runtime.idle();
    expect([...s.runtime.runs.keys()].map(String)).toEqual(['tier-by-industry']);
    expect(s.runtime.state(id)?.display).toMatchObject({ kind: 'relation', rows: 1 });
    expect(s.isDraft(id)).toBe(false);
  });

  it('opens a file from elsewhere in review mode, running nothing until asked', async () => {
    const s = session();
    await s.open(demo, { origin: 'file', fileName: 'screening.md' });
    await s.runtime.idle();
    expect(s.review).toBe(true);
    expect(s.runtime.runs.size).toBe(0);
    await s.runAll();
    expect(s.review).toBe(false);
    expect(s.runtime.state(cellId('scored'))?.status).toBe('done');
  });

  it('runs a file from elsewhere directly the next time, once this browser has run its content', async () => {
    const store = await NotebookStore.open({ indexedDB: new IDBFactory() });
    const first = session(store);
    await first.open(demo, { origin: 'file', fileName: 'a.md' });
    expect(first.review).toBe(true);
    await first.runAll();
    const second = session(store);
    await second.open(demo, { origin: 'file', fileName: 'copy-of-a.md' });
    expect(second.review).toBe(false);
    const changed = session(store);
    await changed.open(demo.replace("tier = '战略级'", "tier = '成长型'"), { origin: 'file', fileName: 'edited.md' });
    expect(changed.review).toBe(true);
    store.close();
  });

  it('reopens a stored notebook that came from a file in review until its content was run; then the user\'s edits stay runnable', async () => {
    const store = await NotebookStore.open({ indexedDB: new IDBFactory() });
    const first = session(store);
    await first.open(demo, { origin: 'file', fileName: 'a.md' });
    const id = first.id!;
    // a reload: the stored copy opens again, as the host does with the last notebook
    const reopened = session(store);
    await reopened.openStored((await store.get(id))!);
    await reopened.runtime.idle();
    expect(reopened.review).toBe(true);
    expect(reopened.runtime.runs.size).toBe(0);
    await reopened.runAll();
    reopened.editCell(reopened.document.cells.find((c) => c.kind === 'markdown')!.id, '# edited by the reviewer');
    await reopened.save();
    const again = session(store);
    await again.openStored((await store.get(id))!);
    expect(again.document.cells.some((c) => c.source === '# edited by the reviewer')).toBe(true);
    expect(again.review).toBe(false);
    store.close();
  });

  it('names the cell whose result changed when the data changed', async () => {
    const s = session();
    await s.open(demo, { origin: 'bundled' });
    await s.runtime.idle();
    await db.exec("CREATE OR REPLACE TABLE loans_backup AS SELECT * FROM loans");
    await db.exec("UPDATE loans SET balance = balance + 1000000 WHERE loan_id = (SELECT min(loan_id) FROM loans WHERE bank = '本行' AND balance > 0)");
    try {
      const report = await s.replayAndVerify();
      const indicators = report.cells.find((c) => c.name === 'ind_funding_need')!;
      expect(indicators.status).toBe('changed');
      expect(indicators.differences.join('; ')).toMatch(/total_balance sum: .* \(\+1,000,000\)/);
    } finally {
      await db.exec('CREATE OR REPLACE TABLE loans AS SELECT * FROM loans_backup; DROP TABLE loans_backup');
    }
  });
});

describe('inputs in a session', () => {
  it('keeps weights in percent in the notebook, gives cells fractions, and replays after a move', async () => {
    const s = session();
    await s.open(demo, { origin: 'bundled' });
    await s.runtime.idle();
    const percent = { total_balance: 50, utilisation: 20, balance_growth_12m: 10, max_overdue_days: 10, on_time_ratio: 10, other_banks: 0, other_share: 0, products: 0, revenue: 0, relation_years: 0, own_products: 0, maturing_90d: 0, balance_cv: 0 };
    s.setInput('weights', percent);
    await s.runtime.idle();
    expect(s.runtime.inputValues().get('weights')).toEqual(Object.fromEntries(Object.entries(percent).map(([k, v]) => [k, v / 100])));
    const weights = s.document.cells.find((c) => c.kind === 'input' && c.name === 'weights')!;
    expect(weights.source).toMatch(/total_balance: 50\n/);
    const report = await s.replayAndVerify();
    expect(report.cells.find((c) => c.name === 'weights')).toBeUndefined();
    expect(report.cells.find((c) => c.name === 'scored')?.status).toBe('changed');
    expect(report.cells.find((c) => c.name === 'indicator_matrix')?.status).toBe('pass');
  });
});
