import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { NotebookStore, type NotebookStoreOptions } from '../../../src/notebook/storage/notebook-store';
import { notebookId } from '../../../src/notebook/storage/records';

/** 15 January 2026, 12:00 UTC: mid-day, so a few hours either way stay on the same UTC day. */
export const START = Date.UTC(2026, 0, 15, 12);

/** A clock the test moves by hand. */
export function testClock(start = START) {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

/** A store on its own in-memory IndexedDB, with a test clock and ids nb-1, nb-2... */
export async function openTestStore(options: NotebookStoreOptions = {}) {
  const clock = testClock();
  const factory = new IDBFactory();
  let n = 0;
  const open = (more: NotebookStoreOptions = {}) =>
    NotebookStore.open({ indexedDB: factory, now: clock.now, newId: () => notebookId(`nb-${++n}`), ...options, ...more });
  const store = await open();
  return { store, clock, factory, reopen: open };
}

/** A notebook file text of `cells` cells, each about `cellBytes` long, with non-ASCII text. */
export function bigNotebookText(cells: number, cellBytes: number, seed = 0): string {
  const parts = ['---\ntitle: 大型笔记本\nformat: 1\n---\n'];
  for (let i = 0; i < cells; i++) {
    const line = `SELECT customer_id, loan_balance * ${i + seed} AS v_${i} FROM loans WHERE 客户名称 LIKE '%公司%';\n`;
    parts.push(`\n\`\`\`sql id=c${i} name=cell_${i}\n${line.repeat(Math.ceil(cellBytes / line.length))}\`\`\`\n`);
  }
  return parts.join('');
}
