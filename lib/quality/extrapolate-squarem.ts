/**
 * SQUAREM (Varadhan & Roland 2008, scheme S3) for the EM map F: from θ0,
 * θ1 = F(θ0), θ2 = F(θ1), with r = θ1 − θ0 and v = θ2 − 2θ1 + θ0, the step
 * length α = −|r| / |v| (never above −1), and
 *   θ' = θ0 − 2αr + α²v,
 * whose coefficients on θ0, θ1, θ2 sum to 1, so every 3-wide row of a
 * probability vector still sums to 1. Returns α, or null when the step is
 * no better than plain EM (α = −1, i.e. θ' would be θ2, or v = 0).
 */
export function squaremStepLength(theta0: Float64Array, theta1: Float64Array, theta2: Float64Array): number | null {
  let rr = 0;
  let vv = 0;
  for (let p = 0; p < theta0.length; p++) {
    const r = theta1[p]! - theta0[p]!;
    const v = theta2[p]! - 2 * theta1[p]! + theta0[p]!;
    rr += r * r;
    vv += v * v;
  }
  if (!(vv > 0)) return null;
  const alpha = -Math.sqrt(rr / vv);
  return Number.isFinite(alpha) && alpha < -1 ? alpha : null;
}

/**
 * Writes θ' for step length α into `out`; false when a cell leaves (0, 1)
 * so the point is not a valid set of probabilities (the caller then tries a
 * shorter step, halfway towards α = −1).
 */
export function squaremPoint(theta0: Float64Array, theta1: Float64Array, theta2: Float64Array, alpha: number, out: Float64Array): boolean {
  const c0 = (1 + alpha) * (1 + alpha);
  const c1 = -2 * alpha * (1 + alpha);
  const c2 = alpha * alpha;
  for (let p = 0; p < theta0.length; p++) {
    const x = c0 * theta0[p]! + c1 * theta1[p]! + c2 * theta2[p]!;
    if (!(x > 0 && x < 1)) return false;
    out[p] = x;
  }
  return true;
}
