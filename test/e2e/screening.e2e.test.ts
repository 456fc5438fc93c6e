import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { ScreeningPage } from './support/screening-page';
import { startE2eSession, type E2eSession } from './support/session';
import { WorkspacePage } from './support/workspace-page';

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

/** The industries and provinces the demo generator makes riskier (src/demo/industries.ts, regions.ts: risk ≥ 0.75 / ≥ 0.7). */
const PLANTED_INDUSTRIES = ['建筑业', '房地产业', '住宿和餐饮业', '批发和零售业'];
const PLANTED_REGIONS = ['黑龙江省', '吉林省', '辽宁省', '贵州省', '山西省', '内蒙古自治区'];

/** Reads CSV bytes the way an analyst's tool would: DuckDB's reader, not ours. */
async function readCsv(bytes: Buffer): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tierbook-export-'));
  const file = join(dir, 'list.csv');
  writeFileSync(file, bytes);
  const db = await NativeDatabase.open();
  try {
    const table = await db.query(`SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`);
    return table.toArray().map((row: { toJSON(): Record<string, unknown> }) => row.toJSON());
  } finally {
    await db.close();
  }
}

describe('the screening view', () => {
  it('re-tiers in the same frame as a slider moves; the heatmap shows the planted risk and filters the list; a profile explains the tier', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN', viewport: { width: 1500, height: 1000 } } });
    const view = new ScreeningPage(app.page);
    await view.open();
    expect(await view.counts()).toEqual([500, 1250, 3250]);

    // a weight: scores move, so the histogram, the tier × segment table and the balance per tier change in the same frame
    const weight = await view.move('input[data-weight="total_balance"]', 40);
    expect(weight.frames).toBe(0);
    expect(weight.after.histogram).not.toBe(weight.before.histogram);
    expect(weight.after.tierSegment).not.toBe(weight.before.tierSegment);
    expect(weight.after.distribution).not.toBe(weight.before.distribution);
    expect(weight.after.counts).toEqual(weight.before.counts); // quotas hold the counts

    // a quota: the counts follow at once
    const quota = await view.move('input[type=range][min="1"][max="30"]', 20);
    expect(quota.frames).toBe(0);
    expect(quota.after.counts.map((c) => Number(c.replace(/[^\d]/g, '')))).toEqual([1000, 1250, 2750]);
    // the name list (strategic by default) follows once the slider has rested (it rebuilds after SETTLE_MS)
    await expect.poll(() => view.listCount()).toBe(1000);

    // the map: riskiest industries and provinces first (totals), and they are the ones the generator made risky
    const cells = await view.heatmapCells();
    const industries = cells.filter((c) => c.endsWith('|') && c !== '|').map((c) => c.slice(0, -1));
    const regions = cells.filter((c) => c.startsWith('|') && c !== '|').map((c) => c.slice(1));
    expect(industries.slice(0, 5).filter((i) => PLANTED_INDUSTRIES.includes(i)).length).toBeGreaterThanOrEqual(3);
    expect(regions.slice(0, 6).filter((r) => PLANTED_REGIONS.includes(r)).length).toBeGreaterThanOrEqual(4);
    expect(PLANTED_REGIONS).toContain(regions[0]);

    // clicking an industry's total filters the list to it
    const before = await view.listCount();
    await view.heatmapCell('建筑业', '').click();
    await app.page.locator('[data-testid="clear-cell"]').waitFor();
    await expect.poll(() => view.listCount()).toBeLessThan(before);
    const headers = await view.listHeaders();
    const industryColumn = headers.indexOf('行业');
    expect(industryColumn).toBeGreaterThan(0);
    const rows = await view.listRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[industryColumn]))).toEqual(new Set(['建筑业']));
    await app.page.locator('[data-testid="clear-cell"]').click();
    await expect.poll(() => view.listCount()).toBe(before);

    // the profile of the list's first customer says why it is strategic
    await app.page.locator('tb-name-list tb-data-grid .row').first().click();
    const profile = app.page.locator('[data-testid="customer-profile"]');
    await profile.waitFor();
    expect(await profile.locator('[data-testid="profile-tier"]').textContent()).toBe('战略级');
    expect(await profile.locator('[data-testid="profile-reason"]').textContent()).toMatch(/排名 1 \/ 5,000，在战略级配额内/);
    await profile.locator('[data-testid="profile-timeline"]').waitFor({ timeout: 30_000 });
    await profile.locator('[data-testid="profile-close"]').click();
    await profile.waitFor({ state: 'hidden' });

    // the scale goes into the notebook: the model is then scored on it (quotas keep the counts)
    await app.page.locator('[data-testid="store-fit"]').click();
    await expect.poll(() => app.page.locator('[data-testid="screening-summary"]').textContent(), { timeout: 60_000 }).toMatch(/按笔记本中保存的标准化参数评分（拟合样本 5,000 户）/);
    expect(await view.counts()).toEqual([1000, 1250, 2750]);

    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);

  it('exports the strategic list as CSV (BOM, quoted, formula-safe), GBK, XLSX and one file per account manager', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN', acceptDownloads: true } });
    const ws = new WorkspacePage(app.page);
    const view = new ScreeningPage(app.page);
    await view.open();
    // hostile names on three of the strategic customers, as a real extract might carry
    const top = (await view.listRows()).slice(0, 3).map((r) => r[2]!);
    expect(top).toHaveLength(3);
    const hostile = ['=HYPERLINK("http://evil.example/x","点我")', '-2+3', '@SUM(A1), "x"'];
    await ws.runSql(top.map((id, i) => `UPDATE customers SET name = '${hostile[i]!.replace(/'/g, "''")}' WHERE customer_id = '${id}';`).join('\n'));
    await ws.openTab('screening');
    await expect.poll(async () => (await view.listRows())[0]?.[3], { timeout: 60_000 }).toBe(hostile[0]);

    const csv = await view.export('csv');
    expect(csv.name).toMatch(/\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('排名,客户号,客户名称,分层,得分,客群,策略,营销活动,行业,地区,客户经理,贷款余额,最近到期日');
    // quotes doubled, the field quoted, and a leading ' so no spreadsheet reads a formula
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/x"",""点我"")"`);
    expect(text).toContain(`,'-2+3,`);
    expect(text).toContain(`"'@SUM(A1), ""x"""`);
    const rows = await readCsv(csv.bytes);
    expect(rows).toHaveLength(500);
    expect(rows.every((r) => r['分层'] === '战略级')).toBe(true);
    expect(rows.map((r) => r['客户号']).slice(0, 3)).toEqual(top);
    // in score order: ranks rise (overridden customers leave gaps: rank is the place by score among all)
    const ranks = rows.map((r) => Number(r['排名']));
    expect(ranks[0]).toBe(1);
    expect(ranks.every((r, i) => i === 0 || r > ranks[i - 1]!)).toBe(true);
    expect(rows.filter((r) => /^[=+\-@]/.test(String(r['客户名称'])))).toEqual([]);
    // scores stay numbers: never prefixed
    expect(rows.every((r) => /^\d+(\.\d)?$/.test(String(r['得分'])))).toBe(true);

    const gbk = await view.export('gbk');
    expect([...gbk.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(iconv.decode(gbk.bytes, 'gbk').split('\r\n')[0]).toBe(text.split('\r\n')[0]);

    const xlsx = await view.export('xlsx');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(501);
    const names: unknown[] = [];
    sheet.getColumn(3).eachCell((cell, row) => row > 1 && names.push(cell.value));
    expect(names.slice(0, 3)).toEqual(hostile.map((h) => `'${h}`));
    let formulas = 0;
    sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
    expect(typeof sheet.getCell('E2').value).toBe('number');

    await app.page.locator('[data-testid="export-split"]').check();
    const zip = await view.export('csv');
    expect(zip.name).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(zip.bytes));
    const managers = new Set(rows.map((r) => String(r['客户经理'])));
    expect(Object.keys(files)).toHaveLength(managers.size);
    let total = 0;
    for (const bytes of Object.values(files)) {
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      total += (await readCsv(Buffer.from(bytes))).length;
    }
    expect(total).toBe(500);

    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 240_000);
});
