/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for a proportion, k successes in n trials (95%
 * by default). Unlike the normal approximation it stays inside [0, 1] and is
 * honest for small n and for 0 or n successes. Null when n is 0. The one
 * definition behind gold accuracy, side and length bias, and agreement with
 * the source (docs/formats.md).
 */
export function wilsonInterval(k: number, n: number, z = Z95): { low: number; high: number } | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
