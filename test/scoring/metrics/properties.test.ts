import { describe, expect, it } from 'vitest';
import { decileOf, informationValue, ks, liftTable, psi, psiEdges, roc } from '../../../src/scoring/metrics';
import { permutation, rng } from '../random';

/** Properties that hold whatever the data: symmetry, invariance, and PSI of a sample with itself. */

const N = 2000;
const random = rng(7);
const score = Float64Array.from({ length: N }, () => (random() < 0.02 ? NaN : Math.round(random() * 100) / 10));
const event = Uint8Array.from(score, (s) => (random() < (s === s ? s / 12 : 0.3) ? 1 : 0));
const idRank = Uint32Array.from(permutation(N, random));

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-12);

describe('metric properties', () => {
  it('AUC of the reversed score is 1 − AUC; KS is unchanged', () => {
    const reversed = score.map((s) => -s);
    close(roc(reversed, event).auc, 1 - roc(score, event).auc);
    close(ks(reversed, event).ks, ks(score, event).ks);
  });

  it('AUC and KS are invariant under a strictly increasing transform', () => {
    const transformed = score.map((s) => Math.exp(s / 3) + 2 * s);
    expect(roc(transformed, event).auc).toBe(roc(score, event).auc);
    expect(ks(transformed, event).ks).toBe(ks(score, event).ks);
  });

  it('results do not depend on row order (idRank carried with its row)', () => {
    const p = permutation(N, rng(99));
    const s2 = Float64Array.from(p, (i) => score[i]!);
    const e2 = Uint8Array.from(p, (i) => event[i]!);
    const r2 = Uint32Array.from(p, (i) => idRank[i]!);
    expect(roc(s2, e2).auc).toBe(roc(score, event).auc);
    expect(ks(s2, e2)).toEqual(ks(score, event));
    expect(liftTable(s2, e2, r2)).toEqual(liftTable(score, event, idRank));
    const d1 = decileOf(score, idRank);
    expect(decileOf(s2, r2)).toEqual(Uint8Array.from(p, (i) => d1[i]!));
    expect(psi(score, s2).psi).toBe(0);
    expect(informationValue(s2, e2)).toEqual(informationValue(score, event));
  });

  it('PSI of a sample with itself is 0, and with its own edges reused', () => {
    const r = psi(score, score);
    expect(r.psi).toBe(0);
    expect(r.band).toBe('stable');
    expect(psi(score, score, { edges: psiEdges(score) }).psi).toBe(0);
  });

  it('the gains curve ends at 1 and deciles differ in size by at most one', () => {
    const rows = liftTable(score, event, idRank);
    expect(rows.at(-1)!.capture).toBe(1);
    close(rows.at(-1)!.cumLift, 1);
    const sizes = rows.map((r) => r.count);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });
});
