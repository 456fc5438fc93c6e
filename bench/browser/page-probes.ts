/**
 * What the benchmark runs inside the page. The app has no timing hooks and src/ is not ours to
 * change, so everything is observed from outside: the DOM (through the shadow roots), the
 * Lit elements' `updateComplete`, and animation frames.
 *
 * "On screen" means: the DOM shows it and the next frame has been painted. A callback posted
 * from a requestAnimationFrame callback runs after that frame's style, layout and paint, so its
 * time is the paint (the usual rAF + MessageChannel trick; Chromium paints right after rAF).
 *
 * These functions are serialised into the page by Playwright: they must not use anything from
 * this module's scope. (tsx compiles them with `__name(...)` wrappers; the page gets a no-op
 * `__name` from NAME_SHIM.)
 */

/** Installs the no-op `__name` that tsx's keepNames output calls, before any page script runs. */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

/**
 * Init script: records in `window.__benchFirstResult` (ms since navigation start, which is
 * performance.now()'s origin) the first painted frame in which a SQL cell of the notebook shows
 * a result (status done, output rendered), and in `window.__benchReady` the first frame in which
 * the shell said it was ready (html[data-state=ready]: DuckDB started, demo loaded). Polls once
 * per animation frame until then.
 */
export const FIRST_RESULT_PROBE = `(() => {
  const look = () => {
    if (window.__benchReady === undefined && document.documentElement.dataset.state === 'ready') window.__benchReady = performance.now();
    const notebook = document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-notebook');
    for (const cell of notebook?.shadowRoot?.querySelectorAll('tb-cell') ?? []) {
      const root = cell.shadowRoot;
      if (root && root.querySelector('article.done') && root.querySelector('.kind.sql') && root.querySelector('tb-cell-output')) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { window.__benchFirstResult = performance.now(); };
        channel.port2.postMessage(0);
        return;
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

/** One slider change as the page saw it. */
export interface SliderSample {
  /** input event → tier chart DOM updated → next frame painted, ms */
  readonly ms: number;
  /** input event → the view's render done (Lit updateComplete), ms */
  readonly renderMs: number;
  /** whether the tier chart / histogram changed (false = the change did not reach the screen in time) */
  readonly changed: boolean;
}

/**
 * Sets a weight slider of the Screening tab and dispatches `input` as a drag does; resolves
 * once the tier distribution or score histogram shows the change and the next frame is painted.
 * When the render that follows the input does not change them yet (an asynchronous update),
 * it keeps looking once per frame, up to `timeoutMs`.
 */
export async function moveSlider(args: { selector: string; value: number; timeoutMs: number }): Promise<SliderSample> {
  const view = document.querySelector('tb-app')!.shadowRoot!.querySelector('tb-screening') as HTMLElement & { updateComplete: Promise<boolean> };
  const root = view.shadowRoot!;
  let input: HTMLInputElement | null = null;
  for (const host of root.querySelectorAll('tb-input-control')) {
    input = (host.shadowRoot?.querySelector(args.selector) as HTMLInputElement | null) ?? null;
    if (input) break;
  }
  if (!input) throw new Error(`no slider ${args.selector} in the Screening tab`);
  const chart = () =>
    (root.querySelector('[data-testid="tier-distribution"]')?.innerHTML ?? '') + (root.querySelector('[data-testid="score-histogram"] svg')?.outerHTML ?? '');
  const before = chart();
  const painted = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      }),
    );
  const start = performance.now();
  input.value = String(args.value);
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await view.updateComplete;
  const renderMs = performance.now() - start;
  let changed = chart() !== before;
  while (!changed && performance.now() - start < args.timeoutMs) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    changed = chart() !== before;
  }
  const end = await painted();
  return { ms: end - start, renderMs, changed };
}

/** The tiering step as the page saw it. */
export interface TieringSample {
  /** click on the Screening tab → tier counts of the whole matrix on screen (painted), ms; NaN on timeout */
  readonly ms: number;
  /** the tab's text when it timed out (the app's message, if it gave one) */
  readonly text?: string;
}

/**
 * Opens the Screening tab and waits until its tier counts add up to `customers` (the loaded
 * extract's, not the 5,000 of the demo it showed before), then for the next paint.
 */
export async function openScreening(args: { customers: number; timeoutMs: number }): Promise<TieringSample> {
  const app = document.querySelector('tb-app')!.shadowRoot!;
  const start = performance.now();
  (app.querySelector('nav button[data-tab="screening"]') as HTMLElement).click();
  for (;;) {
    const root = app.querySelector('tb-screening')?.shadowRoot;
    const counts = [...(root?.querySelectorAll('[data-tier-count]') ?? [])].map((e) => Number((e.textContent ?? '').replace(/[^\d]/g, '')));
    if (counts.length > 0 && counts.reduce((a, b) => a + b, 0) === args.customers) break;
    if (performance.now() - start > args.timeoutMs) {
      return { ms: NaN, text: (root?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 600) };
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const end = await new Promise<number>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    }),
  );
  return { ms: end - start };
}

/** One notebook cell's last run as the runtime recorded it (tb-cell's `state`). */
export interface CellRun {
  readonly id: string;
  readonly status: string;
  /** the runtime's duration of the cell's last completed run, ms */
  readonly ms: number | null;
  readonly error: string | null;
}

/** Every cell of the open notebook tab with its runtime state. */
export function cellRuns(): CellRun[] {
  const notebook = document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-notebook');
  return [...(notebook?.shadowRoot?.querySelectorAll('tb-cell') ?? [])].map((cell) => {
    const state = (cell as HTMLElement & { state: { status: string; ms?: number; error?: { message: string } } | null }).state;
    return { id: cell.getAttribute('data-id') ?? '', status: state?.status ?? '', ms: state?.ms ?? null, error: state?.error?.message ?? null };
  });
}

/** True when the notebook tab shows cells and none is stale, queued or running. */
export function notebookSettled(): boolean {
  const notebook = document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-notebook');
  const cells = [...(notebook?.shadowRoot?.querySelectorAll('tb-cell') ?? [])];
  return cells.length > 0 && cells.every((c) => !/\b(stale|queued|running)\b/.test(c.shadowRoot?.querySelector('article')?.className ?? 'stale'));
}
