import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../../src/engine/native/native-database';
import {
  NO_GROUP, PSI_EPSILON, WOE_ZERO_CELL, calibration, conversionByTier, decileOf, informationValue, ks, liftTable, psi, psiEdges, roc,
} from '../../../src/scoring/metrics';
import { permutation, rng } from '../random';

/**
 * Every metric again, written independently in SQL on native DuckDB over the same seeded rows
 * (scores on a coarse grid, so there are many ties; a few NaN scores and values), and compared to
 * 1e-12: AUC as Mann–Whitney U with average ranks, KS from cumulative counts per distinct value,
 * deciles from an explicit row_number (no ntile), PSI with the same edges (and the edges themselves
 * against DuckDB's quantile_cont), IV with the binning rule re-derived from rank().
 */

const N = 3000;
const random = rng(20261129);
const score = new Float64Array(N);
const event = new Uint8Array(N);
const value = new Float64Array(N);
const current = new Float64Array(N);
const tier = new Uint8Array(N);
const probability = new Float64Array(N);
const idRank = Uint32Array.from(permutation(N, random));
for (let i = 0; i < N; i++) {
  // 0, 0.05, …, 10: about 15 rows per distinct score
  score[i] = random() < 0.02 ? NaN : Math.round(random() * 200) / 20;
  const s = score[i]! === score[i]! ? score[i]! : 5;
  event[i] = random() < 1 / (1 + Math.exp(-(s - 6))) ? 1 : 0;
  // an indicator with a heavy tie at 0 and integers above, 3% missing
  value[i] = random() < 0.03 ? NaN : random() < 0.3 ? 0 : Math.floor(random() * 30 + s);
  // the same indicator a period later, drifted upward, with its own missing share
  current[i] = random() < 0.05 ? NaN : random() < 0.2 ? 0 : Math.floor(random() * 30 + 3);
  tier[i] = s > 8 ? 0 : s > 5 ? 1 : 2;
  probability[i] = s === 5 && random() < 0.1 ? NaN : 1 / (1 + Math.exp(-(s - 6)));
}

let db: NativeDatabase;

async function rows(sql: string): Promise<Record<string, number>[]> {
  const table = await db.query(sql);
  return table.toArray().map((r) => r.toJSON() as Record<string, number>);
}

beforeAll(async () => {
  db = await NativeDatabase.open({ threads: 1 });
  const row = Uint32Array.from({ length: N }, (_, i) => i);
  const ipc = (t: Parameters<typeof tableFromArrays>[0]) => tableToIPC(tableFromArrays(t), 'stream');
  await db.insertArrow('m', ipc({ row, score, event, id_rank: idRank, v: value, cur: current, tier, p: probability }));
  await db.insertArrow('edges', ipc({ k: Int32Array.from(psiEdges(value), (_, k) => k), edge: Float64Array.from(psiEdges(value)) }));
});

afterAll(async () => {
  await db?.close();
});

describe('metrics agree with an independent SQL implementation', () => {
  it('has ties and missing values in the data', async () => {
    const [r] = await rows(`SELECT count(DISTINCT score) AS d, count(*) FILTER (WHERE isnan(score)) AS nan, sum(event) AS e FROM m`);
    expect(r!.d).toBeLessThan(250);
    expect(r!.nan).toBeGreaterThan(20);
    expect(r!.e).toBeGreaterThan(300);
  });

  it('AUC = Mann–Whitney U with average ranks', async () => {
    const [r] = await rows(`
      WITH p AS (SELECT score, event FROM m WHERE NOT isnan(score)),
      ranked AS (
        SELECT event, rank() OVER (ORDER BY score)::DOUBLE + (count(*) OVER (PARTITION BY score)::DOUBLE - 1) / 2 AS avg_rank FROM p),
      s AS (
        SELECT sum(avg_rank) FILTER (WHERE event = 1) AS r1,
               count(*) FILTER (WHERE event = 1)::DOUBLE AS e, count(*) FILTER (WHERE event = 0)::DOUBLE AS ne FROM ranked)
      SELECT (r1 - e * (e + 1) / 2) / (e * ne) AS auc, e, ne FROM s`);
    const mine = roc(score, event);
    expect(Math.abs(mine.auc - r!.auc!)).toBeLessThan(1e-12);
    expect(mine.gini).toBeCloseTo(2 * r!.auc! - 1, 12);
    expect([mine.events, mine.nonEvents]).toEqual([r!.e, r!.ne]);
    expect(mine.excluded).toBe(score.filter((s) => s !== s).length);
  });

  it('KS from cumulative counts at distinct values', async () => {
    const [r] = await rows(`
      WITH g AS (
        SELECT score, count(*) FILTER (WHERE event = 1)::DOUBLE AS e, count(*) FILTER (WHERE event = 0)::DOUBLE AS ne
        FROM m WHERE NOT isnan(score) GROUP BY score),
      t AS (SELECT sum(e) AS te, sum(ne) AS tne FROM g),
      c AS (SELECT score, sum(e) OVER w AS ce, sum(ne) OVER w AS cne FROM g
            WINDOW w AS (ORDER BY score ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)),
      d AS (SELECT score, abs(ce / te - cne / tne) AS frac, abs(ce * tne - cne * te) AS whole FROM c, t)
      SELECT max(frac) AS ks, (SELECT min(score) FROM d WHERE whole = (SELECT max(whole) FROM d)) AS threshold FROM d`);
    const mine = ks(score, event);
    expect(Math.abs(mine.ks - r!.ks!)).toBeLessThan(1e-12);
    expect(mine.threshold).toBe(r!.threshold);
  });

  it('deciles and lift from an explicit row_number grouping', async () => {
    const grouped = `
      WITH p AS (
        SELECT row, score, event, row_number() OVER (ORDER BY score DESC, id_rank ASC) - 1 AS pos, count(*) OVER () AS n
        FROM m WHERE NOT isnan(score)),
      q AS (SELECT *, n // 10 AS base, n % 10 AS extra FROM p)
      SELECT row, score, event,
             CASE WHEN pos < extra * (base + 1) THEN pos // (base + 1) ELSE extra + (pos - extra * (base + 1)) // base END AS grp
      FROM q`;
    const perRow = await rows(`SELECT row, grp FROM (${grouped}) ORDER BY row`);
    const expectedGroups = new Uint8Array(N).fill(NO_GROUP);
    for (const r of perRow) expectedGroups[r.row!] = r.grp!;
    expect(decileOf(score, idRank)).toEqual(expectedGroups);

    const table = await rows(`
      WITH g AS (
        SELECT grp, count(*)::DOUBLE AS cnt, sum(event)::DOUBLE AS ev, min(score) AS lo, max(score) AS hi FROM (${grouped}) GROUP BY grp),
      t AS (SELECT sum(ev) / sum(cnt) AS overall, sum(ev) AS all_ev FROM g),
      c AS (SELECT *, sum(cnt) OVER w AS cum_cnt, sum(ev) OVER w AS cum_ev FROM g
            WINDOW w AS (ORDER BY grp ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
      SELECT grp, cnt, ev, ev / cnt AS rate, cum_cnt, cum_ev, cum_ev / cum_cnt AS cum_rate, cum_ev / all_ev AS capture,
             ev / cnt / overall AS lift, cum_ev / cum_cnt / overall AS cum_lift, lo, hi
      FROM c, t ORDER BY grp`);
    const mine = liftTable(score, event, idRank);
    expect(mine).toHaveLength(10);
    mine.forEach((row, g) => {
      const r = table[g]!;
      const pairs: [number, number][] = [
        [row.group, r.grp!], [row.count, r.cnt!], [row.events, r.ev!], [row.rate, r.rate!], [row.cumCount, r.cum_cnt!],
        [row.cumEvents, r.cum_ev!], [row.cumRate, r.cum_rate!], [row.capture, r.capture!], [row.lift, r.lift!],
        [row.cumLift, r.cum_lift!], [row.minScore, r.lo!], [row.maxScore, r.hi!],
      ];
      for (const [a, b] of pairs) expect(Math.abs(a - b)).toBeLessThan(1e-12);
    });
  });

  it('conversion by tier and calibration by GROUP BY', async () => {
    const byTier = await rows(`
      SELECT tier, count(*)::DOUBLE AS cnt, sum(event)::DOUBLE AS ev, sum(event) / count(*) AS rate,
             sum(event) / sum(sum(event)) OVER () AS share FROM m GROUP BY tier ORDER BY tier`);
    const mine = conversionByTier(tier, event);
    mine.forEach((row, t) => {
      const r = byTier[t]!;
      expect([row.tier, row.count, row.events]).toEqual([r.tier, r.cnt, r.ev]);
      expect(Math.abs(row.rate - r.rate!)).toBeLessThan(1e-12);
      expect(Math.abs(row.share - r.share!)).toBeLessThan(1e-12);
    });
    const cal = await rows(`
      SELECT tier, count(*)::DOUBLE AS cnt, avg(p) AS predicted, avg(event) AS actual FROM m WHERE NOT isnan(p) GROUP BY tier ORDER BY tier`);
    calibration(probability, event, tier, 3).forEach((row, t) => {
      const r = cal[t]!;
      expect(row.count).toBe(r.cnt);
      expect(Math.abs(row.predicted - r.predicted!)).toBeLessThan(1e-12);
      expect(Math.abs(row.actual - r.actual!)).toBeLessThan(1e-12);
    });
  });

  it('PSI edges are the type-7 deciles (DuckDB quantile_cont)', async () => {
    const cols = Array.from({ length: 9 }, (_, k) => `quantile_cont(v, ${(k + 1) / 10}) AS q${k}`).join(', ');
    const [r] = await rows(`SELECT ${cols} FROM m WHERE NOT isnan(v)`);
    const sqlEdges = Array.from({ length: 9 }, (_, k) => r![`q${k}`]!).filter((x, k, a) => k === 0 || x !== a[k - 1]);
    const mine = psiEdges(value);
    expect(mine).toHaveLength(sqlEdges.length);
    mine.forEach((e, k) => expect(Math.abs(e - sqlEdges[k]!)).toBeLessThan(1e-12));
  });

  it('PSI with the same edges, ε for empty shares, missing as a bin', async () => {
    const [r] = await rows(`
      WITH bins AS (
        SELECT isnan(v) AS base_missing, isnan(cur) AS cur_missing,
               CASE WHEN isnan(v) THEN -1 ELSE (SELECT count(*) FROM edges WHERE edge < v) END AS b,
               CASE WHEN isnan(cur) THEN -1 ELSE (SELECT count(*) FROM edges WHERE edge < cur) END AS c
        FROM m),
      all_bins AS (
        SELECT range AS bin FROM range(0, (SELECT count(*) + 1 FROM edges))
        UNION ALL SELECT -1 WHERE (SELECT bool_or(base_missing OR cur_missing) FROM bins)),
      shares AS (
        SELECT bin, (SELECT count(*) FROM bins WHERE b = bin)::DOUBLE / ${N} AS e,
                    (SELECT count(*) FROM bins WHERE c = bin)::DOUBLE / ${N} AS a FROM all_bins),
      eps AS (SELECT CASE WHEN e = 0 THEN ${PSI_EPSILON} ELSE e END AS e, CASE WHEN a = 0 THEN ${PSI_EPSILON} ELSE a END AS a FROM shares)
      SELECT sum((a - e) * ln(a / e)) AS psi, count(*) AS bins FROM eps`);
    const mine = psi(value, current);
    expect(mine.bins).toHaveLength(r!.bins!);
    expect(Math.abs(mine.psi - r!.psi!)).toBeLessThan(1e-12);
    expect(mine.psi).toBeGreaterThan(0.01);
  });

  it('IV with bins re-derived from rank()', async () => {
    const binned = await rows(`
      WITH p AS (
        SELECT event, CASE WHEN isnan(v) THEN 1000 ELSE ((rank() OVER (ORDER BY v) - 1) * 10) // count(*) OVER () END AS bin
        FROM m WHERE NOT isnan(v)
        UNION ALL SELECT event, 1000 FROM m WHERE isnan(v)),
      t AS (SELECT sum(event)::DOUBLE AS te, count(*) FILTER (WHERE event = 0)::DOUBLE AS tne FROM p),
      g AS (SELECT bin, count(*)::DOUBLE AS cnt, sum(event)::DOUBLE AS ev, count(*) FILTER (WHERE event = 0)::DOUBLE AS ne FROM p GROUP BY bin),
      s AS (SELECT bin, cnt, ev, ne,
                   (CASE WHEN ev = 0 THEN ${WOE_ZERO_CELL} ELSE ev END) / te AS pe,
                   (CASE WHEN ne = 0 THEN ${WOE_ZERO_CELL} ELSE ne END) / tne AS pn FROM g, t)
      SELECT bin, cnt, ev, ne, ln(pn / pe) AS woe, (pn - pe) * ln(pn / pe) AS iv FROM s ORDER BY bin`);
    const mine = informationValue(value, event);
    expect(mine.bins).toHaveLength(binned.length);
    mine.bins.forEach((bin, k) => {
      const r = binned[k]!;
      expect(bin.missing).toBe(r.bin === 1000);
      expect([bin.count, bin.events, bin.nonEvents]).toEqual([r.cnt, r.ev, r.ne]);
      expect(Math.abs(bin.woe - r.woe!)).toBeLessThan(1e-12);
      expect(Math.abs(bin.iv - r.iv!)).toBeLessThan(1e-12);
    });
    const total = binned.reduce((a, r) => a + r.iv!, 0);
    expect(Math.abs(mine.iv - total)).toBeLessThan(1e-12);
    // the tie at 0 (about 30% of rows) is kept whole, so fewer than 10 bins remain
    expect(mine.bins.filter((b) => !b.missing).length).toBeLessThan(10);
  });
});
