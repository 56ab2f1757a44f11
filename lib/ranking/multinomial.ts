/**
 * Exact multinomial and binomial draws from a seeded uniform source, so a
 * bootstrap can resample aggregated counts instead of individual records:
 * drawing N records with replacement from groups of sizes w₁…w_k gives group
 * counts distributed Multinomial(N; w/N) — the same distribution, at a cost
 * that grows with the number of groups, not with N.
 */

/** Standard normal (Box–Muller; one of the pair is dropped to keep the stream simple). */
function normal(rng: () => number): number {
  const u = 1 - rng(); // (0, 1]
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) for shape ≥ 1, Marsaglia & Tsang (2000): exact rejection sampling. */
function gamma(rng: () => number, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Small n·p: count successes by geometric waiting times (Devroye 1986, X.4). */
function binomialByWaiting(rng: () => number, n: number, p: number): number {
  const logQ = Math.log1p(-p);
  let x = 0;
  let at = 0;
  for (;;) {
    at += Math.floor(Math.log(1 - rng()) / logQ) + 1;
    if (at > n) return x;
    x++;
  }
}

/**
 * Binomial(n, p), exactly: for large n the order-statistic split of Knuth
 * (TAOCP 3.4.1 F) — the a-th smallest of n uniforms is Beta(a, n+1−a), and the
 * successes below and above it are binomial again — until n·p is small.
 */
export function binomial(rng: () => number, n: number, p: number): number {
  let successes = 0;
  for (;;) {
    if (n <= 0 || p <= 0) return successes;
    if (p >= 1) return successes + n;
    if (n * Math.min(p, 1 - p) < 20) {
      const x = p <= 0.5 ? binomialByWaiting(rng, n, p) : n - binomialByWaiting(rng, n, 1 - p);
      return successes + x;
    }
    const a = 1 + Math.floor(n / 2);
    const b = n + 1 - a;
    const ga = gamma(rng, a);
    const x = ga / (ga + gamma(rng, b));
    if (x >= p) {
      n = a - 1;
      p = p / x;
    } else {
      successes += a;
      n = b - 1;
      p = (p - x) / (1 - x);
    }
  }
}

/** Multinomial(total; weights/Σweights) by conditional binomials, into `out` (same length as weights). */
export function multinomial(rng: () => number, total: number, weights: ArrayLike<number>, out: Float64Array): Float64Array {
  let remainingWeight = 0;
  for (let i = 0; i < weights.length; i++) remainingWeight += weights[i]!;
  let remaining = total;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (remaining <= 0 || w <= 0) {
      out[i] = 0;
    } else if (i === weights.length - 1 || w >= remainingWeight) {
      out[i] = remaining;
    } else {
      out[i] = binomial(rng, remaining, w / remainingWeight);
    }
    remaining -= out[i]!;
    remainingWeight -= w;
  }
  return out;
}
