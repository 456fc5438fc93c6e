import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { startE2eSession, type E2eSession } from './support/session';

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

const OUTCOMES = resolve('public/demo/outcomes.parquet');

/** What the tab works on, read from the page: ids, the score in use, its tiers, each indicator's raw values. */
interface Scored {
  ids: string[];
  score: number[];
  tier: number[];
  indicators: Record<string, (number | null)[]>;
}

async function scoredFromPage(page: Page): Promise<Scored> {
  return page.evaluate(() => {
    type View = HTMLElement & {
      source: { status: { screen: { data: { ids: string[]; numbers: Map<string, Float64Array> }; spec: { indicators: { column: string }[] } } } };
      metrics: { score: Float64Array; tier: Uint8Array };
    };
    const view = document.querySelector('tb-app')!.shadowRoot!.querySelector('tb-evaluation') as View;
    const screen = view.source.status.screen;
    const indicators: Record<string, (number | null)[]> = {};
    for (const { column } of screen.spec.indicators) indicators[column] = Array.from(screen.data.numbers.get(column)!, (v) => (Number.isFinite(v) ? v : null));
    return { ids: [...screen.data.ids], score: Array.from(view.metrics.score), tier: Array.from(view.metrics.tier), indicators };
  });
}

/**
 * The metrics computed again in native DuckDB SQL, from the page's scores and the demo's outcome
 * file as shipped (Chinese headers, read directly): none of the app's metric code is involved.
 */
async function sqlMetrics(scored: Scored) {
  const dir = mkdtempSync(join(tmpdir(), 'tierbook-eval-'));
  const file = join(dir, 'scored.csv');
  const columns = Object.keys(scored.indicators);
  const lines = [['id', 'score', 'tier', ...columns].join(',')];
  scored.ids.forEach((id, i) => lines.push([id, scored.score[i], scored.tier[i], ...columns.map((c) => scored.indicators[c]![i] ?? '')].join(',')));
  writeFileSync(file, lines.join('\n'));
  const db = await NativeDatabase.open();
  const one = async (sql: string) => (await db.query(sql)).toArray()[0]!.toJSON() as Record<string, number>;
  try {
    await db.exec(`CREATE TABLE scored AS SELECT * FROM read_csv('${file}', header = true, types = {'id': 'VARCHAR'})`);
    // one outcome per customer: an event if any of its rows is signed = 1; customers without a row left out
    await db.exec(`CREATE TABLE labelled AS
      SELECT s.*, o.event FROM scored s
      JOIN (SELECT "客户号" AS id, max(CASE WHEN "是否签约" = 1 THEN 1 ELSE 0 END) AS event FROM read_parquet('${OUTCOMES}') WHERE "是否签约" IS NOT NULL GROUP BY 1) o USING (id)`);
    // AUC by average ranks (Mann–Whitney, ties ½)
    const auc = await one(`WITH r AS (SELECT event, rank() OVER (ORDER BY score) + (count(*) OVER (PARTITION BY score) - 1) / 2.0 AS avg_rank FROM labelled),
      n AS (SELECT sum(event) AS e, count(*) - sum(event) AS ne FROM labelled)
      SELECT (sum(avg_rank) FILTER (WHERE event = 1) - n.e * (n.e + 1) / 2.0) / (n.e * n.ne) AS auc FROM r, n GROUP BY n.e, n.ne`);
    // KS at distinct scores
    const ks = await one(`WITH g AS (SELECT score, sum(event) AS e, count(*) - sum(event) AS ne FROM labelled GROUP BY score),
      c AS (SELECT score, sum(e) OVER (ORDER BY score) / sum(e) OVER () AS fe, sum(ne) OVER (ORDER BY score) / sum(ne) OVER () AS fn FROM g)
      SELECT max(abs(fe - fn)) AS ks FROM c`);
    const strategic = await one(`SELECT count(*) AS n, sum(event) AS events, avg(event) AS rate FROM labelled WHERE tier = 0`);
    const overall = await one(`SELECT avg(event) AS rate, count(*) AS n, sum(event) AS events FROM labelled`);
    // IV per indicator: 10 equal-frequency bins that never split a value (bin = floor(values below · 10 / present)), a missing bin, 0.5 for a zero cell
    const iv: Record<string, number> = {};
    for (const c of columns) {
      const col = `"${c}"`;
      const row = await one(`WITH p AS (SELECT ${col} AS v, event FROM labelled),
        b AS (SELECT CASE WHEN v IS NULL THEN -1 ELSE floor((rank() OVER (ORDER BY v) - 1) * 10 / (SELECT count(v) FROM p)) END AS bin, event FROM p),
        t AS (SELECT sum(event) AS te, count(*) - sum(event) AS tn FROM p),
        k AS (SELECT bin, sum(event) AS e, count(*) - sum(event) AS ne FROM b GROUP BY bin),
        w AS (SELECT (CASE WHEN ne = 0 THEN 0.5 ELSE ne END) / t.tn AS pn, (CASE WHEN e = 0 THEN 0.5 ELSE e END) / t.te AS pe FROM k, t)
        SELECT sum((pn - pe) * ln(pn / pe)) AS iv FROM w`);
      iv[c] = row['iv']!;
    }
    return { auc: auc['auc']!, ks: ks['ks']!, strategic, overall, iv };
  } finally {
    await db.close();
  }
}

describe('the evaluation view', () => {
  it('shows AUC, KS, strategic conversion and IV equal to an independent SQL computation; applying the suggestion saves the suggested set', async () => {
    const app = await session.openApp({ context: { locale: 'zh-CN', viewport: { width: 1500, height: 1000 } } });
    const page = app.page;
    await page.locator('nav button[data-tab="evaluation"]').click();
    await page.locator('[data-testid="eval-conversion"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="eval-iv"]').waitFor({ timeout: 60_000 });

    const summary = page.locator('[data-testid="outcome-summary"]');
    const scored = await scoredFromPage(page);
    const sql = await sqlMetrics(scored);
    expect(Number(await summary.getAttribute('data-count'))).toBe(sql.overall['n']);
    expect(Number(await summary.getAttribute('data-events'))).toBe(sql.overall['events']);
    expect(await summary.textContent()).toContain(`signed = 1`);

    const auc = page.locator('[data-testid="eval-auc"]');
    expect(Number(await auc.getAttribute('data-value'))).toBeCloseTo(sql.auc, 10);
    expect(await auc.textContent()).toContain(sql.auc.toFixed(3));
    const ks = page.locator('[data-testid="eval-ks-value"]');
    expect(Number(await ks.getAttribute('data-value'))).toBeCloseTo(sql.ks, 10);
    expect(await ks.textContent()).toContain(sql.ks.toFixed(3));

    const strategicRate = page.locator('[data-testid="eval-conversion"] tr[data-tier="0"] td[data-rate]');
    expect(Number(await strategicRate.getAttribute('data-rate'))).toBeCloseTo(sql.strategic['rate']!, 12);
    expect(await strategicRate.textContent()).toBe(`${(100 * sql.strategic['rate']!).toFixed(1)}%`);
    const headline = page.locator('[data-testid="eval-headline"]');
    expect(Number(await headline.getAttribute('data-lift'))).toBeCloseTo(sql.strategic['rate']! / sql.overall['rate']!, 10);

    for (const [column, value] of Object.entries(sql.iv)) {
      const cell = page.locator(`[data-testid="eval-iv"] tr[data-iv="${column}"] td[data-value]`);
      expect(Number(await cell.getAttribute('data-value')), column).toBeCloseTo(value, 10);
    }

    // the suggestion becomes the `suggested` parameter set: the champion's inputs with the suggested weights
    await page.locator('[data-testid="apply-suggested"]').click();
    await page.locator('[data-testid="applied"]').waitFor();
    const sets = await page.evaluate(() => {
      const view = document.querySelector('tb-app')!.shadowRoot!.querySelector('tb-evaluation') as HTMLElement & { session: { document: { parameterSets: Record<string, Record<string, unknown>> } } };
      return view.session.document.parameterSets;
    });
    expect(Object.keys(sets)).toContain('suggested');
    const suggested = sets['suggested']!;
    const champion = sets['champion']!;
    expect(Object.keys(suggested).sort()).toEqual(Object.keys(champion).sort());
    const weights = suggested['weights'] as Record<string, number>;
    expect(Object.keys(weights).sort()).toEqual(Object.keys(champion['weights'] as Record<string, number>).sort());
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 6);
    expect(weights).not.toEqual(champion['weights']);
    for (const key of Object.keys(champion)) if (key !== 'weights') expect(suggested[key], key).toEqual(champion[key]);
    // the suggested weights are the ones in use now: the expert column shows them
    const expertHeader = page.locator('[data-testid="eval-weights"] tr[data-column="total_balance"] td.num').first();
    await expect.poll(() => expertHeader.textContent()).toBe(`${weights['total_balance']!.toFixed(1)}%`);

    expect(app.problems).toEqual([]);
    await app.expectNoOtherHostRequests();
    await app.close();
  }, 300_000);
});
