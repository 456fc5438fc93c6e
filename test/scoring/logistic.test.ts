import { describe, expect, it } from 'vitest';
import { fitLogistic, predict } from '../../src/scoring/logistic';
import { rng } from './random';

/**
 * The fit is checked by what an optimum must satisfy, computed here independently of the code:
 * the penalised gradient is zero (KKT), the objective rises in every direction, a binary feature
 * without penalty gives the log-odds ratio (closed form), and a penalty keeps separable data finite.
 */

/** n rows of k features in [0, 1] and an outcome drawn from a known logistic model. */
function simulate(n: number, k: number, seed: number, truth: { intercept: number; beta: number[] }) {
  const random = rng(seed);
  const columns = Array.from({ length: k }, () => new Float64Array(n));
  const event = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = truth.intercept;
    for (let j = 0; j < k; j++) {
      columns[j]![i] = random();
      eta += truth.beta[j]! * columns[j]![i]!;
    }
    event[i] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { columns, event };
}

/** The penalised objective and its gradient, written out plainly (no shared code with the fit). */
function reference(columns: Float64Array[], event: Uint8Array, intercept: number, beta: ArrayLike<number>, lambda: number, rows?: number[]) {
  const use = rows ?? Array.from(event, (_, i) => i);
  const gradient = new Array<number>(beta.length + 1).fill(0);
  let value = 0;
  for (const i of use) {
    let eta = intercept;
    for (let j = 0; j < beta.length; j++) eta += beta[j]! * columns[j]![i]!;
    const p = 1 / (1 + Math.exp(-eta));
    value -= event[i] ? Math.log(p) : Math.log(1 - p);
    gradient[0]! += p - event[i]!;
    for (let j = 0; j < beta.length; j++) gradient[j + 1]! += (p - event[i]!) * columns[j]![i]!;
  }
  for (let j = 0; j < beta.length; j++) {
    value += (lambda / 2) * beta[j]! ** 2;
    gradient[j + 1]! += lambda * beta[j]!;
  }
  return { value, gradient };
}

describe('fitLogistic', () => {
  it('stops where the penalised gradient is zero (KKT, recomputed independently), and the objective rises in every direction', () => {
    const { columns, event } = simulate(800, 5, 7, { intercept: -2, beta: [2, -1, 0.5, 0, 3] });
    for (const lambda of [0, 0.5, 5]) {
      const fit = fitLogistic(columns, event, { lambda });
      expect(fit.converged).toBe(true);
      expect(fit.iterations).toBeLessThan(15);
      const at = reference(columns, event, fit.intercept, fit.coefficients, lambda);
      for (const g of at.gradient) expect(Math.abs(g)).toBeLessThan(1e-8);
      // deviance is −2·log-likelihood: the objective without the penalty, doubled
      const penalty = (lambda / 2) * fit.coefficients.reduce((s, b) => s + b * b, 0);
      expect(fit.deviance).toBeCloseTo(2 * (at.value - penalty), 8);
      for (let j = -1; j < 5; j++) {
        for (const h of [-1e-3, 1e-3]) {
          const beta = Float64Array.from(fit.coefficients);
          if (j >= 0) beta[j] = beta[j]! + h;
          const moved = reference(columns, event, fit.intercept + (j < 0 ? h : 0), beta, lambda);
          expect(moved.value).toBeGreaterThan(at.value);
        }
      }
    }
  });

  it('a larger penalty shrinks the coefficients towards 0, not the intercept: the mean prediction stays the event rate', () => {
    const { columns, event } = simulate(600, 3, 11, { intercept: -1, beta: [2, 1, -1] });
    const norms = [0, 10, 100, 1000].map((lambda) => {
      const fit = fitLogistic(columns, event, { lambda });
      const p = predict(fit, columns);
      // the intercept's gradient is Σ(p − y) = 0: the fitted probabilities average to the event rate
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(event.reduce((a, b) => a + b, 0), 8);
      return Math.hypot(...fit.coefficients);
    });
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThan(norms[k - 1]!);
  });

  it('a binary feature without penalty: β = the log odds ratio, the intercept = the log odds at x = 0 (closed form)', () => {
    // x = 0: 10 events of 40 (odds 10/30); x = 1: 30 events of 50 (odds 30/20)
    const x: number[] = [];
    const y: number[] = [];
    const add = (value: number, events: number, total: number) => {
      for (let i = 0; i < total; i++) x.push(value), y.push(i < events ? 1 : 0);
    };
    add(0, 10, 40);
    add(1, 30, 50);
    const fit = fitLogistic([Float64Array.from(x)], Uint8Array.from(y), { lambda: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(Math.log(10 / 30), 12);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(30 / 20 / (10 / 30)), 12);
    // the saturated fit reproduces each group's rate
    const p = predict(fit, [Float64Array.from([0, 1])]);
    expect(p[0]).toBeCloseTo(10 / 40, 12);
    expect(p[1]).toBeCloseTo(30 / 50, 12);
    // deviance of the two-group fit: −2·Σ counts·log(rates)
    const deviance = -2 * (10 * Math.log(0.25) + 30 * Math.log(0.75) + 30 * Math.log(0.6) + 20 * Math.log(0.4));
    expect(fit.deviance).toBeCloseTo(deviance, 9);
  });

  it('separable data stays finite with λ > 0 (and the gradient is still zero)', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => i / 99);
    const y = Uint8Array.from(x, (v) => (v > 0.5 ? 1 : 0));
    for (const lambda of [0.01, 1]) {
      const fit = fitLogistic([x], y, { lambda });
      expect(fit.converged).toBe(true);
      expect(Number.isFinite(fit.intercept) && Number.isFinite(fit.coefficients[0]!)).toBe(true);
      expect(fit.coefficients[0]).toBeGreaterThan(0);
      for (const g of reference([x], y, fit.intercept, fit.coefficients, lambda).gradient) expect(Math.abs(g)).toBeLessThan(1e-8);
    }
    // without a penalty the optimum is at infinity: the gradient vanishes, but the fit must say so
    expect(fitLogistic([x], y, { lambda: 0 }).converged).toBe(false);
  });

  it('fits on the given rows only: the same as fitting a copy of those rows', () => {
    const { columns, event } = simulate(400, 3, 3, { intercept: 0, beta: [1, -2, 1] });
    const rows = Uint32Array.from({ length: 150 }, (_, k) => (k * 7) % 400);
    const fit = fitLogistic(columns, event, { lambda: 1, rows });
    const copy = fitLogistic(
      columns.map((c) => Float64Array.from(rows, (i) => c[i]!)),
      Uint8Array.from(rows, (i) => event[i]!),
      { lambda: 1 },
    );
    expect(fit.intercept).toBeCloseTo(copy.intercept, 10);
    fit.coefficients.forEach((b, j) => expect(b).toBeCloseTo(copy.coefficients[j]!, 10));
    for (const g of reference(columns, event, fit.intercept, fit.coefficients, 1, [...rows]).gradient) expect(Math.abs(g)).toBeLessThan(1e-8);
  });

  it('says it did not converge when the outcome has a single class or the iterations run out', () => {
    const x = Float64Array.from([0.1, 0.5, 0.9]);
    const none = fitLogistic([x], new Uint8Array(3));
    expect(none.converged).toBe(false);
    expect(none.intercept).toBe(-Infinity);
    const { columns, event } = simulate(300, 2, 5, { intercept: 0, beta: [3, -3] });
    expect(fitLogistic(columns, event, { maxIterations: 1 }).converged).toBe(false);
    expect(() => fitLogistic([x], new Uint8Array(2))).toThrow(/column 0 has 3 rows/);
  });
});

describe('predict', () => {
  it('is the logistic function of intercept + Σ β·x, computed by hand', () => {
    const fit = { intercept: -1, coefficients: Float64Array.from([2, -0.5]), lambda: 0, iterations: 0, converged: true, deviance: 0 };
    const p = predict(fit, [Float64Array.from([0, 1, 0.5]), Float64Array.from([1, 0, 0.2])]);
    const expected = [-1 - 0.5, -1 + 2, -1 + 1 - 0.1].map((eta) => 1 / (1 + Math.exp(-eta)));
    p.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 15));
    // no overflow at extreme predictors
    const extreme = predict({ ...fit, intercept: 0, coefficients: Float64Array.from([1000]) }, [Float64Array.from([-1, 1])]);
    expect([...extreme]).toEqual([0, 1]);
  });
});
