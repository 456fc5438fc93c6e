/**
 * Screenshots of the app, for reviews and the README:
 *
 *   npx tsx scripts/screenshot.ts [--url URL] [--out DIR] [--width 1440 --height 900]
 *
 * Without --url it builds and previews dist/ exactly as the e2e suite does (same support code;
 * TIERBOOK_E2E_SKIP_BUILD=1 reuses dist/). The browser goes through the logging proxy, so the run
 * also fails if the app tried to reach any other host while being photographed.
 */
import { resolve } from 'node:path';
import { buildGbkLoansCsv } from '../test/fixtures/build-fixtures';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { openApp } from '../test/e2e/support/app-page';
import { launchBrowser } from '../test/e2e/support/browser';
import { startHarness } from '../test/e2e/support/harness';
import { createShooter } from '../test/e2e/support/shoot';

/** One picture: what to do on the page first (nothing for the start page), then shoot `name`. */
interface Step {
  readonly name: string;
  readonly act?: (page: Page) => Promise<void>;
}

/** The pictures, in order, on one page: the demo, a GBK file's mapping step and its report, SQL in the other language. */
const STEPS: readonly Step[] = [
  { name: 'notebook', act: async (page) => settle(page) },
  {
    name: 'notebook-tiers',
    act: async (page) => {
      await page.locator('tb-cell[data-id="weights"] input[data-weight="total_balance"]').fill('50');
      await settle(page);
      await page.locator('tb-cell[data-id="score-histogram"]').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'replay-report',
    act: async (page) => {
      await page.locator('button[data-testid="replay"]').click();
      await page.locator('[data-testid="replay-report"]').waitFor({ timeout: 120_000 });
      await page.locator('[data-testid="replay-report"]').scrollIntoViewIfNeeded();
    },
  },
  // the screening view, one picture per part of it
  {
    name: 'screening',
    act: async (page) => {
      await page.locator('nav button[data-tab="screening"]').click();
      await page.locator('[data-testid="tier-distribution"]').waitFor({ timeout: 120_000 });
    },
  },
  { name: 'screening-advisory', act: async (page) => page.locator('[data-testid="advisory-weights"]').scrollIntoViewIfNeeded() },
  { name: 'screening-heatmap', act: async (page) => page.locator('[data-testid="risk-heatmap"]').scrollIntoViewIfNeeded() },
  {
    name: 'screening-heatmap-picked',
    act: async (page) => {
      await page.locator('[data-testid="risk-heatmap"] rect[data-cell="建筑业|"]').click();
      await page.locator('[data-testid="name-list"]').scrollIntoViewIfNeeded();
    },
  },
  { name: 'screening-warnings', act: async (page) => page.locator('[data-testid="warnings"]').scrollIntoViewIfNeeded() },
  {
    name: 'screening-profile',
    act: async (page) => {
      await page.locator('tb-name-list tb-data-grid .row').first().click();
      await page.locator('[data-testid="profile-timeline"]').waitFor({ timeout: 60_000 });
    },
  },
  {
    name: 'screening-profile-timeline',
    act: async (page) => {
      await page.locator('[data-testid="profile-balances"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
    },
  },
  // the evaluation tab
  {
    name: 'evaluation',
    act: async (page) => {
      await page.locator('[data-testid="profile-close"]').click();
      await page.locator('nav button[data-tab="evaluation"]').click();
      await page.locator('[data-testid="eval-roc"]').waitFor({ timeout: 120_000 });
    },
  },
  { name: 'evaluation-lift-roc', act: async (page) => page.locator('[data-testid="eval-lift"]').scrollIntoViewIfNeeded() },
  { name: 'evaluation-calibration-psi', act: async (page) => page.locator('[data-testid="eval-calibration"]').scrollIntoViewIfNeeded() },
  { name: 'evaluation-iv', act: async (page) => page.locator('[data-testid="eval-iv"]').scrollIntoViewIfNeeded() },
  { name: 'evaluation-weights', act: async (page) => page.locator('[data-testid="eval-weights"]').scrollIntoViewIfNeeded() },
  {
    name: 'evaluation-scenarios',
    act: async (page) => {
      await page.locator('[data-testid="migration-matrix"]').scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'notebook-palette',
    act: async (page) => {
      await page.locator('nav button[data-tab="notebook"]').click();
      await page.locator('tb-notebook button[data-add="indicator"]').first().click();
      await page.locator('tb-cell-palette dialog').waitFor({ state: 'visible' });
    },
  },
  {
    name: 'data-preview',
    act: async (page) => {
      await page.keyboard.press('Escape');
      await page.locator('nav button[data-tab="preview"]').click();
    },
  },
  {
    name: 'mapping-gbk',
    act: async (page) => {
      await page.locator('input[data-testid="file-input"]').setInputFiles([{ name: '贷款明细.csv', mimeType: 'text/csv', buffer: Buffer.from(buildGbkLoansCsv()) }]);
      await page.locator('dialog[data-testid="mapping-dialog"]').waitFor({ state: 'visible' });
    },
  },
  {
    name: 'quality-gbk',
    act: async (page) => {
      await page.locator('button[data-testid="mapping-load"]').click();
      await page.locator('[data-testid="notice"]').first().waitFor();
    },
  },
  {
    name: 'sql-other-language',
    act: async (page) => {
      await page.locator('header button.lang').click();
      await page.locator('nav button[data-tab="sql"]').click();
      await page.locator('tb-sql-box textarea').fill('SELECT industry, count(*) AS customers, round(avg(revenue) / 1e4) AS avg_revenue_wan\nFROM customers GROUP BY 1 ORDER BY 2 DESC');
      await page.locator('tb-sql-box button.primary').click();
      await page.locator('tb-sql-box tb-data-grid .row').first().waitFor();
    },
  },
];

/** Waits until no notebook cell is stale, queued or running. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const cells = [...(document.querySelector('tb-app')?.shadowRoot?.querySelector('tb-notebook')?.shadowRoot?.querySelectorAll('tb-cell') ?? [])];
      return cells.length > 0 && cells.every((c) => !/\b(stale|queued|running)\b/.test(c.shadowRoot?.querySelector('article')?.className ?? 'stale'));
    },
    null,
    { timeout: 120_000 },
  );
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${flag} must be a positive integer, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      out: { type: 'string', default: 'test-results/screenshots' },
      width: { type: 'string', default: '1440' },
      height: { type: 'string', default: '900' },
    },
  });
  const viewport = { width: positiveInt(values.width, 'width'), height: positiveInt(values.height, 'height') };
  const outDir = resolve(values.out);

  const harness = await startHarness(values.url === undefined ? {} : { appUrl: values.url });
  const { browser } = await launchBrowser(harness.proxy);
  try {
    const app = await openApp(browser, harness.proxy, harness.environment.appUrl, { context: { viewport } });
    const shoot = createShooter(outDir);
    for (const step of STEPS) {
      await step.act?.(app.page);
      console.log(await shoot(app.page, step.name));
    }
    for (const problem of app.problems) console.warn(`warning: ${problem}`);
    await app.expectNoOtherHostRequests();
    await app.close();
  } finally {
    await browser.close();
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
