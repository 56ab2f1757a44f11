import { describe, expect, it } from "vitest";
import { createSeededRng } from "../ranking/bradley-terry";
import { createJudgmentCollector } from "./collect-judgments";
import { computeAgreementFromTable } from "./compute-agreement";
import { agreementIntervals, INTERVAL_FIGURES } from "./agreement-intervals";

function table(seed: number, items: number) {
  const rng = createSeededRng(seed);
  const c = createJudgmentCollector();
  for (let i = 0; i < items; i++) {
    const truth = rng() < 0.5 ? -1 : 1;
    // Items 0..9 get one judgment, the rest three; each annotator is right 80% of the time.
    const k = i < 10 ? 1 : 3;
    for (let a = 0; a < k; a++) c.add({ itemId: `i-${i}`, annotator: `a-${(i + a) % 5}`, preference: rng() < 0.8 ? truth : -truth });
  }
  return c.build();
}

describe("agreementIntervals", () => {
  it("counts the items per number of judgments and brackets each figure with its bootstrap interval", () => {
    const t = table(4, 210);
    const result = agreementIntervals(t, { rounds: 100 });
    expect(result.items_by_judgments).toEqual({ "1": 10, "3": 200 });
    expect(result.rounds).toBe(100);
    const figures = computeAgreementFromTable(t, { scale: 1 });
    for (const name of INTERVAL_FIGURES) {
      const { low, high } = result.intervals[name];
      const value = figures[name]!;
      expect(low!).toBeLessThanOrEqual(value);
      expect(high!).toBeGreaterThanOrEqual(value);
      expect(high! - low!).toBeGreaterThan(0);
      expect(high! - low!).toBeLessThan(0.4);
    }
    // Same seed, same intervals; more items, narrower.
    expect(agreementIntervals(t, { rounds: 100 })).toEqual(result);
    const wide = agreementIntervals(table(4, 40), { rounds: 100 }).intervals.percent_agreement;
    expect(wide.high! - wide.low!).toBeGreaterThan(result.intervals.percent_agreement.high! - result.intervals.percent_agreement.low!);
  });

  it("gives no interval when no item has two judgments", () => {
    const c = createJudgmentCollector();
    c.add({ itemId: "x", annotator: "a", preference: 1 });
    const result = agreementIntervals(c.build());
    expect(result).toMatchObject({ rounds: 0, items_by_judgments: { "1": 1 } });
    expect(result.intervals.fleiss_kappa).toEqual({ low: null, high: null });
  });
});
