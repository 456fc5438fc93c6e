import type { Locator, Page } from 'playwright-core';

/** A file given to the page's file input, as Playwright takes it. */
export interface UploadFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Buffer;
}

/** Builds an upload from bytes. */
export function upload(name: string, bytes: Uint8Array, mimeType = 'application/octet-stream'): UploadFile {
  return { name, mimeType, buffer: Buffer.from(bytes) };
}

/**
 * Drives the workspace shell as a person would: the file input, the mapping step, the tabs.
 * Locators pierce the shadow DOM (Playwright's CSS engine does), and use data attributes, not
 * text, so the tests hold in both languages.
 */
export class WorkspacePage {
  constructor(readonly page: Page) {}

  /** The names of the tables in the sidebar, in order. */
  async tableNames(): Promise<string[]> {
    return this.page.locator('tb-table-list li[data-table]').evaluateAll((items) => items.map((li) => li.getAttribute('data-table') ?? ''));
  }

  /** The sidebar's "N rows" text of a table. */
  tableItem(name: string): Locator {
    return this.page.locator(`tb-table-list li[data-table="${name}"]`);
  }

  /** Picks files with the header's file input. */
  async pick(...files: UploadFile[]): Promise<void> {
    await this.page.locator('input[data-testid="file-input"]').setInputFiles(files);
  }

  /** The mapping dialog, once it is open. */
  async mappingDialog(): Promise<Locator> {
    const dialog = this.page.locator('dialog[data-testid="mapping-dialog"]');
    await dialog.waitFor({ state: 'visible', timeout: 60_000 });
    return dialog;
  }

  /**
   * Confirms the mapping step and waits for the load to finish (a success or error notice) and,
   * on success, for the new table's quality report to be on screen.
   */
  async confirmMapping(): Promise<void> {
    const name = await this.page.locator('input[data-testid="mapping-name"]').inputValue();
    const before = await this.page.locator('[data-testid="notice"]').count();
    await this.page.locator('button[data-testid="mapping-load"]').click();
    await this.page.waitForFunction(
      (n) => {
        const list = document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-notice-list');
        return (list?.shadowRoot?.querySelectorAll('[data-testid="notice"]').length ?? 0) > n;
      },
      before,
      { timeout: 60_000 },
    );
    if ((await this.notices()).at(-1)?.kind === 'success') {
      await this.page.locator(`tb-quality-report section[data-table="${name}"]`).waitFor({ timeout: 30_000 });
    }
  }

  /** Notices currently shown: kind and issue code. */
  async notices(): Promise<{ kind: string; code: string; text: string }[]> {
    return this.page.locator('[data-testid="notice"]').evaluateAll((items) =>
      items.map((n) => ({ kind: n.getAttribute('data-kind') ?? '', code: n.getAttribute('data-code') ?? '', text: n.textContent?.replace(/\s+/g, ' ').trim() ?? '' })),
    );
  }

  /** Waits until `count` notices are shown. */
  async waitForNotices(count: number): Promise<void> {
    await this.page.locator('[data-testid="notice"]').nth(count - 1).waitFor({ timeout: 60_000 });
  }

  async openTab(tab: 'notebook' | 'screening' | 'evaluation' | 'preview' | 'quality' | 'sql'): Promise<void> {
    await this.page.locator(`nav button[data-tab="${tab}"]`).click();
  }

  async selectTable(name: string): Promise<void> {
    await this.tableItem(name).locator('button.item').click();
  }

  /** A number shown in one of the quality report's cards ("quality.loaded"...). */
  async reportCount(card: 'quality.read' | 'quality.loaded' | 'quality.rejected' | 'quality.skipped'): Promise<number> {
    const text = await this.page.locator(`tb-quality-report [data-testid="${card}"] strong`).textContent();
    return Number((text ?? '').replace(/[^\d]/g, ''));
  }

  /** The issues listed in the quality report: code, row and column. */
  async reportIssues(): Promise<{ code: string; row: string; column: string }[]> {
    return this.page.locator('tb-quality-report tr[data-code]').evaluateAll((rows) =>
      rows.map((r) => ({ code: r.getAttribute('data-code') ?? '', row: r.getAttribute('data-row') ?? '', column: r.getAttribute('data-column') ?? '' })),
    );
  }

  /** Runs SQL in the SQL tab and returns the status line once it has finished. */
  async runSql(sql: string): Promise<void> {
    await this.openTab('sql');
    await this.page.locator('tb-sql-box textarea').fill(sql);
    await this.page.locator('tb-sql-box button.primary').click();
    await this.page.waitForFunction(() => {
      const box = document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-sql-box');
      return box !== null && box !== undefined && (box as unknown as { state: { kind: string } }).state.kind !== 'running';
    });
  }

  /** The cells of the first rows of a grid, as text, once its first page has arrived. */
  async gridRows(selector = 'tb-data-grid', count = 3): Promise<string[][]> {
    const rows = this.page.locator(`${selector} .row`);
    await rows.first().waitFor();
    for (let i = 0; i < 100 && (await this.page.locator(`${selector} .row i.null`, { hasText: '…' }).count()) > 0; i++) {
      await this.page.waitForTimeout(100);
    }
    return rows.evaluateAll(
      (items, n) => items.slice(0, n).map((r) => [...r.querySelectorAll('span')].slice(1).map((s) => s.textContent?.trim() ?? '')),
      count,
    );
  }
}
