import { describe, expect, it } from "vitest";
import { createJudgmentCollector } from "@/lib/agreement/collect-judgments";
import { anchorWithGold } from "./anchor-with-gold";
import { wilsonInterval } from "@/lib/stats/wilson";
import { fitDawidSkene } from "./fit-dawid-skene";
import { NO_GOLD } from "./types";

describe("wilsonInterval", () => {
  it("matches the published 95% interval and stays inside [0, 1]", () => {
    const { low: lo, high: hi } = wilsonInterval(8, 10)!;
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
    expect(wilsonInterval(0, 5)!.low).toBe(0);
    expect(wilsonInterval(5, 5)!.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("anchorWithGold", () => {
  it("appends gold items after the real ones, clamped, first answer per annotator, new annotators added", () => {
    const collector = createJudgmentCollector();
    collector.add({ itemId: "r1", annotator: "x", preference: -2 });
    collector.add({ itemId: "r1", annotator: "y", preference: 1 });
    const table = collector.build();
    const input = anchorWithGold(table, [
      { itemId: "g1", annotator: "y", preference: 2, goldPreference: 3 },
      { itemId: "g1", annotator: "y", preference: -2, goldPreference: 3 },
      { itemId: "g1", annotator: "z", preference: 0, goldPreference: 3 },
      { itemId: "g2", annotator: "x", preference: 1.5, goldPreference: -1 },
    ]);
    expect(input.itemIds).toEqual(["r1", "g1"]);
    expect(input.annotatorIds).toEqual(["x", "y", "z"]);
    expect([...input.itemStart]).toEqual([0, 2, 4]);
    expect([...input.annotator]).toEqual([0, 1, 1, 2]);
    expect([...input.label]).toEqual([0, 2, 2, 1]);
    expect([...input.gold]).toEqual([NO_GOLD, 2]);
    expect(input.goldItems).toBe(1);
    expect(table.itemIds).toEqual(["r1"]);
  });

  it("lets gold answers pin an annotator who is always wrong, where agreement alone cannot", () => {
    // Two annotators, always opposite: without gold the model cannot tell who is right.
    const collector = createJudgmentCollector();
    for (let i = 0; i < 40; i++) {
      collector.add({ itemId: `r${i}`, annotator: "good", preference: i % 2 ? 2 : -2 });
      collector.add({ itemId: `r${i}`, annotator: "bad", preference: i % 2 ? -2 : 2 });
    }
    const gold = Array.from({ length: 10 }, (_, i) => [
      { itemId: `g${i}`, annotator: "good", preference: i % 2 ? 2 : -2, goldPreference: i % 2 ? 2 : -2 },
      { itemId: `g${i}`, annotator: "bad", preference: i % 2 ? -2 : 2, goldPreference: i % 2 ? 2 : -2 },
    ]).flat();
    const fit = fitDawidSkene(anchorWithGold(collector.build(), gold));
    for (let i = 0; i < 40; i++) expect(fit.posterior[i * 3 + (i % 2 ? 2 : 0)]!).toBeGreaterThan(0.9);
  });
});
