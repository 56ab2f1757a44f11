/** Small statistics shared by the bias diagnostics and the style-controlled leaderboard. */

export { Z95, wilsonInterval as wilson } from "@/lib/stats/wilson";

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export type LogisticProblem = {
  /** Rows (observations) and coefficients. */
  n: number;
  d: number;
  /** Writes row t's non-zero entries into idx/val and returns how many there are. */
  row(t: number, idx: Int32Array, val: Float64Array): number;
  /** Outcome in [0, 1] per row (0.5 for a tie). */
  y: ArrayLike<number>;
  /** Weight per row (a bootstrap count); default 1. */
  w?: ArrayLike<number>;
  /** L2 penalty per coefficient (a Gaussian prior of variance 1/ridge); default 0. */
  ridge?: ArrayLike<number>;
  /** The most non-zeros a row has. */
  maxNonZero: number;
  start?: Float64Array;
};

export type LogisticFit = {
  beta: Float64Array;
  /** Standard errors from the inverse of the (penalised) Fisher information. */
  se: Float64Array;
  converged: boolean;
};

/** Cholesky of a symmetric positive definite d×d matrix (row major), in place; false when not positive definite. */
function cholesky(a: Float64Array, d: number): boolean {
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j]!;
    for (let k = 0; k < j; k++) s -= a[j * d + k]! * a[j * d + k]!;
    if (!(s > 1e-12)) return false;
    const l = Math.sqrt(s);
    a[j * d + j] = l;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j]!;
      for (let k = 0; k < j; k++) t -= a[i * d + k]! * a[j * d + k]!;
      a[i * d + j] = t / l;
    }
  }
  return true;
}

function solveCholesky(l: Float64Array, d: number, b: Float64Array): Float64Array {
  const x = b.slice();
  for (let i = 0; i < d; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * x[k]!;
    x[i] = s / l[i * d + i]!;
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * x[k]!;
    x[i] = s / l[i * d + i]!;
  }
  return x;
}

/**
 * Maximum-likelihood (optionally ridge-penalised) logistic regression by
 * Newton's method. Rows are sparse, so one iteration costs O(n·nnz²) plus a
 * d×d Cholesky. Returns null when the information matrix is singular (e.g. a
 * constant covariate and no penalty).
 */
export function fitLogistic(problem: LogisticProblem): LogisticFit | null {
  const { n, d, y, w, ridge } = problem;
  const beta = problem.start ? problem.start.slice() : new Float64Array(d);
  const idx = new Int32Array(problem.maxNonZero);
  const val = new Float64Array(problem.maxNonZero);
  const h = new Float64Array(d * d);
  const g = new Float64Array(d);
  let converged = false;
  for (let iter = 0; iter < 50; iter++) {
    h.fill(0);
    g.fill(0);
    for (let k = 0; k < d; k++) {
      const r = ridge ? ridge[k]! : 0;
      h[k * d + k] = r;
      g[k] = -r * beta[k]!;
    }
    for (let t = 0; t < n; t++) {
      const wt = w ? w[t]! : 1;
      if (wt === 0) continue;
      const nnz = problem.row(t, idx, val);
      let eta = 0;
      for (let q = 0; q < nnz; q++) eta += beta[idx[q]!]! * val[q]!;
      const p = sigmoid(eta);
      const resid = wt * (y[t]! - p);
      const curv = wt * p * (1 - p);
      for (let q = 0; q < nnz; q++) {
        const iq = idx[q]!;
        const vq = val[q]!;
        g[iq]! += resid * vq;
        for (let r = 0; r < nnz; r++) h[iq * d + idx[r]!]! += curv * vq * val[r]!;
      }
    }
    if (!cholesky(h, d)) return null;
    const step = solveCholesky(h, d, g);
    let change = 0;
    for (let k = 0; k < d; k++) {
      // Damped: a huge step (near-separable data) is cut to 5 on the logit scale.
      const s = Math.max(-5, Math.min(5, step[k]!));
      beta[k]! += s;
      change = Math.max(change, Math.abs(s));
    }
    if (change < 1e-8) {
      converged = true;
      break;
    }
  }
  // Standard errors at the final estimate: recompute the information there.
  h.fill(0);
  for (let k = 0; k < d; k++) h[k * d + k] = ridge ? ridge[k]! : 0;
  for (let t = 0; t < n; t++) {
    const wt = w ? w[t]! : 1;
    if (wt === 0) continue;
    const nnz = problem.row(t, idx, val);
    let eta = 0;
    for (let q = 0; q < nnz; q++) eta += beta[idx[q]!]! * val[q]!;
    const p = sigmoid(eta);
    const curv = wt * p * (1 - p);
    for (let q = 0; q < nnz; q++) for (let r = 0; r < nnz; r++) h[idx[q]! * d + idx[r]!]! += curv * val[q]! * val[r]!;
  }
  const se = new Float64Array(d).fill(NaN);
  if (cholesky(h, d)) {
    for (let k = 0; k < d; k++) {
      const e = new Float64Array(d);
      e[k] = 1;
      se[k] = Math.sqrt(solveCholesky(h, d, e)[k]!);
    }
  }
  return { beta, se, converged };
}
