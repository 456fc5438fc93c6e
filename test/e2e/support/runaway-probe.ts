import type { Locator, Page } from 'playwright-core';

/**
 * Measurements for the runaway-work tests, taken inside the page so that Playwright's own round
 * trips (tens of milliseconds each) do not blur them:
 * - a frame monitor: a requestAnimationFrame loop that keeps the longest gap between frames, so a
 *   blocked main thread shows as one long gap however briefly it lasted;
 * - click-to-state timing: the click is dispatched in the page and the time taken until a
 *   condition holds is measured there, polling every few milliseconds.
 */

/** Starts (or restarts) the frame monitor; `worstFrameGap` reads the longest gap since. */
export async function startFrameMonitor(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __tbFrames?: { worst: number; last: number; frames: number; stop: boolean } };
    if (w.__tbFrames) w.__tbFrames.stop = true;
    const state = { worst: 0, last: performance.now(), frames: 0, stop: false };
    w.__tbFrames = state;
    const tick = (t: number) => {
      if (state.stop) return;
      state.worst = Math.max(state.worst, t - state.last);
      state.last = t;
      state.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** The longest frame gap (ms) since `startFrameMonitor`, and how many frames were painted. */
export async function worstFrameGap(page: Page): Promise<{ worst: number; frames: number }> {
  return page.evaluate(() => {
    const state = (window as unknown as { __tbFrames: { worst: number; last: number; frames: number } }).__tbFrames;
    // a gap still open counts too: a page frozen right now has no frame to close it
    return { worst: Math.max(state.worst, performance.now() - state.last), frames: state.frames };
  });
}

/** What a cell's article shows: stale, queued, running, done or error. */
export function cellStatusIn(cell: Element): string {
  const article = cell.shadowRoot?.querySelector('article');
  return ['stale', 'queued', 'running', 'done', 'error'].find((s) => article?.classList.contains(s)) ?? '';
}

/**
 * Clicks a notebook cell's stop button in the page and returns the milliseconds until the cell
 * no longer shows 'running' (its status then, and its output text).
 */
export async function stopCellTimed(cell: Locator, timeoutMs = 10_000): Promise<{ ms: number; status: string; text: string }> {
  return cell.evaluate(
    async (el, limit) => {
      const status = () => ['stale', 'queued', 'running', 'done', 'error'].find((s) => el.shadowRoot?.querySelector('article')?.classList.contains(s)) ?? '';
      const button = el.shadowRoot?.querySelector<HTMLButtonElement>('button[data-action="cancel"]');
      if (!button) throw new Error('the cell shows no stop button');
      const t0 = performance.now();
      button.click();
      while (status() === 'running' && performance.now() - t0 < limit) await new Promise((r) => setTimeout(r, 2));
      const ms = performance.now() - t0;
      const text = el.shadowRoot?.querySelector('tb-cell-output')?.shadowRoot?.textContent?.trim() ?? '';
      return { ms, status: status(), text };
    },
    timeoutMs,
  );
}

/**
 * Clicks the SQL tab's cancel button and returns the milliseconds until the box shows
 * 'cancelled', and until a fresh query (`SELECT 42`) on the app's database has answered: the
 * second is what tells that DuckDB itself let go of the runaway query, not only the UI.
 */
export async function cancelSqlBoxTimed(page: Page): Promise<{ shownMs: number; freeMs: number; state: string; answer: number }> {
  return page.locator('tb-sql-box').evaluate(async (box) => {
    const b = box as unknown as { state: { kind: string } };
    const app = document.querySelector('tb-app') as unknown as { store: { database: { query(sql: string): Promise<{ getChildAt(i: number): { get(j: number): number } | null }> } } };
    const buttons = [...(box.shadowRoot?.querySelectorAll<HTMLButtonElement>('.bar button') ?? [])];
    const cancel = buttons.find((x) => !x.classList.contains('primary'));
    if (!cancel) throw new Error('no cancel button');
    const t0 = performance.now();
    cancel.click();
    // a DuckDB that never lets go would hold this query forever: give up after 5 s (freeMs = Infinity)
    const next = Promise.race([
      app.store.database.query('SELECT 42 AS answer').then((t) => ({ at: performance.now(), answer: Number(t.getChildAt(0)?.get(0)) })),
      new Promise<{ at: number; answer: number }>((resolve) => setTimeout(() => resolve({ at: Infinity, answer: NaN }), 5000)),
    ]);
    while (b.state.kind === 'running' && performance.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 2));
    const shownMs = performance.now() - t0;
    const { at, answer } = await next;
    return { shownMs, freeMs: at - t0, state: b.state.kind, answer };
  });
}

/** Every table the app's database holds, with its row count, counted by DuckDB (not the sidebar). */
export async function tableRowCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const app = document.querySelector('tb-app') as unknown as { store: { database: { tables(): Promise<{ name: string; rows: number; kind: string }[]> } } };
    const tables = await app.store.database.tables();
    return Object.fromEntries(tables.filter((t) => t.kind === 'table').map((t) => [t.name, t.rows]));
  });
}

/** What the page's main thread did during a traced episode. */
export interface MainThreadTrace {
  /** the longest task's thread (CPU) time, ms: how long the app itself kept the page from painting */
  readonly longestTaskCpuMs: number;
  /** the same task's wall time, ms (more when the machine is loaded and the thread waited for a core) */
  readonly longestTaskWallMs: number;
  /** the task that took the most wall time, and its CPU time */
  readonly slowestWallMs: number;
  readonly slowestWallCpuMs: number;
  /** what the longest task (by CPU) spent its time on: trace events inside it, by name, ms (wall) */
  readonly longestTaskParts: string;
}

/**
 * Runs `episode` under Chromium's tracing and returns the page's longest main-thread task, by CPU
 * time and by wall time. The frame monitor's wall-clock gap also counts the time the renderer
 * waited for a core: on a loaded 2-core machine (several test runs at once) it grows with the load,
 * not with the app. The CPU time of the longest task is the app's own share, and stays put.
 */
export async function traceMainThread(page: Page, episode: () => Promise<void>): Promise<MainThreadTrace> {
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser to trace');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let trace: Buffer;
  try {
    await episode();
  } finally {
    trace = await browser.stopTracing();
  }
  return summarise((JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number; type?: string } };
}

/** Renderer work the timeline names, summed inside a task (nested events of the same name would count twice). */
const PARTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'ParseHTML', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'FunctionCall', 'MajorGC', 'MinorGC', 'v8.compile', 'v8.compileModule', 'EvaluateScript', 'v8.evaluateModule', 'RunMicrotasks', 'XHRReadyStateChange']);

function partsOf(task: TraceEvent, events: readonly TraceEvent[]): string {
  const inside = events.filter((e) => e.ph === 'X' && e !== task && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts < task.ts + (task.dur ?? 0));
  const sums = new Map<string, number>();
  for (const e of inside) {
    if (!PARTS.has(e.name)) continue;
    const d = e.args?.data;
    const key = e.name === 'FunctionCall' && d ? `FunctionCall ${d.functionName || '(anonymous)'} ${d.url?.split('/').pop() ?? ''}:${d.lineNumber ?? ''}:${d.columnNumber ?? ''}` : e.name === 'EventDispatch' && d?.type ? `EventDispatch ${d.type}` : e.name;
    sums.set(key, (sums.get(key) ?? 0) + (e.dur ?? 0) / 1000);
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ');
}

function summarise(events: readonly TraceEvent[]): MainThreadTrace {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && main.has(`${e.pid}:${e.tid}`));
  const byCpu = tasks.reduce<TraceEvent | null>((a, b) => (a === null || (b.tdur ?? 0) > (a.tdur ?? 0) ? b : a), null);
  const byWall = tasks.reduce<TraceEvent | null>((a, b) => (a === null || (b.dur ?? 0) > (a.dur ?? 0) ? b : a), null);
  return {
    longestTaskCpuMs: (byCpu?.tdur ?? 0) / 1000,
    longestTaskWallMs: (byCpu?.dur ?? 0) / 1000,
    slowestWallMs: (byWall?.dur ?? 0) / 1000,
    slowestWallCpuMs: (byWall?.tdur ?? 0) / 1000,
    longestTaskParts: byCpu ? partsOf(byCpu, events) : '',
  };
}
