import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { quoteIdent, quoteLiteral } from '../../src/engine/database';
import { cspReports, injectedElements, watchDialogs } from './support/injected-markup';
import { ScreeningPage } from './support/screening-page';
import { startE2eSession, type E2eSession } from './support/session';
import { upload, WorkspacePage } from './support/workspace-page';

/**
 * Issue 7, item 4: company names, account-manager names, a column name and a value carrying
 * script and formula payloads, loaded as a user loads an extract (a customers CSV through the
 * mapping step), must show as text wherever the app shows them: the mapping step, the preview, the
 * quality report, the screening name list and the customer profile. Nothing may run (no dialog),
 * no element from a payload may exist, and nothing may leave. (Markdown cells with payloads: the
 * adversarial notebook's md-hostile cell; the exports' bytes: screening.e2e.test.ts and
 * test/export, test/report.)
 */

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example/x","x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
] as const;
/** A column the mapping step does not know, named with a payload. */
const HOSTILE_HEADER = '"><img src=x onerror=alert(2)>';
/** A value that is not a number, in a number column: the quality report shows it. */
const HOSTILE_VALUE = '<svg onload=alert(3)>';

/**
 * The demo's customers (Chinese headers, as the bank's extract has them) with every name and manager replaced by a payload (customer k gets
 * PAYLOADS[k mod 8] and PAYLOADS[(k + 3) mod 8]), the first customer's revenue by HOSTILE_VALUE,
 * and an extra column HOSTILE_HEADER: written as CSV by native DuckDB.
 */
async function hostileCustomersCsv(): Promise<Buffer> {
  const file = join(mkdtempSync(join(tmpdir(), 'tierbook-hostile-')), 'customers.csv');
  const list = `[${PAYLOADS.map(quoteLiteral).join(', ')}]`;
  const db = await NativeDatabase.open();
  try {
    await db.exec(`COPY (
      SELECT * EXCLUDE (k) REPLACE (
          ${list}[(k % 8) + 1] AS 客户名称,
          ${list}[((k + 3) % 8) + 1] AS 客户经理,
          CASE WHEN k = 0 THEN ${quoteLiteral(HOSTILE_VALUE)} ELSE CAST(营业收入 AS VARCHAR) END AS 营业收入),
        'x' AS ${quoteIdent(HOSTILE_HEADER)}
      FROM (SELECT *, row_number() OVER () - 1 AS k FROM read_parquet(${quoteLiteral(join(process.cwd(), 'public/demo/customers.parquet'))}))
    ) TO ${quoteLiteral(file)} (HEADER, DELIMITER ',')`);
  } finally {
    await db.close();
  }
  return readFileSync(file);
}

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

/** The text an element shows, its shadow roots' included (Playwright's textContent stops at them). */
function deepText(locator: Locator): Promise<string> {
  return locator.first().evaluate((root) => {
    const parts: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      const shadow = (node as Element).shadowRoot;
      if (shadow) walk(shadow);
      for (const child of node.childNodes) walk(child);
    };
    walk(root);
    return parts.join('');
  });
}

const isPayload = (text: string) => (PAYLOADS as readonly string[]).includes(text);

describe('hostile content in an extract', () => {
  it('shows as text in the mapping step, preview, quality report, name list and profile; nothing runs or leaves', async () => {
    const csv = await hostileCustomersCsv();
    const app = await session.openApp({ context: { locale: 'en-US', viewport: { width: 1500, height: 1000 } } });
    const dialogs = watchDialogs(app.page);
    const ws = new WorkspacePage(app.page);
    const mark = await app.log.mark();

    await ws.pick(upload('customers.csv', csv, 'text/csv'));
    const dialog = await ws.mappingDialog();
    expect(await dialog.getAttribute('data-table')).toBe('customers');
    expect(await deepText(dialog)).toContain(HOSTILE_HEADER);
    expect(await injectedElements(app.page)).toEqual([]);
    await ws.confirmMapping();
    expect((await ws.notices()).at(-1)).toMatchObject({ kind: 'success' });

    // the quality report: the unknown column by its name, the bad value as it was
    await ws.openTab('quality');
    const reportText = await deepText(app.page.locator('tb-quality-report'));
    expect(reportText).toContain(HOSTILE_HEADER);
    expect(reportText).toContain(HOSTILE_VALUE);

    // the preview: names and managers as they were written
    await ws.selectTable('customers');
    await ws.openTab('preview');
    const previewRows = await ws.gridRows('section.panel > tb-data-grid', 8);
    const previewCells = previewRows.flat();
    for (const payload of PAYLOADS) expect(previewCells, payload).toContain(payload);

    // the screening list and a customer's profile
    const view = new ScreeningPage(app.page);
    await view.open();
    const headers = await view.listHeaders();
    const nameAt = headers.findIndex((h) => /name/i.test(h));
    const managerAt = headers.findIndex((h) => /manager/i.test(h));
    expect([nameAt, managerAt].every((i) => i >= 0)).toBe(true);
    const rows = await view.listRows();
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(isPayload(row[nameAt]!), row[nameAt]).toBe(true);
      expect(isPayload(row[managerAt]!), row[managerAt]).toBe(true);
    }
    await app.page.locator('tb-name-list tb-data-grid .row').first().click();
    const profile = app.page.locator('[data-testid="customer-profile"]');
    await profile.waitFor();
    expect(await profile.locator('[data-testid="profile-name"]').textContent()).toBe(rows[0]![nameAt]);
    expect(await deepText(profile)).toContain(rows[0]![managerAt]);
    await profile.locator('[data-testid="profile-timeline"]').waitFor({ timeout: 30_000 });

    // nothing from a payload exists or ran, and nothing left
    expect(await injectedElements(app.page)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(app.problems).toEqual([]);
    expect(await cspReports(app.log, mark)).toEqual([]);
    await app.expectNoOtherHostRequests(mark);

    // and the element check can fail: a planted handler deep in the shadow roots is found
    await app.page.locator('[data-testid="profile-name"]').evaluate((h2) => h2.insertAdjacentHTML('afterend', '<img data-planted src="data:," onerror="void 0">'));
    expect(await injectedElements(app.page)).toEqual([expect.stringMatching(/<tb-customer-profile> › <img> onerror="void 0"$/)]);
    await app.close();
  }, 300_000);
});
