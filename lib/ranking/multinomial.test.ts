import { describe, expect, it } from "vitest";
import { createSeededRng } from "./bradley-terry";
import { binomial, multinomial } from "./multinomial";

function moments(draw: () => number, rounds: number) {
  let sum = 0;
  let sq = 0;
  for (let r = 0; r < rounds; r++) {
    const x = draw();
    sum += x;
    sq += x * x;
  }
  const mean = sum / rounds;
  return { mean, variance: sq / rounds - mean * mean };
}

describe("binomial", () => {
  it("has mean np and variance np(1-p) in both regimes (waiting times, and the beta split for large n)", () => {
    const rng = createSeededRng(1);
    for (const [n, p] of [[30, 0.2], [5_000, 0.3], [3_000_000, 0.45], [200, 0.97]] as const) {
      const { mean, variance } = moments(() => binomial(rng, n, p), 4000);
      const sd = Math.sqrt(n * p * (1 - p));
      // 4000 draws: the sample mean is within 5 standard errors, the variance within 15%.
      expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(4000));
      expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.85);
      expect(variance / (n * p * (1 - p))).toBeLessThan(1.15);
    }
  });

  it("stays within 0..n and handles the edges", () => {
    const rng = createSeededRng(2);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
    for (let r = 0; r < 500; r++) {
      const x = binomial(rng, 100, 0.5);
      expect(Number.isInteger(x) && x >= 0 && x <= 100).toBe(true);
    }
  });
});

describe("multinomial", () => {
  it("draws counts that add up to the total, in proportion to the weights, and nothing where the weight is 0", () => {
    const rng = createSeededRng(3);
    const weights = [500, 0, 300, 200];
    const out = new Float64Array(4);
    const sums = [0, 0, 0, 0];
    for (let r = 0; r < 2000; r++) {
      multinomial(rng, 1000, weights, out);
      expect(out.reduce((s, x) => s + x, 0)).toBe(1000);
      out.forEach((x, i) => (sums[i]! += x));
    }
    expect(sums[1]).toBe(0);
    expect(sums.map((s) => Math.round(s / 2000))).toEqual([500, 0, 300, 200]);
  });

  it("is the distribution of drawing records with replacement: same mean and variance per group", () => {
    const weights = [6, 3, 1];
    const n = 10;
    const a = createSeededRng(4);
    const b = createSeededRng(5);
    const out = new Float64Array(3);
    const viaCounts = moments(() => multinomial(a, n, weights, out)[2]!, 20_000);
    const viaRecords = moments(() => {
      let hits = 0;
      for (let k = 0; k < n; k++) if (Math.floor(b() * 10) === 9) hits++;
      return hits;
    }, 20_000);
    expect(Math.abs(viaCounts.mean - viaRecords.mean)).toBeLessThan(0.03);
    expect(Math.abs(viaCounts.variance - viaRecords.variance)).toBeLessThan(0.05);
  });
});
