import type { Locator, Page } from 'playwright-core';

/** Drives the notebook tab as a person would: cells, inputs, toolbar, history, replay. */
export class NotebookPage {
  constructor(readonly page: Page) {}

  cell(id: string): Locator {
    return this.page.locator(`tb-cell[data-id="${id}"]`);
  }

  /** The status classes of every cell, by id (stale, running, done, error). */
  async statuses(): Promise<Record<string, string>> {
    return this.page.locator('tb-cell').evaluateAll((cells) =>
      Object.fromEntries(
        cells.map((c) => {
          const article = c.shadowRoot?.querySelector('article');
          const status = ['stale', 'queued', 'running', 'done', 'error'].find((s) => article?.classList.contains(s)) ?? '';
          return [c.getAttribute('data-id') ?? '', status];
        }),
      ),
    );
  }

  /** Waits until no cell is stale, queued or running; returns the cells in error with their messages. */
  async settle(timeout = 90_000): Promise<Record<string, string>> {
    await this.page.waitForFunction(
      () => {
        const cells = [...(document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-notebook')?.shadowRoot?.querySelectorAll('tb-cell') ?? [])];
        return cells.length > 0 && cells.every((c) => !/\b(stale|queued|running)\b/.test(c.shadowRoot?.querySelector('article')?.className ?? 'stale'));
      },
      null,
      { timeout },
    );
    return this.page.locator('tb-cell').evaluateAll((cells) =>
      Object.fromEntries(
        cells
          .filter((c) => c.shadowRoot?.querySelector('article')?.classList.contains('error'))
          .map((c) => [c.getAttribute('data-id') ?? '', c.shadowRoot?.querySelector('tb-cell-output')?.shadowRoot?.textContent?.trim() ?? '']),
      ),
    );
  }

  /** The text a cell's chart shows (its SVG's text nodes). */
  async chartText(id: string): Promise<string> {
    const chart = this.cell(id).locator('[data-testid="cell-chart"] svg').first();
    await chart.waitFor();
    return (await chart.textContent()) ?? '';
  }

  /** Replaces a cell's text by typing into its editor, then runs it with Shift+Enter. */
  async editAndRun(id: string, text: string): Promise<void> {
    const editor = this.cell(id).locator('.cm-content');
    if ((await editor.count()) === 0) await this.cell(id).locator('button.folded').click();
    await this.cell(id).locator('.cm-content').click();
    await this.page.keyboard.press('Control+a');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Shift+Enter');
  }

  /** Downloads the notebook file and returns its text. */
  async download(): Promise<string> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.locator('button[data-testid="download"]').click()]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    return readFile(path, 'utf8');
  }
}
