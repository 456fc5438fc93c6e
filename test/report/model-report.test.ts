import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModelReport, inlineSvg, REPORT_SECTIONS, reportValidation, type ModelReportInput } from '../../src/report';
import type { ModelSpec } from '../../src/scoring/model-spec';
import { compareScenarios } from '../../src/scoring/scenarios';
import { Screen, type ScreenData } from '../../src/scoring/screen';
import type { IndicatorSpec } from '../../src/scoring/types';
import { renderMarkdown } from '../../src/ui/notebook/markdown';

const HOSTILE = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

const indicator = (column: string): IndicatorSpec => ({ column, label: `${column} ${HOSTILE}`, dimension: '', winsor: null, direction: 'benefit', transform: 'none', scaling: 'minmax', missing: 'median' });
const SPEC: ModelSpec = { matrix: 'indicator_matrix', indicators: [indicator('a'), indicator('b')], weights: 'weights', tiers: { mode: 'quota', strategic: 'strategic_pct', growth: 'growth_pct' }, overrides: {} };

/** The ten customers of test/scoring/scenarios.test.ts, one of them with a hostile name as id. */
const DATA: ScreenData = {
  rows: 10,
  ids: [HOSTILE, ...Array.from({ length: 9 }, (_, i) => `C0${i + 1}`)],
  numbers: new Map([
    ['a', Float64Array.from({ length: 10 }, (_, i) => 9 - i)],
    ['b', Float64Array.from([5, 9, 8, 0, 7, 1, 6, 2, 3, 4])],
  ]),
  text: {},
};
const inputs = (a: number, b: number) => new Map<string, unknown>([['weights', { a, b }], ['strategic_pct', 20], ['growth_pct', 30]]);
const OUTCOME = { table: 'outcomes', column: 'signed', eventValue: '1', event: Uint8Array.from([0, 1, 1, 0, 0, 0, 1, 0, 0, 1]), known: Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]) };

const SVG_OK = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" viewBox="0 0 10 10"><defs><clipPath id="c"><rect width="5" height="5"/></clipPath></defs><rect width="10" height="10" fill="#2f6fb2" clip-path="url(#c)"/><text>ROC</text></svg>';
const SVG_BAD = '<svg width="10" height="10"><script>alert(1)</script></svg>';

function input(): ModelReportInput {
  const screen = new Screen(DATA, SPEC);
  const comparison = compareScenarios(screen, SPEC, [{ name: `champion ${HOSTILE}`, inputs: inputs(1, 0) }, { name: 'challenger', inputs: inputs(0, 1) }], OUTCOME);
  const b = comparison.scenarios[1]!;
  return {
    locale: 'en',
    title: `Title ${HOSTILE}`,
    purposeHtml: renderMarkdown(`# Purpose\n\nFind firms. ${HOSTILE} [see](http://evil.example/a) ![x](https://evil.example/x.png)`),
    manifest: [
      {
        table: 'customers',
        file: `${HOSTILE}.csv`,
        size: 1234,
        sha256: 'ab'.repeat(32),
        rows: 10,
        format: 'csv',
        options: {},
        recognisedAs: 'customers',
        columns: [{ source: `客户名称 ${HOSTILE}`, target: 'name', kind: 'text' }],
        policy: 'rules',
      },
    ],
    spec: SPEC,
    fitted: screen.fitted,
    fitStored: false,
    params: b.params,
    parameterSets: { [`set ${HOSTILE}`]: { weights: { a: 100 }, strategic_pct: 20 } },
    seeds: {},
    validation: reportValidation(b.score, b.tier, screen.idRank, OUTCOME, SPEC.indicators.map((i) => ({ column: i.column, label: i.label, values: DATA.numbers.get(i.column) }))),
    comparison,
    charts: { validation: [{ title: `ROC ${HOSTILE}`, svg: SVG_OK }, { title: 'bad', svg: SVG_BAD }], scenarios: [] },
    environment: { app: '0.1.0', duckdb: 'v1.4.3', userAgent: `Mozilla/5.0 ${HOSTILE}`, date: '2026-11-29' },
    fileName: "demo's notebook.md",
    notebookText: `# Notebook\n\n${HOSTILE}\n<img src=x onerror=alert(1)> http://evil.example/`,
  };
}

describe('buildModelReport', () => {
  const html = buildModelReport(input());

  it('has every section, in order, with its heading', () => {
    let at = -1;
    for (const id of REPORT_SECTIONS) {
      const k = html.indexOf(`<section id="${id}"><h2>`);
      expect(k, id).toBeGreaterThan(at);
      at = k;
    }
  });

  it('runs nothing and fetches nothing: no script, no handler, no address in any tag, no external style', () => {
    expect(html).not.toMatch(/<script/i);
    // the tags as a browser reads them (escaped text has no '<'): none loads, links out or handles an event
    const tags = html.match(/<[a-zA-Z][^>]*>/g)!;
    expect(tags.length).toBeGreaterThan(100);
    for (const tag of tags) {
      expect(tag).not.toMatch(/^<(img|link|iframe|object|embed|image|use)\b/i);
      expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag).not.toMatch(/\s(src|href|action|xmlns(:\w+)?)\s*=\s*(?!["']?#)/i);
      expect(tag).not.toMatch(/url\(\s*(?!["']?#)/i);
    }
    expect(html).not.toMatch(/@import/i);
    // http(s) addresses only where the notebook's text or a blocked link's title (both escaped) had them
    for (const m of html.matchAll(/https?:\/\/[^\s"<&]*/g)) expect(m[0]).toMatch(/^https?:\/\/evil\.example\//);
  });

  it('escapes data and notebook text everywhere', () => {
    // title, purpose, file, column mapping, indicator labels, set names, scenario name, user agent, notebook
    expect(html.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(10);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // one shell word, then escaped for HTML
    expect(html).toContain("npm run replay -- &#39;demo&#39;\\&#39;&#39;s notebook.md&#39;");
  });

  it('carries its own CSP, first in the head, that allows no script and no load (issue 7, item 4)', () => {
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    const metas = [...head.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
    expect(metas).toHaveLength(1);
    // before any element that could load or run something
    expect(head.slice(0, metas[0]!.index).match(/<(?!meta\b)[a-z]+/gi) ?? []).toEqual(['<head']);
    const policy = new Map(metas[0]![1]!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    // no script-src: scripts fall back to default-src 'none', inline ones included
    expect(policy.has('script-src')).toBe(false);
    expect([...policy.values()].flat().filter((v) => /^(https?:|\*|'self'|'unsafe-eval')/.test(v))).toEqual([]);
  });

  it('prints an attribute-breaking payload as text', () => {
    const payload = '"><svg onload=alert(1)>';
    const report = buildModelReport({ ...input(), title: payload, fileName: payload });
    expect(report).not.toContain('<svg onload');
    expect(report).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
  });

  it('inlines the safe chart without its namespaces and leaves the unsafe one out', () => {
    expect(html).toContain('<svg width="10" height="10" viewBox="0 0 10 10">');
    expect(html).toContain(`<figcaption>ROC ${ESCAPED}</figcaption>`);
    expect(html).not.toContain('<figcaption>bad</figcaption>');
  });

  it('states the numbers of the hand-worked case (scenario B of test/scoring/scenarios.test.ts)', () => {
    // AUC 17/18, Gini 16/18, KS 5/6
    expect(html).toMatch(/AUC<\/td><td class="num">0\.944</);
    expect(html).toMatch(/Gini<\/td><td class="num">0\.889</);
    expect(html).toMatch(/KS<\/td><td class="num">0\.833</);
    // migration A → B: [1 1 0 / 1 1 1 / 0 1 4], diagonal outlined
    const cells = [...html.matchAll(/<td class="num( diag)?" style="background: [^"]*">(\d+)<\/td>/g)].map((m) => `${m[2]}${m[1] ? '*' : ''}`);
    expect(cells).toEqual(['1*', '1', '0', '1', '1*', '1', '0', '1', '4*']);
    expect(html).toContain('ab'.repeat(32));
    // the saved set as rows per input, weights per indicator
    expect(html).toContain('<td>weights.a</td><td class="num">100</td>');
    expect(html).toContain('<td>strategic_pct</td><td class="num">20</td>');
  });

  it('says so when there is no outcome and no comparison', () => {
    const bare = buildModelReport({ ...input(), validation: null, comparison: null, purposeHtml: null, manifest: [], locale: 'zh' });
    expect(bare).toContain('评估页中未选择结果列');
    expect(bare).toContain('对比的方案少于两个');
    for (const id of REPORT_SECTIONS) expect(bare).toContain(`<section id="${id}">`);
  });
});

describe('inlineSvg', () => {
  it('refuses scripts, handlers, outside references; keeps references inside the chart', () => {
    expect(inlineSvg(SVG_BAD)).toBeNull();
    expect(inlineSvg('<svg><rect onclick="x()"/></svg>')).toBeNull();
    expect(inlineSvg('<svg><use href="http://x/y#z"/></svg>')).toBeNull();
    expect(inlineSvg('<svg><rect fill="url(https://x/p)"/></svg>')).toBeNull();
    expect(inlineSvg('<div><svg></svg></div>')).toBeNull();
    expect(inlineSvg('<figure><svg></svg></div>')).toBeNull();
    // Plot's chart with a legend
    expect(inlineSvg('<figure class="plot-d6a7b5-figure"><div class="plot-d6a7b5-swatches"><span>events</span></div><svg xmlns="http://www.w3.org/2000/svg"></svg></figure>')).toBe(
      '<figure class="plot-d6a7b5-figure"><div class="plot-d6a7b5-swatches"><span>events</span></div><svg></svg></figure>',
    );
    expect(inlineSvg('<svg><use href="#m"/></svg>')).toBe('<svg><use href="#m"/></svg>');
  });
});

/**
 * The report opened in headless Chromium with every request but the file itself aborted: it must
 * render (the sections are there) and ask for nothing. The screenshot is for a person to look at.
 */
describe.skipIf(!existsSync('/usr/bin/chromium'))('the report offline in Chromium', () => {
  it('renders without a single request', async () => {
    const { chromium } = await import('playwright-core');
    const file = '/tmp/tierbook-model-report.html';
    writeFileSync(file, buildModelReport(input()));
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    try {
      const context = await browser.newContext({ offline: true });
      const requested: string[] = [];
      await context.route('**', (route) => {
        if (route.request().url() === `file://${file}`) return route.continue();
        requested.push(route.request().url());
        return route.abort();
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`file://${file}`);
      expect(await page.locator('section h2').count()).toBe(REPORT_SECTIONS.length);
      expect(await page.locator('figure svg').count()).toBe(1);
      expect(await page.title()).toBe(`Model report · Title ${HOSTILE}`);
      await page.screenshot({ path: '/tmp/tierbook-model-report.png', fullPage: true });
      expect(requested).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
