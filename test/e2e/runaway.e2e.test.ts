import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2eSession, type E2eSession } from './support/session';
import { NotebookPage } from './support/notebook-page';
import { upload, WorkspacePage } from './support/workspace-page';
import { cancelSqlBoxTimed, startFrameMonitor, stopCellTimed, tableRowCounts, traceMainThread, worstFrameGap, type MainThreadTrace } from './support/runaway-probe';

/**
 * Runaway work (issue 7, item 2): an endless TypeScript cell stops within 1 s of the click and the
 * page keeps painting; an endless SQL query (in a cell and in the SQL tab) is cancelled within
 * 200 ms and every table stays; a DuckDB worker that dies is noticed, restarted and refilled from
 * the loaded files, and the notebook runs again, without a page reload.
 */

/** Issue 7's targets. */
const TS_STOP_MS = 1000;
const SQL_CANCEL_MS = 200;
/**
 * The page keeps painting: no task of the app holds the main thread for 100 ms or more (CPU time,
 * from Chromium's trace; the log line names what the longest task did). Clean-clone CI runs once
 * measured 113-202 ms: the app set `<html lang>` on every render of the shell, and Chromium
 * restyles the whole page for that even when the value is the same (100-190 ms of style recalc
 * on the demo notebook; with it set only on a change the longest task measured 15-40 ms). The
 * wall-clock frame gap is logged and only checked for a freeze (1 s): on this shared 2-core
 * machine it measured 140-700 ms while the app's longest task used 28-65 ms of CPU; the rest was
 * the renderer waiting for a core (see traceMainThread).
 */
const MAIN_THREAD_TASK_MS = 100;
const FREEZE_MS = 1000;

/** A query DuckDB would need hours for: 10^12 rows of a cross join, summed. */
const ENDLESS_SQL = 'SELECT sum(a.range * b.range) AS s FROM range(1000000) a, range(1000000) b';

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

/** Adds a cell after `after` (Alt+Enter: the same kind), types `text` and returns its id, not yet run. */
async function addCellAfter(page: Page, nb: NotebookPage, after: string, text: string): Promise<string> {
  await nb.cell(after).locator('.cm-content, button.folded').first().click();
  if ((await nb.cell(after).locator('.cm-content').count()) > 0) await nb.cell(after).locator('.cm-content').click();
  await page.keyboard.press('Alt+Enter');
  const index = await page.locator('tb-cell').evaluateAll((cells, id) => cells.findIndex((c) => c.getAttribute('data-id') === id) + 1, after);
  const id = (await page.locator('tb-cell').nth(index).getAttribute('data-id'))!;
  await nb.settle();
  await nb.cell(id).locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  return id;
}

const describe_ = (t: MainThreadTrace) =>
  `longest main-thread task ${t.longestTaskCpuMs.toFixed(1)} ms CPU (${t.longestTaskWallMs.toFixed(1)} ms wall); slowest by wall ${t.slowestWallMs.toFixed(1)} ms (${t.slowestWallCpuMs.toFixed(1)} ms CPU); the longest task's parts (ms): ${t.longestTaskParts}`;

/** Every table's content as one string per table (rows sorted), to compare before and after. */
async function tableFingerprints(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const db = (document.querySelector('tb-app') as unknown as { store: { database: { tables(): Promise<{ name: string; kind: string }[]>; query(sql: string): Promise<{ getChildAt(i: number): { get(j: number): unknown } | null }> } } }).store.database;
    const out: Record<string, string> = {};
    for (const t of await db.tables()) {
      if (t.kind !== 'table') continue;
      const q = `"${t.name.replaceAll('"', '""')}"`;
      const r = await db.query(`SELECT count(*)::VARCHAR || ':' || coalesce(md5(string_agg(x, '|' ORDER BY x)), '') FROM (SELECT CAST(t AS VARCHAR) AS x FROM ${q} t)`);
      out[t.name] = String(r.getChildAt(0)?.get(0));
    }
    return out;
  });
}

describe('runaway work', () => {
  it('stops an endless TypeScript cell within 1 s of the click, and the page keeps painting throughout', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const nb = new NotebookPage(app.page);
    expect(await nb.settle()).toEqual({});
    const id = await addCellAfter(app.page, nb, 'tier-chart', 'while (true) {}\nreturn 1;');
    await startFrameMonitor(app.page);
    let stop = { ms: Infinity, status: '', text: '' };
    const trace = await traceMainThread(app.page, async () => {
      await app.page.keyboard.press('Shift+Enter');
      await expect.poll(async () => (await nb.statuses())[id], { timeout: 30_000 }).toBe('running');
      await app.page.waitForTimeout(1500); // the loop runs a while: the page must paint meanwhile
      stop = await stopCellTimed(nb.cell(id));
      await app.page.waitForTimeout(300);
    });
    const frames = await worstFrameGap(app.page);
    console.log(`[runaway] TS stop: ${stop.ms.toFixed(1)} ms (${stop.status}: ${stop.text}); worst frame gap ${frames.worst.toFixed(1)} ms over ${frames.frames} frames; ${describe_(trace)}`);
    expect(stop.status).toBe('error');
    expect(stop.text).toMatch(/Stopped/);
    expect(stop.ms).toBeLessThanOrEqual(TS_STOP_MS);
    expect(trace.longestTaskCpuMs).toBeLessThan(MAIN_THREAD_TASK_MS);
    expect(frames.worst).toBeLessThan(FREEZE_MS);
    // the sandbox restarted: the notebook still computes
    await nb.cell('strategic-pct').locator('input[type=range]').fill('12');
    await expect.poll(() => nb.chartText('tier-chart'), { timeout: 30_000 }).toContain('600');
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);

  it('cancels an endless SQL cell and an endless SQL-tab query within 200 ms; every table stays; the next query works', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const nb = new NotebookPage(app.page);
    const ws = new WorkspacePage(app.page);
    expect(await nb.settle()).toEqual({});
    const before = await tableRowCounts(app.page);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(6);

    // a SQL cell
    const id = await addCellAfter(app.page, nb, 'tier-by-industry', ENDLESS_SQL);
    await startFrameMonitor(app.page);
    let stop = { ms: Infinity, status: '', text: '' };
    const cellTrace = await traceMainThread(app.page, async () => {
      await app.page.keyboard.press('Shift+Enter');
      await expect.poll(async () => (await nb.statuses())[id], { timeout: 30_000 }).toBe('running');
      await app.page.waitForTimeout(1500);
      stop = await stopCellTimed(nb.cell(id));
      await app.page.waitForTimeout(300);
    });
    const cellFrames = await worstFrameGap(app.page);
    console.log(`[runaway] SQL cell cancel: ${stop.ms.toFixed(1)} ms (${stop.status}: ${stop.text}); worst frame gap ${cellFrames.worst.toFixed(1)} ms over ${cellFrames.frames} frames; ${describe_(cellTrace)}`);
    expect(stop.status).toBe('error');
    expect(stop.ms).toBeLessThanOrEqual(SQL_CANCEL_MS);
    expect(cellTrace.longestTaskCpuMs).toBeLessThan(MAIN_THREAD_TASK_MS);
    expect(cellFrames.worst).toBeLessThan(FREEZE_MS);

    // the SQL tab
    await ws.openTab('sql');
    await app.page.locator('tb-sql-box textarea').fill(ENDLESS_SQL);
    await startFrameMonitor(app.page);
    let cancel = { shownMs: Infinity, freeMs: Infinity, state: '', answer: 0 };
    const boxTrace = await traceMainThread(app.page, async () => {
      await app.page.locator('tb-sql-box button.primary').click();
      await app.page.waitForTimeout(1500);
      cancel = await cancelSqlBoxTimed(app.page);
    });
    const boxFrames = await worstFrameGap(app.page);
    console.log(`[runaway] SQL tab cancel: shown ${cancel.shownMs.toFixed(1)} ms, DuckDB free (next query answered) ${cancel.freeMs.toFixed(1)} ms; worst frame gap ${boxFrames.worst.toFixed(1)} ms; ${describe_(boxTrace)}`);
    expect(cancel.state).toBe('cancelled');
    expect(cancel.shownMs).toBeLessThanOrEqual(SQL_CANCEL_MS);
    expect(cancel.freeMs).toBeLessThanOrEqual(SQL_CANCEL_MS);
    expect(cancel.answer).toBe(42);
    expect(boxTrace.longestTaskCpuMs).toBeLessThan(MAIN_THREAD_TASK_MS);
    expect(boxFrames.worst).toBeLessThan(FREEZE_MS);

    // every table is still there with its rows, and the next query works
    expect(await tableRowCounts(app.page)).toEqual(before);
    await ws.runSql('SELECT count(*) AS n FROM loans');
    expect((await ws.gridRows('tb-sql-box tb-data-grid', 1))[0]).toEqual([before['loans']!.toLocaleString('en-US')]);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);

  it('notices a DuckDB worker that died, says so, restarts it, reloads every table from its file with the user’s choices and runs the notebook again, without a reload', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const nb = new NotebookPage(app.page);
    const ws = new WorkspacePage(app.page);
    expect(await nb.settle()).toEqual({});
    // a file of the user's own, loaded under a name the user chose
    await ws.pick(upload('extra.csv', new TextEncoder().encode('客户号,客户名称,营业收入\nX1,甲,1.5万\nX2,乙,abc\nX3,丙,200\n'), 'text/csv'));
    await ws.mappingDialog();
    await app.page.locator('input[data-testid="mapping-name"]').fill('my_customers');
    await ws.confirmMapping();
    await ws.openTab('notebook');
    expect(await nb.settle()).toEqual({});
    const before = await tableFingerprints(app.page);
    expect(Object.keys(before)).toContain('my_customers');
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(7);
    const chartBefore = await nb.chartText('tier-chart');
    await app.page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = 1));

    // kill the DuckDB worker through the DevTools protocol (Playwright's worker target): it closes silently
    const worker = app.page.workers().find((w) => /duckdb-browser/.test(w.url()));
    expect(worker, 'the DuckDB worker').toBeDefined();
    const killed = Date.now();
    await worker!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => undefined);

    // the workspace says so, then says it recovered
    await expect.poll(async () => (await ws.notices()).map((n) => n.text).join(' | '), { timeout: 30_000 }).toMatch(/DuckDB stopped/);
    const noticed = Date.now() - killed;
    await expect.poll(async () => (await ws.notices()).map((n) => n.text).join(' | '), { timeout: 120_000 }).toMatch(/DuckDB restarted/);
    const recovered = Date.now() - killed;
    const marks = await app.page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('tierbook:')).map((m) => [m.name.replace('tierbook:', ''), Math.round(m.startTime)])));
    console.log(`[runaway] worker death noticed after ${noticed} ms, tables back after ${recovered} ms; page marks (ms since navigation): ${JSON.stringify(marks)}; notices: ${(await ws.notices()).map((n) => n.text).join(' | ')}`);

    expect(await tableFingerprints(app.page)).toEqual(before);
    expect(await nb.settle()).toEqual({});
    expect(await nb.chartText('tier-chart')).toBe(chartBefore);
    await ws.runSql('SELECT count(*) AS n FROM my_customers');
    expect((await ws.gridRows('tb-sql-box tb-data-grid', 1))[0]).toEqual([before['my_customers']!.split(':')[0]]);
    expect(await app.page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(1);
    expect(app.page.workers().filter((w) => /duckdb-browser/.test(w.url()))).toHaveLength(1);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);
});
