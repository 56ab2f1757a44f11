import { describe, expect, it } from "vitest";
import { fitLogistic, wilson } from "./stats";

describe("wilson", () => {
  it("matches the worked Wilson interval for 8 of 10", () => {
    const ci = wilson(8, 10)!;
    expect(ci.low).toBeCloseTo(0.4902, 4);
    expect(ci.high).toBeCloseTo(0.9433, 4);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(0, 5)!.low).toBe(0);
  });
});

describe("fitLogistic", () => {
  it("reproduces a logistic fit computed by hand (grouped data with a known closed form)", () => {
    // Two groups, x = 0: 3 of 10 chosen; x = 1: 7 of 10. The MLE is saturated:
    // intercept = logit(0.3), slope = logit(0.7) − logit(0.3); se(slope)² = 1/(10·0.21) + 1/(10·0.21).
    const x = Array.from({ length: 20 }, (_, k) => (k < 10 ? 0 : 1));
    const y = Array.from({ length: 20 }, (_, k) => (k < 10 ? Number(k < 3) : Number(k - 10 < 7)));
    const fit = fitLogistic({ n: 20, d: 2, maxNonZero: 2, y, row: (t, idx, val) => ((idx[0] = 0), (val[0] = 1), (idx[1] = 1), (val[1] = x[t]!), 2) })!;
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(fit.converged).toBe(true);
    expect(fit.beta[0]).toBeCloseTo(logit(0.3), 8);
    expect(fit.beta[1]).toBeCloseTo(logit(0.7) - logit(0.3), 8);
    expect(fit.se[1]).toBeCloseTo(Math.sqrt(2 / 2.1), 8);
  });

  it("returns null for a constant covariate without a penalty", () => {
    expect(fitLogistic({ n: 3, d: 2, maxNonZero: 2, y: [1, 0, 1], row: (t, idx, val) => ((idx[0] = 0), (val[0] = 1), (idx[1] = 1), (val[1] = 2), 2) })).toBeNull();
  });
});
