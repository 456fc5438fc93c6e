import type { Download, Locator, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';

/** A slider moved and what the view showed right after, measured in the page. */
export interface MoveResult {
  /** ms from the input event to the view's updated render */
  readonly ms: number;
  /** animation frames that began in between (0 = the same frame) */
  readonly frames: number;
  readonly before: ViewSnapshot;
  readonly after: ViewSnapshot;
}

/** What the live part of the view shows: counts, the histogram and the tiers × segments table. */
export interface ViewSnapshot {
  readonly counts: string[];
  readonly histogram: string;
  readonly tierSegment: string;
  readonly distribution: string;
}

/**
 * Drives the screening tab as an analyst would: sliders, the heatmap, the name list, its export,
 * the customer profile. Locators pierce shadow roots and use data attributes (both languages).
 */
export class ScreeningPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.locator('nav button[data-tab="screening"]').click();
    await this.page.locator('[data-testid="tier-distribution"]').waitFor({ timeout: 120_000 });
  }

  async counts(): Promise<number[]> {
    const texts = await this.page.locator('[data-tier-count]').allTextContents();
    return texts.map((t) => Number(t.replace(/[^\d]/g, '')));
  }

  /**
   * Sets a range input of the screening view and dispatches `input` as a drag does, then waits
   * for the view's render in the same task, counting animation frames in between.
   */
  async move(selector: string, value: number): Promise<MoveResult> {
    return this.page.evaluate(
      async ({ selector, value }) => {
        const view = document.querySelector('tb-app')!.shadowRoot!.querySelector('tb-screening') as HTMLElement & { updateComplete: Promise<boolean> };
        const root = view.shadowRoot!;
        const find = (sel: string): Element | null => {
          // the input lives in a tb-input-control's shadow root
          for (const host of root.querySelectorAll('tb-input-control')) {
            const hit = host.shadowRoot?.querySelector(sel);
            if (hit) return hit;
          }
          return null;
        };
        const snapshot = () => ({
          counts: [...root.querySelectorAll('[data-tier-count]')].map((e) => e.textContent ?? ''),
          histogram: root.querySelector('[data-testid="score-histogram"] svg')?.outerHTML ?? '',
          tierSegment: root.querySelector('[data-testid="tier-segment"] table')?.textContent ?? '',
          distribution: root.querySelector('[data-testid="tier-distribution"]')?.textContent ?? '',
        });
        const input = find(selector) as HTMLInputElement | null;
        if (!input) throw new Error(`no input ${selector}`);
        const before = snapshot();
        let frames = 0;
        let counting = true;
        const tick = () => {
          if (!counting) return;
          frames++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        const start = performance.now();
        input.value = String(value);
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        await view.updateComplete;
        const ms = performance.now() - start;
        counting = false;
        return { ms, frames, before, after: snapshot() };
      },
      { selector, value },
    );
  }

  /** The heatmap's cells in drawing order: `industry|region`, '' for a total. */
  async heatmapCells(): Promise<string[]> {
    return this.page.locator('[data-testid="risk-heatmap"] rect[data-cell]').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-cell') ?? ''));
  }

  heatmapCell(industry: string, region: string): Locator {
    return this.page.locator(`[data-testid="risk-heatmap"] rect[data-cell="${industry}|${region}"]`);
  }

  async listCount(): Promise<number> {
    return Number(((await this.page.locator('[data-testid="list-count"]').textContent()) ?? '').replace(/[^\d]/g, ''));
  }

  /** The visible rows of the name list, as the cells' texts, once their page has loaded (no '…'). */
  async listRows(): Promise<string[][]> {
    const read = () => this.page.locator('tb-name-list tb-data-grid .row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('span')].map((s) => s.textContent ?? '')));
    for (let attempt = 0; attempt < 50; attempt++) {
      const rows = await read();
      if (!rows.some((r) => r.includes('…'))) return rows;
      await this.page.waitForTimeout(100);
    }
    throw new Error('the name list did not finish loading its rows');
  }

  async listHeaders(): Promise<string[]> {
    return this.page.locator('tb-name-list tb-data-grid .head span').evaluateAll((spans) => spans.map((s) => s.textContent ?? ''));
  }

  /** Clicks an export button and returns the file's name and bytes. */
  async export(kind: 'csv' | 'gbk' | 'xlsx'): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.locator(`tb-name-list button[data-export="${kind}"]`).click()]);
    return { name: download.suggestedFilename(), bytes: await readFile((await (download as Download).path())!) };
  }
}
