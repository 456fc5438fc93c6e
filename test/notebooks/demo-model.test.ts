import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import type { QualityReport } from '../../src/extract/report';
import { INDICATOR_CELLS, matrixSql, parseCellHeader } from '../../src/notebook/cell-library';
import { isNamed, type InputSpec, type NamedCell } from '../../src/notebook/document';
import { inputSpecOf, readNotebook } from '../../src/notebook/format';
import type { ModelSpec } from '../../src/scoring/model-spec';
import { demoDatabase } from '../support/demo-extract';
import { nodeRuntime, runNotebook } from '../support/run-notebook';
import { refFit, refRun, refTiers, type RefColumn } from '../scoring/reference-scoring';

/**
 * The demo notebook's screening model, checked as a model reviewer would: the bundled cells are
 * the library's own (so the model cannot drift from it), the model, weights and parameter sets
 * agree with the matrix, and the `scored` list is reproduced number by number by an independent
 * scoring (test/scoring/reference-scoring.ts) from the `indicator_matrix` result and the model.
 */
const { document, problems } = readNotebook(readFileSync('notebooks/demo.md', 'utf8'));

function cell(name: string): NamedCell {
  const found = document.cells.find((c) => isNamed(c) && c.name === name);
  if (!found || !isNamed(found)) throw new Error(`the demo notebook has no cell named ${name}`);
  return found;
}

function input(name: string): InputSpec {
  const c = cell(name);
  if (c.kind !== 'input') throw new Error(`${name} is not an input`);
  const parsed = inputSpecOf(c);
  if ('error' in parsed) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.spec;
}

function modelSpec(): ModelSpec {
  const spec = input('model');
  if (spec.type !== 'model') throw new Error('model is not a model input');
  return spec.model;
}

function numberInput(name: string): number {
  const spec = input(name);
  if (spec.type !== 'slider' && spec.type !== 'number') throw new Error(`${name} is not a number`);
  return spec.value;
}

function weightsInput(): Readonly<Record<string, number>> {
  const spec = input(modelSpec().weights);
  if (spec.type !== 'weights') throw new Error('the weights input is not of type weights');
  return spec.weights;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('the demo notebook: its model agrees with the indicator library', () => {
  it('reads without errors', () => {
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('bundles the nine library cells exactly as cells/<file>.sql (trailing whitespace aside: a fenced block cannot end in a newline, and the palette inserts them so)', () => {
    expect(INDICATOR_CELLS).toHaveLength(9);
    // the library cells, in library order, and no other cell under an ind_ name
    expect(document.cells.flatMap((c) => (isNamed(c) && c.name.startsWith('ind_') ? [c.name] : []))).toEqual(INDICATOR_CELLS.map((c) => c.name));
    // every drifted cell at once, each with its first differing line
    const drifted = INDICATOR_CELLS.flatMap((library) => {
      const c = cell(library.name);
      const file = readFileSync(`cells/${library.id}.sql`, 'utf8').trimEnd();
      if (c.kind === 'sql' && c.source === file) return [];
      const ours = c.source.split('\n');
      const theirs = file.split('\n');
      const line = ours.findIndex((text, k) => text !== theirs[k]);
      return [`${library.name} (${c.kind}) differs from cells/${library.id}.sql at line ${line + 1}: ${JSON.stringify(ours[line])} instead of ${JSON.stringify(theirs[line])}`];
    });
    expect(drifted).toEqual([]);
  });

  it('its indicator_matrix cell is matrixSql(INDICATOR_CELLS), and every column the model reads is one the matrix declares', () => {
    const matrix = cell('indicator_matrix');
    expect(matrix.source).toBe(matrixSql(INDICATOR_CELLS).trimEnd());
    const model = modelSpec();
    expect(model.matrix).toBe('indicator_matrix');
    const declared = new Set(parseCellHeader('indicator_matrix', matrix.source).columns.map((c) => c.name));
    const read = [...model.indicators.map((i) => i.column), model.overrides.overdueColumn ?? 'max_overdue_days'];
    expect(read.filter((c) => !declared.has(c))).toEqual([]);
  });

  it('the weights input and the champion and challenger parameter sets weight exactly the model\'s indicators, summing to 100', () => {
    const columns = modelSpec().indicators.map((i) => i.column).sort();
    const sets: [string, Readonly<Record<string, number>>][] = [['weights input', weightsInput()]];
    for (const name of ['champion', 'challenger']) {
      const set = document.parameterSets[name];
      expect(set, name).toBeDefined();
      sets.push([name, set![modelSpec().weights] as Readonly<Record<string, number>>]);
    }
    for (const [name, weights] of sets) {
      expect(Object.keys(weights).sort(), name).toEqual(columns);
      expect(sum(Object.values(weights)), name).toBeCloseTo(100, 9);
    }
  });
});

describe('the demo notebook run on the demo extract: `scored` reproduced by an independent scoring', () => {
  let db: Database;
  let reports: QualityReport[];
  beforeAll(async () => {
    ({ db, reports } = await demoDatabase());
    const runtime = nodeRuntime(db, new Set(reports.map((r) => r.table)));
    await runNotebook(runtime, document);
    const failed = document.cells.filter((c) => runtime.state(c.id)?.status !== 'done').map((c) => `${isNamed(c) ? c.name : c.id}: ${runtime.state(c.id)?.error?.message}`);
    if (failed.length) throw new Error(`cells failed: ${failed.join('; ')}`);
  }, 120_000);
  afterAll(async () => db?.close());

  type Row = Record<string, unknown>;
  const rows = async (sql: string): Promise<Row[]> => (await db.query(sql)).toArray().map((r: { toJSON(): Row }) => ({ ...r.toJSON() }));

  /** The model's columns of the matrix result as doubles (NULL → NaN), with bad_class for the override. */
  async function matrixColumns(): Promise<{ ids: string[]; data: Map<string, RefColumn> }> {
    const names = [...modelSpec().indicators.map((i) => i.column), 'bad_class'];
    const result = await rows(`SELECT customer_id, ${names.map((c) => `CAST("${c}" AS DOUBLE) AS "${c}"`).join(', ')} FROM temp.main.indicator_matrix ORDER BY customer_id`);
    return {
      ids: result.map((r) => String(r['customer_id'])),
      data: new Map(names.map((c) => [c, result.map((r) => (r[c] === null ? NaN : Number(r[c])))])),
    };
  }

  /** The reference run: the model's normalisation, the weights input, quotas and the overdue cap. */
  async function reference(exactRankLimit: number) {
    const model = modelSpec();
    const { ids, data } = await matrixColumns();
    const fits = model.indicators.map((spec) => refFit(spec, data.get(spec.column)!, exactRankLimit));
    const run = refRun(fits, data, weightsInput());
    const cap = numberInput('overdue_cap');
    const overdue = data.get(model.overrides.overdueColumn!)!;
    const badClass = data.get('bad_class')!;
    // never strategic: overdue beyond the cap, or a loan classed worse than 关注 (the library's bad_class)
    const barred = ids.map((_, i) => overdue[i]! > cap || badClass[i]! > 0);
    const tiers = refTiers(run.score, ids, { mode: 'quota', strategic: { percent: numberInput('strategic_pct') }, growth: { percent: numberInput('growth_pct') } }, barred);
    return { ids, fits, run, tiers };
  }

  it('the model runs as documented: quotas 10% / 25%, overdue cap 30 days, on 5,000 customers', async () => {
    expect([numberInput('strategic_pct'), numberInput('growth_pct'), numberInput('overdue_cap')]).toEqual([10, 25, 30]);
    expect(modelSpec().tiers).toEqual({ mode: 'quota', strategic: 'strategic_pct', growth: 'growth_pct' });
    expect(modelSpec().overrides).toEqual({ overdueColumn: 'max_overdue_days', maxOverdueDays: 'overdue_cap', badClassColumn: 'bad_class' });
    const [{ n }] = (await rows('SELECT count(*)::INTEGER AS n FROM temp.main.scored')) as [{ n: number }];
    expect(n).toBe(5000);
  });

  it('the same ranked list, the same strategic list and tiers, and scores equal to 1e-9', async () => {
    // rank scaling as DOMAIN.md states it: exact mid-ranks (the model is fitted on this data)
    const { ids, run, tiers } = await reference(Infinity);
    const scored = await rows('SELECT customer_id, score, tier FROM temp.main.scored');
    const TIER_NAMES = ['战略级', '成长型', '一般'];
    const strategic = (list: Row[]) => list.filter((r) => r['tier'] === '战略级').map((r) => r['customer_id']);
    const expected = tiers.order.map((i) => ({ customer_id: ids[i], tier: TIER_NAMES[tiers.tier[i]!] }));
    expect(strategic(scored)).toEqual(strategic(expected));
    expect(strategic(scored)).toHaveLength(500); // round(10% of 5,000)
    expect(scored.map((r) => r['customer_id'])).toEqual(expected.map((r) => r.customer_id));
    expect(scored.map((r) => r['tier'])).toEqual(expected.map((r) => r.tier));
    const scoreOf = new Map(ids.map((id, i) => [id, run.score[i]!]));
    const worst = Math.max(...scored.map((r) => Math.abs((r['score'] as number) - scoreOf.get(r['customer_id'] as string)!)));
    expect(worst).toBeLessThan(1e-9);
  });
});
