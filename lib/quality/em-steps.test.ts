import { describe, expect, it } from "vitest";
import { prepareEmInput } from "./prepare-em-input";
import { runEStep } from "./run-e-step";
import { goldPosterior, logParamPrior, majorityPosterior, runMStep } from "./run-m-step";
import { squaremPoint, squaremStepLength } from "./extrapolate-squarem";

const CONFUSION = [0.8, 0.1, 0.1, 0.2, 0.6, 0.2, 0.1, 0.1, 0.8];
const PRIOR = [0.5, 0.2, 0.3];

describe("runEStep", () => {
  it("matches a hand-worked posterior and log-likelihood", () => {
    // Item 1: x says A → A .5·.8 = .4, tie .2·.2 = .04, B .3·.1 = .03 (total .47).
    // Item 2: x says A, y says B → A .5·.8·.1 = .04, tie .2·.2·.2 = .008, B .3·.1·.8 = .024 (total .072).
    const input = prepareEmInput([
      { itemId: "i1", annotatorId: "x", direction: "A" },
      { itemId: "i2", annotatorId: "x", preference: -2 },
      { itemId: "i2", annotatorId: "y", preference: 3 },
    ]);
    const params = Float64Array.from([...CONFUSION, ...CONFUSION, ...PRIOR]);
    const posterior = new Float64Array(6);
    const ll = runEStep(input, params, posterior, new Float64Array(params.length));
    expect(ll).toBeCloseTo(Math.log(0.47) + Math.log(0.072), 12);
    [0.4 / 0.47, 0.04 / 0.47, 0.03 / 0.47, 0.04 / 0.072, 0.008 / 0.072, 0.024 / 0.072].forEach((p, k) => expect(posterior[k]).toBeCloseTo(p, 12));
  });

  it("clamps a gold item and counts its labels at the gold class", () => {
    const input = prepareEmInput([{ itemId: "i1", annotatorId: "x", direction: "A" }], new Map([["i1", "B" as const]]));
    const params = Float64Array.from([...CONFUSION, ...PRIOR]);
    const posterior = new Float64Array(3);
    const ll = runEStep(input, params, posterior, new Float64Array(params.length));
    expect(ll).toBeCloseTo(Math.log(0.3 * 0.1), 12);
    expect(Array.from(posterior)).toEqual([0, 0, 1]);
  });

  it("does not underflow on an item with thousands of labels", () => {
    const judgments = Array.from({ length: 5000 }, (_, a) => ({ itemId: "i", annotatorId: `a${a}`, direction: "B" as const }));
    const input = prepareEmInput(judgments);
    const params = Float64Array.from([...Array.from({ length: 5000 }, () => CONFUSION).flat(), ...PRIOR]);
    const posterior = new Float64Array(3);
    const ll = runEStep(input, params, posterior, new Float64Array(params.length));
    expect(Number.isFinite(ll)).toBe(true);
    expect(posterior[2]).toBeCloseTo(1, 12);
  });
});

describe("runMStep", () => {
  it("adds the pseudo-count to every cell, so one judgment gives no degenerate matrix", () => {
    const input = prepareEmInput([{ itemId: "i1", annotatorId: "x", direction: "A" }]);
    const posterior = new Float64Array(3);
    majorityPosterior(input, posterior);
    expect(Array.from(posterior)).toEqual([1, 0, 0]);
    const params = new Float64Array(12);
    runMStep(input, posterior, { smoothing: 1, diagonal: 0 }, params);
    // Row A: counts (1, 0, 0) + 1 each → (2, 1, 1) / 4; rows tie and B: smoothing only.
    [0.5, 0.25, 0.25, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 0.5, 0.25, 0.25].forEach((p, k) => expect(params[k]).toBeCloseTo(p, 12));
    // With the diagonal pseudo-count: row A (1 + 1 + 1, 1, 1) / 5, row tie (1, 2, 1) / 4, row B (1, 1, 2) / 4; the prior has none.
    runMStep(input, posterior, { smoothing: 1, diagonal: 1 }, params);
    [0.6, 0.2, 0.2, 0.25, 0.5, 0.25, 0.25, 0.25, 0.5, 0.5, 0.25, 0.25].forEach((p, k) => expect(params[k]).toBeCloseTo(p, 12));
    const logs = Array.from(params, Math.log);
    const expected = 2 * logs.reduce((s, x) => s + x, 0) + 0.5 * (logs[0]! + logs[4]! + logs[8]!);
    expect(logParamPrior(params, { smoothing: 2, diagonal: 0.5 })).toBeCloseTo(expected, 12);
  });

  it("weights each judgment by its item's posterior", () => {
    const input = prepareEmInput([
      { itemId: "i1", annotatorId: "x", direction: "tie" },
      { itemId: "i2", annotatorId: "x", direction: "B" },
    ]);
    const params = new Float64Array(12);
    runMStep(input, Float64Array.from([0.5, 0.5, 0, 0, 0, 1]), { smoothing: 0.5, diagonal: 0 }, params);
    // Row A: tie +0.5 → (0.5, 1, 0.5)/2; row tie: tie +0.5 → same; row B: B +1 → (0.5, 0.5, 1.5)/2.5.
    [0.25, 0.5, 0.25, 0.25, 0.5, 0.25, 0.2, 0.2, 0.6].forEach((p, k) => expect(params[k]).toBeCloseTo(p, 12));
    // Prior: (0.5 + 0.5, 0.5 + 0.5, 1 + 0.5) / 3.5.
    [1 / 3.5, 1 / 3.5, 1.5 / 3.5].forEach((p, k) => expect(params[9 + k]).toBeCloseTo(p, 12));
  });

  it("starts from the vote shares, or from gold items alone", () => {
    const input = prepareEmInput([
      { itemId: "i1", annotatorId: "x", direction: "A" },
      { itemId: "i1", annotatorId: "y", direction: "A" },
      { itemId: "i1", annotatorId: "z", direction: "tie" },
      { itemId: "i2", annotatorId: "x", direction: "A" },
    ], [["i2", 3]]);
    const posterior = new Float64Array(6);
    majorityPosterior(input, posterior);
    [2 / 3, 1 / 3, 0, 0, 0, 1].forEach((p, k) => expect(posterior[k]).toBeCloseTo(p, 12));
    goldPosterior(input, posterior);
    expect(Array.from(posterior)).toEqual([0, 0, 0, 0, 0, 1]);
  });
});

describe("SQUAREM extrapolation", () => {
  it("keeps rows summing to 1 and refuses points outside (0, 1)", () => {
    const t0 = Float64Array.from([0.5, 0.3, 0.2]);
    const t1 = Float64Array.from([0.55, 0.28, 0.17]);
    const t2 = Float64Array.from([0.58, 0.27, 0.15]);
    const alpha = squaremStepLength(t0, t1, t2)!;
    expect(alpha).toBeLessThan(-1);
    const out = new Float64Array(3);
    expect(squaremPoint(t0, t1, t2, alpha, out)).toBe(true);
    expect(out[0]! + out[1]! + out[2]!).toBeCloseTo(1, 12);
    expect(out[0]).toBeGreaterThan(t2[0]!);
    expect(squaremPoint(t0, t1, t2, -1000, out)).toBe(false);
    expect(squaremStepLength(t0, t0, t0)).toBeNull();
  });
});
