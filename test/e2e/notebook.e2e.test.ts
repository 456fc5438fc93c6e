import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSession, type E2eSession } from './support/session';
import { NotebookPage } from './support/notebook-page';
import { WorkspacePage } from './support/workspace-page';

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

describe('the notebook', () => {
  it('runs the demo notebook by itself; a cell edited and run with Shift+Enter shows its new result; a slider updates the chart', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN' } });
    const nb = new NotebookPage(app.page);
    expect(await nb.settle()).toEqual({});
    expect(await nb.chartText('tier-chart')).toContain('500');

    await nb.editAndRun('tier-by-industry', "SELECT count(*) AS strategic FROM scored WHERE tier = '战略级'");
    await expect.poll(() => nb.cell('tier-by-industry').locator('tb-data-grid .row').first().textContent(), { timeout: 30_000 }).toContain('500');

    await nb.cell('strategic-pct').locator('input[type=range]').fill('20');
    await expect.poll(() => nb.chartText('tier-chart'), { timeout: 30_000 }).toContain('1,000');
    await expect.poll(() => nb.cell('tier-by-industry').locator('tb-data-grid .row').first().textContent(), { timeout: 30_000 }).toContain('1,000');
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);

  it('stops a runaway TypeScript cell while the page keeps painting, and the rest keeps working; cells move and delete from the keyboard', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const nb = new NotebookPage(app.page);
    await nb.settle();
    await nb.cell('tier-chart').locator('.cm-content, button.folded').first().click();
    await app.page.keyboard.press('Alt+Enter');
    const added = app.page.locator('tb-cell').nth(await app.page.locator('tb-cell').evaluateAll((cells) => cells.findIndex((c) => c.getAttribute('data-id') === 'tier-chart') + 1));
    const id = (await added.getAttribute('data-id'))!;
    await nb.editAndRun(id, 'while (true) {}\nreturn 1;');
    await expect.poll(async () => (await nb.statuses())[id], { timeout: 30_000 }).toBe('running');
    const gap = await app.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let last = performance.now();
          let worst = 0;
          const end = last + 1000;
          const tick = (t: number) => {
            worst = Math.max(worst, t - last);
            last = t;
            if (t < end) requestAnimationFrame(tick);
            else resolve(worst);
          };
          requestAnimationFrame(tick);
        }),
    );
    expect(gap).toBeLessThan(250);
    await nb.cell(id).locator('button[data-action="cancel"]').click();
    await expect.poll(async () => (await nb.statuses())[id], { timeout: 30_000 }).toBe('error');
    await nb.cell('strategic-pct').locator('input[type=range]').fill('12');
    await expect.poll(() => nb.chartText('tier-chart'), { timeout: 30_000 }).toContain('600');
    // Alt+↑ moves the cell above tier_chart; Ctrl+Shift+Backspace deletes it
    await nb.cell(id).locator('.cm-content').click();
    await app.page.keyboard.press('Alt+ArrowUp');
    expect(await app.page.locator('tb-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-id')))).toEqual(expect.arrayContaining([id, 'tier-chart']));
    const order = await app.page.locator('tb-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-id')));
    expect(order.indexOf(id)).toBe(order.indexOf('tier-chart') - 1);
    await nb.cell(id).locator('.cm-content').click();
    await app.page.keyboard.press('Control+Shift+Backspace');
    await expect.poll(() => nb.cell(id).count(), { timeout: 30_000 }).toBe(0);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);

  it('saves, reloads exactly as it was, and restores an older version', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const nb = new NotebookPage(app.page);
    await nb.settle();
    await nb.cell('strategic-pct').locator('input[type=range]').fill('15');
    await nb.settle();
    await app.page.locator('button[data-testid="save"]').click();
    await expect.poll(() => app.page.locator('[data-testid="save-state"]').textContent(), { timeout: 30_000 }).toMatch(/Saved/);
    const before = await nb.download();
    expect(before).toMatch(/name=strategic_pct[\s\S]*value: 15/);

    await app.page.reload();
    await app.page.waitForSelector('html[data-state="ready"]', { state: 'attached', timeout: 120_000 });
    await nb.settle();
    expect(await nb.cell('strategic-pct').locator('output').textContent()).toBe('15');
    expect(await nb.download()).toBe(before);

    await app.page.locator('button[data-testid="history"]').click();
    const restore = app.page.locator('[data-testid="history-panel"] button[data-restore]').last();
    await restore.click();
    // restoring reads the store and then reloads the document: wait for the value, not for idle cells
    await expect.poll(() => nb.cell('strategic-pct').locator('output').textContent(), { timeout: 60_000 }).toBe('10');
    await nb.settle();
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);

  it('opens a notebook file from elsewhere in review mode with nothing run; replay passes; a changed data value names the cell', async () => {
    const first = await session.openApp({ context: { locale: 'en-US' } });
    const nb1 = new NotebookPage(first.page);
    await nb1.settle();
    const text = await nb1.download();
    await first.close();
    const path = join(mkdtempSync(join(tmpdir(), 'tierbook-nb-')), 'screening.md');
    writeFileSync(path, text);

    const app = await session.openApp({ context: { locale: 'en-US' } });
    const nb = new NotebookPage(app.page);
    await nb.settle();
    await app.page.locator('input[data-testid="notebook-file"]').setInputFiles(path);
    await app.page.locator('[data-testid="review-banner"]').waitFor();
    const statuses = await nb.statuses();
    expect(Object.entries(statuses).filter(([, s]) => s === 'done' || s === 'running').map(([id]) => id).filter((id) => !['intro', 'about-ranks'].includes(id))).toEqual([]);
    expect(await app.page.locator('tb-cell [data-testid="cell-chart"]').count()).toBe(0);

    await app.page.locator('button[data-testid="replay"]').click();
    await app.page.locator('[data-testid="replay-report"]').waitFor({ timeout: 90_000 });
    expect(await app.page.locator('[data-testid="replay-report"] tr[data-status]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).not.toContain('changed');
    expect(await app.page.locator('[data-testid="replay-summary"]').textContent()).toMatch(/Every saved result reproduces/);

    const ws = new WorkspacePage(app.page);
    await ws.runSql("UPDATE loans SET balance = balance + 1000000 WHERE loan_id = (SELECT min(loan_id) FROM loans WHERE bank = '本行' AND balance > 0)");
    await ws.openTab('notebook');
    await app.page.locator('button[data-testid="replay"]').click();
    await expect.poll(() => app.page.locator('[data-testid="replay-summary"]').textContent(), { timeout: 90_000 }).toMatch(/do not reproduce/);
    const changed = await app.page.locator('[data-testid="replay-report"] tr[data-status="changed"]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-cell-name'), r.textContent]));
    expect(changed.map(([name]) => name)).toContain('ind_funding_need');
    expect(changed.find(([name]) => name === 'ind_funding_need')![1]).toMatch(/total_balance sum: .* \(\+1,000,000\)/);
    expect(first.problems).toEqual([]);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);
});
