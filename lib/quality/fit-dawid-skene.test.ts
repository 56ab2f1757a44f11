import { describe, expect, it } from "vitest";
import { estimateReliability } from "./estimate-reliability";
import { fitDawidSkene } from "./fit-dawid-skene";
import { directionCode, prepareEmInput } from "./prepare-em-input";
import { consensusCode, consensusColumn, itemConsensus, summarizeReliability } from "./read-consensus";
import { simulateCampaign } from "./simulate-campaign";
import type { ReliabilityJudgment, ReliabilityResult } from "./types";

/** Every number in the result, confusion matrices included, is finite. */
function expectFinite(result: ReliabilityResult) {
  const numbers = JSON.stringify(result).match(/-?\d[\d.e+-]*|null|NaN|Infinity/g) ?? [];
  expect(numbers.some((x) => x === "null")).toBe(false);
  expect([result.log_likelihood, result.prior.A, result.prior.tie, result.prior.B].every(Number.isFinite)).toBe(true);
  for (const a of result.per_annotator) {
    expect([a.reliability, a.informativeness, ...a.confusion.flat()].every(Number.isFinite)).toBe(true);
    for (const row of a.confusion) expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 12);
  }
}

describe("prepareEmInput", () => {
  it("reads the direction, else the preference through choiceOf, keeps the latest per (item, annotator), skips what is neither", () => {
    const input = prepareEmInput([
      { itemId: "i1", annotatorId: "x", preference: 2 },
      { itemId: "i1", annotatorId: "y", direction: "tie", preference: 3 },
      { itemId: "i1", annotatorId: "x", preference: -1 },
      { itemId: "i2", annotatorId: "z", direction: "sideways" as never },
      { itemId: "i2", annotatorId: "z" },
      { itemId: "i3", annotatorId: "z", preference: 0.5 },
    ] as ReliabilityJudgment[], new Map<string, "A" | number>([["i1", -2], ["nobody-judged-me", "A"]]));
    expect(input.itemIds).toEqual(["i1"]);
    expect(Array.from(input.label)).toEqual([0, 1]);
    expect(Array.from(input.gold)).toEqual([0]);
    expect(input.goldItems).toBe(1);
  });

  it("codes directions and preferences alike", () => {
    expect([directionCode("A"), directionCode("tie"), directionCode("B"), directionCode(-3), directionCode(0), directionCode(1)]).toEqual([0, 1, 2, 0, 1, 2]);
    expect([directionCode(null), directionCode(Number.NaN), directionCode("left" as never)]).toEqual([-1, -1, -1]);
  });
});

describe("fitDawidSkene edge cases", () => {
  it("returns an empty, finite result for no judgments", () => {
    const { fit, result } = estimateReliability([]);
    expect(result).toMatchObject({ items: 0, annotators: 0, judgments: 0, per_annotator: [], converged: true });
    expectFinite(result);
    expect(consensusColumn(fit).length).toBe(0);
  });

  it("works with one annotator", () => {
    const judgments = ["A", "B", "tie", "B"].map((direction, i) => ({ itemId: `i${i}`, annotatorId: "solo", direction: direction as "A" }));
    const { fit, result } = estimateReliability(judgments);
    expectFinite(result);
    expect(result.per_annotator).toHaveLength(1);
    expect(Array.from(consensusColumn(fit))).toEqual([0, 2, 1, 2]);
  });

  it("works when every judgment is a tie", () => {
    const judgments = Array.from({ length: 30 }, (_, k) => ({ itemId: `i${k % 10}`, annotatorId: `a${k % 3}`, preference: 0 }));
    const { fit, result } = estimateReliability(judgments);
    expectFinite(result);
    // At most (10 ties + 1) / (10 items + 3): the smoothing keeps a little mass on A and B.
    expect(result.prior.tie).toBeGreaterThan(0.8);
    expect(result.prior.tie).toBeLessThanOrEqual(11 / 13);
    expect(Array.from(consensusColumn(fit)).every((c) => c === 1)).toBe(true);
    for (let i = 0; i < 10; i++) expect(Number.isFinite(itemConsensus(fit, i).p_consensus)).toBe(true);
  });

  it("gives an annotator with one judgment a smoothed matrix, not a certainty", () => {
    const c = simulateCampaign({ seed: 5, items: 200 });
    const { result } = estimateReliability([...c.judgments, { itemId: "item-000001", annotatorId: "newcomer", direction: "B" }]);
    expectFinite(result);
    const newcomer = result.per_annotator.find((a) => a.annotator === "newcomer")!;
    expect(newcomer.judgments).toBe(1);
    for (const p of newcomer.confusion.flat()) expect(p).toBeGreaterThan(0.1);
    expect(newcomer.reliability).toBeLessThan(0.6);
  });

  it("breaks an exact A/B posterior tie as a tie", () => {
    expect([consensusCode(0.45, 0.1, 0.45), consensusCode(0.2, 0.6, 0.2), consensusCode(0.5, 0.1, 0.4), consensusCode(0.3, 0.3, 0.4)]).toEqual([1, 1, 0, 2]);
  });

  it("refuses options that would make the fit meaningless", () => {
    const input = prepareEmInput([]);
    expect(() => fitDawidSkene(input, { smoothing: 0 })).toThrow(/smoothing/);
    expect(() => fitDawidSkene(input, { diagonal: -1 })).toThrow(/diagonal/);
    expect(() => fitDawidSkene(input, { maxIterations: 0 })).toThrow(/maxIterations/);
    expect(() => fitDawidSkene(input, { tolerance: Number.NaN })).toThrow(/tolerance/);
  });
});

describe("summarizeReliability", () => {
  it("reads reliability as the prior-weighted diagonal and informativeness against the annotator's own label mix", () => {
    const input = prepareEmInput([
      { itemId: "i1", annotatorId: "x", direction: "A" },
      { itemId: "i1", annotatorId: "y", direction: "A" },
    ]);
    const params = Float64Array.from([0.8, 0.1, 0.1, 0.2, 0.6, 0.2, 0.1, 0.1, 0.8, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0.5, 0.2, 0.3]);
    const fit = { input, params, posterior: new Float64Array(3), iterations: 0, evaluations: 0, converged: true, logLikelihood: 0, objective: 0 };
    const [x, y] = summarizeReliability(fit).per_annotator;
    // x: .5·.8 + .2·.6 + .3·.8 = .76; label mix (.47, .2, .33), chance .5·.47 + .2·.2 + .3·.33 = .374.
    expect(x!.reliability).toBeCloseTo(0.76, 12);
    expect(x!.informativeness).toBeCloseTo((0.76 - 0.374) / (1 - 0.374), 12);
    expect(x!.confusion).toEqual([[0.8, 0.1, 0.1], [0.2, 0.6, 0.2], [0.1, 0.1, 0.8]]);
    // y always says A: right exactly when A is true (prior .5), and no better than its own chance.
    expect(y!.reliability).toBeCloseTo(0.5, 12);
    expect(y!.informativeness).toBeCloseTo(0, 12);
  });
});

describe("fitDawidSkene iteration", () => {
  const c = simulateCampaign({ seed: 11, items: 2000 });
  const input = prepareEmInput(c.judgments);

  it("is deterministic", () => {
    const a = fitDawidSkene(input);
    const b = fitDawidSkene(prepareEmInput(c.judgments));
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
    expect(Array.from(b.posterior)).toEqual(Array.from(a.posterior));
  });

  it("reaches the same fixed point with and without SQUAREM, in fewer data passes with it", () => {
    const plain = fitDawidSkene(input, { accelerate: false, tolerance: 1e-10, maxIterations: 2000 });
    const fast = fitDawidSkene(input, { tolerance: 1e-10, maxIterations: 2000 });
    expect(plain.converged && fast.converged).toBe(true);
    for (let p = 0; p < plain.params.length; p++) expect(Math.abs(fast.params[p]! - plain.params[p]!)).toBeLessThan(1e-4);
    expect(Array.from(consensusColumn(fast))).toEqual(Array.from(consensusColumn(plain)));
    expect(fast.iterations + fast.evaluations).toBeLessThan(plain.iterations + plain.evaluations);
    expect(fast.objective).toBeGreaterThanOrEqual(plain.objective - 1e-6 * input.label.length);
  });

  it("stops at maxIterations and says it did not converge", () => {
    const fit = fitDawidSkene(input, { maxIterations: 2, accelerate: false, tolerance: 0 });
    expect(fit.iterations).toBe(2);
    expect(fit.converged).toBe(false);
    expect(summarizeReliability(fit).converged).toBe(false);
  });
});
