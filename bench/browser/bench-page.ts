/**
 * The app in one fresh browser context, driven as an analyst would (file input, mapping dialog,
 * tabs, sliders, export) and timed from outside: see page-probes.ts for what "on screen" means.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchProblems } from '../../test/e2e/support/app-page';
import type { ProxyChannel, ProxyControl } from '../../test/e2e/support/proxy-log';
import { guardWebRtc } from '../../test/e2e/support/webrtc-guard';
import { cellRuns, FIRST_RESULT_PROBE, moveSlider, NAME_SHIM, notebookSettled, openScreening, type CellRun, type SliderSample, type TieringSample } from './page-probes';

/** The notebook cells that make the indicator matrix (notebooks/demo.md: the library cells and the matrix). */
export const isMatrixCell = (id: string): boolean => id.startsWith('ind-') || id === 'indicator-matrix';

/** One table loaded through the file input and mapping dialog. */
export interface TableLoad {
  readonly table: string;
  readonly bytes: number;
  /** setInputFiles → the success notice, ms (read + stage, the mapping dialog, clean + checks) */
  readonly ms: number;
  /** the app's error notice, when the load failed */
  readonly failed?: string;
}

export class BenchPage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly channel: ProxyChannel,
    /** console errors and uncaught exceptions in the page and its workers */
    readonly problems: string[],
    /** rejects when the page crashes (out of memory, typically): waits race it instead of running into their timeouts */
    readonly crashed: Promise<never>,
  ) {}

  /** A fresh context (own proxy channel, downloads on) with the probes installed before the app's first script. */
  static async open(browser: Browser, proxy: ProxyControl): Promise<BenchPage> {
    const channel = await proxy.openChannel('app');
    const context = await browser.newContext({
      proxy: { server: `http://127.0.0.1:${channel.port}`, bypass: '<-loopback>' },
      acceptDownloads: true,
      locale: 'en-US',
      viewport: { width: 1500, height: 1000 },
    });
    await guardWebRtc(context);
    await context.addInitScript({ content: NAME_SHIM });
    await context.addInitScript({ content: FIRST_RESULT_PROBE });
    const page = await context.newPage();
    const crashed = new Promise<never>((_, reject) => page.on('crash', () => reject(new Error('the page crashed (Chromium killed the renderer, usually out of memory)'))));
    crashed.catch(() => undefined); // observed by whoever races it; never an unhandled rejection
    return new BenchPage(page, context, channel, watchProblems(page), crashed);
  }

  /** Navigates to the app; returns navigation start → the shell ready, and → the first SQL cell result painted, ms. */
  async firstQuery(url: string, timeoutMs: number): Promise<{ readyMs: number; firstResultMs: number }> {
    await this.page.goto(url, { timeout: timeoutMs });
    await this.page.waitForFunction(() => typeof (window as unknown as { __benchFirstResult?: number }).__benchFirstResult === 'number', null, { timeout: timeoutMs });
    return this.page.evaluate(() => {
      const w = window as unknown as { __benchFirstResult: number; __benchReady?: number };
      return { readyMs: w.__benchReady ?? NaN, firstResultMs: w.__benchFirstResult };
    });
  }

  /** The engine's version as the header shows it ("DuckDB v1.4.3"). */
  async duckdbVersion(): Promise<string> {
    return ((await this.page.locator('[data-testid="engine-status"]').textContent()) ?? '').trim();
  }

  async openTab(tab: 'notebook' | 'screening' | 'sql'): Promise<void> {
    await this.page.locator(`nav button[data-tab="${tab}"]`).click();
  }

  /** Opens the notebook tab and waits until no cell is stale, queued or running. */
  async settleNotebook(timeoutMs: number): Promise<CellRun[]> {
    await this.openTab('notebook');
    await this.page.waitForFunction(notebookSettled, null, { timeout: timeoutMs, polling: 250 });
    return this.page.evaluate(cellRuns);
  }

  /** Removes the demo's tables (the banner's button), so the extract's tables are the only data. */
  async clearDemo(): Promise<void> {
    await this.page.locator('[data-testid="demo-banner"] button').click();
    await this.page.locator('[data-testid="demo-banner"]').waitFor({ state: 'detached', timeout: 60_000 });
  }

  /**
   * Loads one file through the header's file input (a path: Playwright hands Chromium the file,
   * no copy through this process), confirms the mapping dialog under the table's own name, and
   * waits for the app's success or error notice about that file.
   */
  async loadTable(path: string, table: string, bytes: number, timeoutMs: number): Promise<TableLoad> {
    const file = basename(path);
    const start = Date.now();
    await this.page.locator('input[data-testid="file-input"]').setInputFiles(path, { timeout: timeoutMs });
    const dialog = this.page.locator('dialog[data-testid="mapping-dialog"]');
    const outcome = this.notice(file);
    const first = await Promise.race([dialog.waitFor({ state: 'visible', timeout: timeoutMs }).then(() => 'dialog' as const), outcome.waitFor({ timeout: timeoutMs }).then(() => 'notice' as const)]);
    if (first === 'dialog') {
      const name = this.page.locator('input[data-testid="mapping-name"]');
      if ((await name.inputValue()) !== table) await name.fill(table);
      await this.page.locator('button[data-testid="mapping-load"]').click();
      await outcome.waitFor({ timeout: Math.max(1000, timeoutMs - (Date.now() - start)) });
    }
    const ms = Date.now() - start;
    const kind = await outcome.getAttribute('data-kind');
    if (kind === 'success') return { table, bytes, ms };
    // the notice's text, without its dismiss button's ×
    const text = ((await outcome.textContent()) ?? '').replace(/\s+/g, ' ').replace(/\s*×$/, '').trim();
    // the dialog may still be open on an error: close it so the page stays usable
    if (await dialog.isVisible()) await this.page.locator('button[data-testid="mapping-skip"]').click().catch(() => undefined);
    return { table, bytes, ms, failed: text || `load of ${file} failed (${kind})` };
  }

  /** The success or error notice that names `file`. */
  private notice(file: string) {
    return this.page.locator('[data-testid="notice"][data-kind="success"], [data-testid="notice"][data-kind="error"]', { hasText: file }).last();
  }

  /**
   * Runs SQL in the SQL tab and returns the first cell of its first result row (as text), or
   * throws with the tab's error. Used for `duckdb_memory()` and to mark the data edited.
   */
  async sql(sql: string, timeoutMs: number): Promise<string> {
    await this.openTab('sql');
    await this.page.locator('tb-sql-box textarea').fill(sql);
    await this.page.locator('tb-sql-box button.primary').click();
    await this.page.waitForFunction(() => {
      const box = document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-sql-box') as unknown as { state?: { kind: string } } | null;
      return box?.state !== undefined && box.state.kind !== 'running';
    }, null, { timeout: timeoutMs, polling: 100 });
    const state = await this.page.evaluate(() => {
      const box = document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-sql-box') as unknown as { state: { kind: string; message?: string } };
      return { kind: box.state.kind, message: box.state.message ?? '' };
    });
    if (state.kind === 'error') throw new Error(`SQL tab: ${state.message}`);
    const cell = this.page.locator('tb-sql-box tb-data-grid .row').first().locator('span').nth(1);
    if ((await cell.count()) === 0) return '';
    for (let i = 0; i < 50 && ((await cell.textContent()) ?? '').includes('…'); i++) await this.page.waitForTimeout(100);
    return ((await cell.textContent()) ?? '').trim();
  }

  /** DuckDB's memory in use, MB: duckdb_memory()'s sum, read through the SQL tab. */
  async duckdbMemoryMb(timeoutMs: number): Promise<number> {
    const text = await this.sql('SELECT round(sum(memory_usage_bytes) / 1e6, 1) AS mb FROM duckdb_memory()', timeoutMs);
    return Number(text.replace(/[^\d.]/g, ''));
  }

  async openScreening(customers: number, timeoutMs: number): Promise<TieringSample> {
    return this.page.evaluate(openScreening, { customers, timeoutMs });
  }

  async moveSlider(selector: string, value: number, timeoutMs: number): Promise<SliderSample> {
    return this.page.evaluate(moveSlider, { selector, value, timeoutMs });
  }

  /** Clicks the name list's CSV export (the strategic list, as the tab opens) → the download starts, ms. */
  async exportStrategicList(timeoutMs: number): Promise<{ ms: number; bytes: number }> {
    const start = Date.now();
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: timeoutMs }), this.page.locator('tb-name-list button[data-export="csv"]').click({ timeout: timeoutMs })]);
    const ms = Date.now() - start;
    const path = await download.path();
    return { ms, bytes: path ? statSync(path).size : 0 };
  }

  /** What this context fetched from the app's server (URL paths), in order. */
  async fetchedPaths(): Promise<string[]> {
    return (await this.channel.log.since()).filter((r) => r.forwarded).map((r) => new URL(r.url).pathname);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}
