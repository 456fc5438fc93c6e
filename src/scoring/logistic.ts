/**
 * L2-penalised logistic regression, the "once outcomes exist" weighting of DOMAIN.md. The model
 * has few columns (the screening indicators, at most a few dozen) and a few thousand rows, so
 * exact Newton–Raphson (IRLS) with a dense Cholesky solve is both the simplest and the most
 * precise method: it reaches the optimum to rounding error in a handful of iterations, which is
 * what lets a reviewer check the fit by its optimality condition (penalised gradient = 0).
 *
 * Objective (minimised): Σ_i [softplus(η_i) − y_i·η_i] + λ/2·Σ_j β_j², η_i = β_0 + Σ_j β_j·x_ij,
 * i.e. the negative log-likelihood plus a ridge penalty on the coefficients; the intercept β_0 is
 * not penalised, so the fitted mean probability equals the event rate (its gradient is zero).
 * The penalty is on the summed (not averaged) likelihood: λ is comparable to "λ pseudo-rows".
 */

export interface LogisticFit {
  readonly intercept: number;
  /** one per column, in the order of the columns given */
  readonly coefficients: Float64Array;
  readonly lambda: number;
  /** Newton steps taken */
  readonly iterations: number;
  /** true when the penalised gradient's Euclidean norm fell below the tolerance */
  readonly converged: boolean;
  /** −2·log-likelihood of the fitting rows at the returned coefficients (the penalty not included) */
  readonly deviance: number;
}

export interface LogisticOptions {
  /** ridge penalty λ ≥ 0 (default DEFAULT_LAMBDA); 0 is the plain maximum-likelihood fit */
  readonly lambda?: number;
  /** default 100; Newton needs fewer than 15 on any well-posed problem */
  readonly maxIterations?: number;
  /** on the Euclidean norm of the penalised gradient (default 1e-10) */
  readonly tolerance?: number;
  /** fit on these rows only (e.g. the training side of a split); all rows when absent */
  readonly rows?: Uint32Array;
}

/** λ = 1: enough to keep separable or collinear indicators finite, negligible against ~1,000 rows. */
export const DEFAULT_LAMBDA = 1;

/** log(1 + e^η) without overflow for large |η|. */
function softplus(eta: number): number {
  return Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta)));
}

/** 1 / (1 + e^−η), written so that neither branch overflows. */
function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/**
 * Solves A·x = b in place for a symmetric positive-definite A (row-major, m × m) by Cholesky;
 * returns false when A is not numerically positive definite (then x is not meaningful).
 */
function choleskySolve(a: Float64Array, b: Float64Array, m: number): boolean {
  // A = L·Lᵀ, L stored in the lower triangle of a
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j]!;
    for (let k = 0; k < j; k++) d -= a[j * m + k]! ** 2;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j]!;
      for (let k = 0; k < j; k++) s -= a[i * m + k]! * a[j * m + k]!;
      a[i * m + j] = s / l;
    }
  }
  // L·y = b, then Lᵀ·x = y
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= a[i * m + k]! * b[k]!;
    b[i] = s / a[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < m; k++) s -= a[k * m + i]! * b[k]!;
    b[i] = s / a[i * m + i]!;
  }
  return true;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}

function allRows(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** The linear predictor of every fitting row for parameters θ = (β_0, β_1..β_k). */
function linearPredictor(columns: readonly Float64Array[], rows: Uint32Array, theta: Float64Array, out: Float64Array): void {
  out.fill(theta[0]!);
  for (let j = 0; j < columns.length; j++) {
    const b = theta[j + 1]!;
    if (b === 0) continue;
    const x = columns[j]!;
    for (let r = 0; r < rows.length; r++) out[r] = out[r]! + b * x[rows[r]!]!;
  }
}

/** The penalised objective and the negative log-likelihood, for a computed linear predictor. */
function objective(eta: Float64Array, y: Uint8Array, theta: Float64Array, lambda: number): { penalised: number; nll: number } {
  let nll = 0;
  for (let r = 0; r < eta.length; r++) nll += softplus(eta[r]!) - (y[r] ? eta[r]! : 0);
  let penalty = 0;
  for (let j = 1; j < theta.length; j++) penalty += theta[j]! ** 2;
  return { penalised: nll + (lambda / 2) * penalty, nll };
}

/**
 * L2-penalised logistic regression (penalty λ/2·‖β‖², intercept not penalised) by Newton–Raphson /
 * IRLS with a Cholesky solve (k is small: ≤ 30 columns); features are the given columns (already
 * in [0,1]); rows with any NaN are the caller's to drop. Converges to 1e-10 in the gradient norm
 * or says it did not (converged: false — e.g. separable data with λ = 0, whose optimum is at
 * infinity, or an outcome with a single class, whose intercept is ±Infinity); converged also
 * requires the last Newton step to be negligible, which is what tells the two apart.
 *
 * Each Newton step is halved until the penalised objective does not increase, so the iteration
 * never diverges even from a poor start; a step whose Hessian is not positive definite (λ = 0
 * with a constant or duplicated column) ends the fit as not converged.
 */
export function fitLogistic(columns: readonly Float64Array[], event: Uint8Array, options: LogisticOptions = {}): LogisticFit {
  const lambda = options.lambda ?? DEFAULT_LAMBDA;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`fitLogistic: lambda must be a finite number ≥ 0, not ${lambda}`);
  const n = event.length;
  columns.forEach((c, j) => {
    if (c.length !== n) throw new Error(`fitLogistic: column ${j} has ${c.length} rows, the event ${n}`);
  });
  const rows = options.rows ?? allRows(n);
  if (rows.length === 0) throw new Error('fitLogistic: no rows to fit on');
  const k = columns.length;
  const m = k + 1;
  const y = new Uint8Array(rows.length);
  let events = 0;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (i >= n) throw new Error(`fitLogistic: row ${i} outside 0..${n - 1}`);
    y[r] = event[i] ? 1 : 0;
    events += y[r]!;
  }
  const theta = new Float64Array(m);
  // a single class: the optimum has β = 0 (the penalty's minimum) and an infinite intercept
  if (events === 0 || events === rows.length) {
    return { intercept: events === 0 ? -Infinity : Infinity, coefficients: new Float64Array(k), lambda, iterations: 0, converged: false, deviance: 0 };
  }
  // start at the intercept-only optimum: β_0 = log-odds of the event rate
  theta[0] = Math.log(events / (rows.length - events));
  const eta = new Float64Array(rows.length);
  const gradient = new Float64Array(m);
  const hessian = new Float64Array(m * m);
  const candidate = new Float64Array(m);
  linearPredictor(columns, rows, theta, eta);
  let current = objective(eta, y, theta, lambda);
  let iterations = 0;
  let converged = false;
  for (;;) {
    // gradient g = Xᵀ(p − y) + λ·β and Hessian H = XᵀWX + λ·I (no penalty on the intercept)
    gradient.fill(0);
    hessian.fill(0);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r]!;
      const p = sigmoid(eta[r]!);
      const residual = p - y[r]!;
      const w = p * (1 - p);
      gradient[0] = gradient[0]! + residual;
      hessian[0] = hessian[0]! + w;
      for (let a = 0; a < k; a++) {
        const xa = columns[a]![i]!;
        gradient[a + 1] = gradient[a + 1]! + residual * xa;
        const wx = w * xa;
        hessian[(a + 1) * m] = hessian[(a + 1) * m]! + wx;
        for (let b = 0; b <= a; b++) hessian[(a + 1) * m + b + 1] = hessian[(a + 1) * m + b + 1]! + wx * columns[b]![i]!;
      }
    }
    let norm = 0;
    for (let j = 0; j < m; j++) {
      if (j > 0) {
        gradient[j] = gradient[j]! + lambda * theta[j]!;
        hessian[j * m + j] = hessian[j * m + j]! + lambda;
      }
      norm += gradient[j]! ** 2;
    }
    // the lower triangle was accumulated; Cholesky reads only the lower triangle
    const step = gradient; // solved in place: step = H⁻¹·g
    if (!choleskySolve(hessian, step, m)) break;
    // Converged: the gradient is below the tolerance and so is the Newton step (relative to θ).
    // The gradient alone is not enough: on separable data without a penalty it vanishes like
    // e^{−‖β‖} while β runs off to infinity by steps of constant size.
    if (Math.sqrt(norm) < tolerance && maxAbs(step) <= 1e-6 * (1 + maxAbs(theta))) {
      converged = true;
      break;
    }
    if (iterations >= maxIterations) break;
    iterations++;
    // step halving: accept the first θ − t·step that does not increase the objective (beyond
    // rounding: near the optimum the decrease is below the objective's last digit, and the full
    // Newton step must still be taken for the gradient to reach the tolerance)
    const slack = 1e-12 * Math.max(1, Math.abs(current.penalised));
    let t = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 50; halvings++, t /= 2) {
      for (let j = 0; j < m; j++) candidate[j] = theta[j]! - t * step[j]!;
      linearPredictor(columns, rows, candidate, eta);
      const next = objective(eta, y, candidate, lambda);
      if (next.penalised <= current.penalised + slack) {
        theta.set(candidate);
        current = next;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      // no decrease even for a tiny step: θ is optimal to rounding; the gradient test above decides
      linearPredictor(columns, rows, theta, eta);
      break;
    }
  }
  return { intercept: theta[0]!, coefficients: theta.slice(1), lambda, iterations, converged, deviance: 2 * current.nll };
}

/** The fitted event probability of every row of `columns` (written into `out` when given). */
export function predict(fit: LogisticFit, columns: readonly Float64Array[], out?: Float64Array): Float64Array {
  if (columns.length !== fit.coefficients.length) throw new Error(`predict: ${columns.length} columns for ${fit.coefficients.length} coefficients`);
  const n = columns[0]?.length ?? out?.length ?? 0;
  const p = out ?? new Float64Array(n);
  if (p.length !== n) throw new Error(`predict: out has ${p.length} rows, the columns ${n}`);
  p.fill(fit.intercept);
  columns.forEach((x, j) => {
    if (x.length !== n) throw new Error(`predict: column ${j} has ${x.length} rows, column 0 ${n}`);
    const b = fit.coefficients[j]!;
    for (let i = 0; i < n; i++) p[i] = p[i]! + b * x[i]!;
  });
  for (let i = 0; i < n; i++) p[i] = sigmoid(p[i]!);
  return p;
}
