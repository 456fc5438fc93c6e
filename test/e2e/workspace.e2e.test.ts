import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAwkwardTypesParquet, buildGbkLoansCsv, buildLoansParquet, buildLoansXlsx } from '../fixtures/build-fixtures';
import { startE2eSession, type E2eSession } from './support/session';
import { upload, WorkspacePage } from './support/workspace-page';

const manifest = JSON.parse(readFileSync('public/demo/manifest.json', 'utf8')) as { files: { table: string; rows: number }[] };

const GBK_LOANS = buildGbkLoansCsv();

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

describe('the workspace', () => {
  it('opens with the demo extract loaded, previewed and checked', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN' } });
    const ws = new WorkspacePage(app.page);
    expect(await ws.tableNames()).toEqual(['customers', 'facilities', 'loans', 'repayments', 'balances', 'outcomes']);
    for (const file of manifest.files) {
      await expect.poll(() => ws.tableItem(file.table).textContent(), { timeout: 15_000 }).toContain(file.rows.toLocaleString('zh-CN'));
    }
    await ws.openTab('preview');
    const rows = await ws.gridRows('section.panel > tb-data-grid');
    expect(rows[0]![0]).toMatch(/\S/);
    await ws.openTab('quality');
    expect(await ws.reportCount('quality.loaded')).toBe(manifest.files.find((f) => f.table === 'customers')!.rows);
    expect(await ws.reportCount('quality.rejected')).toBe(0);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  });

  it('loads a GBK CSV with Chinese headers through the mapping step and reports each rejected value', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN' } });
    const ws = new WorkspacePage(app.page);
    await ws.pick(upload('贷款明细.csv', GBK_LOANS, 'text/csv'));
    const dialog = await ws.mappingDialog();
    expect(await dialog.getAttribute('data-table')).toBe('loans');
    expect(await dialog.locator('tr[data-target="balance"]').getAttribute('data-unit')).toBe('10000');
    await ws.confirmMapping();
    expect((await ws.notices()).at(-1)).toMatchObject({ kind: 'success' });
    expect(await ws.reportCount('quality.read')).toBe(5);
    expect(await ws.reportCount('quality.loaded')).toBe(2);
    expect(await ws.reportCount('quality.rejected')).toBe(2);
    expect(await ws.reportCount('quality.skipped')).toBe(1);
    const issues = await ws.reportIssues();
    expect(issues).toEqual(expect.arrayContaining([
      { code: 'not-a-number', row: '4', column: '贷款余额(万元)' },
      { code: 'id-scientific', row: '5', column: '客户号' },
      { code: 'total-row', row: '6', column: '' },
    ]));
    // the user's loans replaced the demo's table of the same name
    await ws.runSql('SELECT count(*) AS n, sum(balance) AS total FROM loans');
    expect(await ws.gridRows('tb-sql-box tb-data-grid', 1)).toEqual([['2', '15,005,000']]);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  });

  it('loads an Excel workbook with a title row, merged headers and a 合计 row, and a Parquet file', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const ws = new WorkspacePage(app.page);
    await ws.pick(upload('loans-2024-03.xlsx', await buildLoansXlsx()), upload('loans.parquet', await buildLoansParquet()));
    let dialog = await ws.mappingDialog();
    expect(await dialog.getAttribute('data-table')).toBe('loans');
    await app.page.locator('input[data-testid="mapping-name"]').fill('loans_xlsx');
    await ws.confirmMapping();
    expect(await ws.reportCount('quality.skipped')).toBe(1);
    expect(await ws.reportCount('quality.loaded')).toBe(3);
    dialog = await ws.mappingDialog();
    await app.page.locator('input[data-testid="mapping-name"]').fill('loans_parquet');
    await ws.confirmMapping();
    expect(await ws.reportCount('quality.loaded')).toBe(3);
    await ws.runSql('SELECT loan_id, customer_id, amount, balance, start FROM loans_parquet ORDER BY loan_id');
    expect(await ws.gridRows('tb-sql-box tb-data-grid', 3)).toEqual([
      ['L001', 'C001', '1,000,000', '800,000', '2024-03-05'],
      ['L002', 'C002', '500,000', '500,000.5', '2023-12-31'],
      ['L003', '6222021234567890123', '123,456,789,012.34', '0', '2024-01-31'],
    ]);
    expect(await ws.tableNames()).toEqual(expect.arrayContaining(['loans_xlsx', 'loans_parquet']));
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  });

  it('explains bad files one by one and keeps every table already loaded', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN' }, query: '?maxFileMB=0.05' });
    const ws = new WorkspacePage(app.page);
    const before = await ws.tableNames();
    const binary = Uint8Array.from({ length: 4096 }, (_v, i) => (i * 131 + 7) % 256);
    await ws.pick(
      upload('empty.csv', new Uint8Array()),
      upload('header-only.csv', new TextEncoder().encode('客户号,客户名称\n')),
      upload('photo.csv', binary),
      upload('huge.csv', new TextEncoder().encode('a,b\n' + '1,2\n'.repeat(20_000))),
      upload('awkward.parquet', await buildAwkwardTypesParquet()),
    );
    await ws.waitForNotices(4);
    expect((await ws.notices()).map((n) => [n.kind, n.code])).toEqual([
      ['error', 'empty-file'],
      ['error', 'header-only'],
      ['error', 'binary-file'],
      ['error', 'too-large'],
    ]);
    expect((await ws.notices())[3]!.text).toMatch(/huge\.csv/);
    // the Parquet file with types DuckDB cannot take still loads, its columns converted and reported
    const dialog = await ws.mappingDialog();
    expect(await dialog.getAttribute('data-table')).toBe('');
    await ws.confirmMapping();
    expect((await ws.notices()).at(-1)).toMatchObject({ kind: 'success' });
    expect((await ws.reportIssues()).map((i) => i.code)).toContain('converted-column-type');
    expect(await ws.tableNames()).toEqual([...before, 'awkward']);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  });

  it('accepts files dropped anywhere on the page', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN' } });
    const ws = new WorkspacePage(app.page);
    const transfer = await app.page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['客户号,是否签约,签约金额\nC1,是,"1,000"\nC2,否,\n'], '营销结果.csv', { type: 'text/csv' }));
      return data;
    });
    await app.page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await app.page.locator('tb-app .overlay').waitFor();
    await app.page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    const dialog = await ws.mappingDialog();
    expect(await dialog.getAttribute('data-table')).toBe('outcomes');
    expect(await app.page.locator('tb-app .overlay').count()).toBe(0);
    await ws.confirmMapping();
    await ws.runSql('SELECT customer_id, signed, signed_amount FROM outcomes ORDER BY 1');
    expect(await ws.gridRows('tb-sql-box tb-data-grid', 2)).toEqual([['C1', '1', '1,000'], ['C2', '0', '—']]);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  });

  it('refuses the same file twice and says which table holds it', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const ws = new WorkspacePage(app.page);
    const csv = new TextEncoder().encode('客户号,客户名称\nC1,甲\n');
    await ws.pick(upload('a.csv', csv));
    await ws.mappingDialog();
    await app.page.locator('input[data-testid="mapping-name"]').fill('first_copy');
    await ws.confirmMapping();
    await ws.pick(upload('a-again.csv', csv));
    await ws.waitForNotices(2);
    const last = (await ws.notices()).at(-1)!;
    expect(last).toMatchObject({ kind: 'error', code: 'duplicate-file' });
    expect(last.text).toContain('first_copy');
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  });

  it('shows progress while a large file loads and cancels it without changing anything', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const ws = new WorkspacePage(app.page);
    const before = await ws.tableNames();
    const path = join(mkdtempSync(join(tmpdir(), 'tierbook-big-')), 'big-loans.csv');
    const rows = Array.from({ length: 1_200_000 }, (_v, i) => `L${i},C${i % 9973},${(i * 37) % 100000}.5,2024-0${(i % 9) + 1}-15`);
    writeFileSync(path, `借据号,客户号,贷款余额,贷款日期\n${rows.join('\n')}\n`);
    await app.page.locator('input[data-testid="file-input"]').setInputFiles(path);
    const job = app.page.locator('tb-load-progress .job');
    await job.waitFor({ timeout: 30_000 });
    expect(await job.locator('progress').count()).toBe(1);
    await job.locator('button').click();
    await ws.waitForNotices(1);
    expect((await ws.notices())[0]).toMatchObject({ kind: 'info' });
    await expect.poll(() => job.count(), { timeout: 15_000 }).toBe(0);
    expect(await app.page.locator('dialog[data-testid="mapping-dialog"]').isVisible()).toBe(false);
    expect(await ws.tableNames()).toEqual(before);
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  });

  it('runs SQL, shows DuckDB errors on the query, and switches language', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN' } });
    const ws = new WorkspacePage(app.page);
    await ws.runSql("SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')");
    await expect.poll(() => app.page.locator('tb-sql-box .error-box').textContent(), { timeout: 15_000 }).toMatch(/disabled|Permission/);
    await ws.runSql('SELECT industry, count(*) AS n FROM customers GROUP BY 1 ORDER BY n DESC, 1 LIMIT 3');
    expect((await ws.gridRows('tb-sql-box tb-data-grid', 3)).length).toBe(3);
    expect(await app.page.locator('nav button[data-tab="quality"]').textContent()).toBe('数据质量');
    await app.page.locator('header button.lang').click();
    expect(await app.page.locator('nav button[data-tab="quality"]').textContent()).toBe('Data quality');
    expect(await app.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  });
});
