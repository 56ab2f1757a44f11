import { describe, expect, it } from "vitest";
import { simulateCampaign } from "./simulate-campaign";

describe("simulateCampaign", () => {
  it("gives the same campaign for the same seed and another for another seed", () => {
    const a = simulateCampaign({ seed: 9, items: 200 });
    expect(simulateCampaign({ seed: 9, items: 200 })).toEqual(a);
    expect(simulateCampaign({ seed: 10, items: 200 }).judgments).not.toEqual(a.judgments);
  });

  it("has 12 annotators of the issue's kinds, 3–5 distinct annotators per item, and judgments on the scale", () => {
    const c = simulateCampaign({ seed: 4, items: 1000 });
    expect(c.annotators.map((a) => a.profile.kind).sort()).toEqual([...Array(8).fill("truthful"), "left", "random", "random", "random"].sort());
    const byItem = new Map<string, string[]>();
    for (const j of c.judgments) byItem.set(j.itemId, [...(byItem.get(j.itemId) ?? []), j.annotatorId]);
    expect(byItem.size).toBe(1000);
    for (const annotators of byItem.values()) {
      expect(annotators.length).toBeGreaterThanOrEqual(3);
      expect(annotators.length).toBeLessThanOrEqual(5);
      expect(new Set(annotators).size).toBe(annotators.length);
    }
    for (const j of c.judgments) expect(Number.isInteger(j.preference) && Math.abs(j.preference) <= 3).toBe(true);
  });

  it("makes each profile behave as described", () => {
    const c = simulateCampaign({ seed: 8, items: 3000 });
    for (const a of c.annotators) {
      if (a.profile.kind === "truthful") expect(Math.abs(a.accuracy - a.profile.accuracy)).toBeLessThan(0.05);
      // Uniform on −3..3 is A 3/7, tie 1/7, B 3/7; against true directions .4/.2/.4 that is right 2.6/7 of the time.
      if (a.profile.kind === "random") expect(Math.abs(a.accuracy - 2.6 / 7)).toBeLessThan(0.05);
    }
    const left = c.annotators.find((a) => a.profile.kind === "left")!;
    expect(c.judgments.filter((j) => j.annotatorId === left.id).every((j) => j.preference === -3)).toBe(true);
    const swapped = simulateCampaign({ seed: 8, items: 3000, swapShare: 0.5 });
    const leftSwapped = swapped.judgments.filter((j) => j.annotatorId === left.id);
    expect(leftSwapped.every((j) => j.preference === (j.shownSwapped ? 3 : -3))).toBe(true);
  });

  it("returns gold for about goldShare of the items, with the true direction, without changing the judgments", () => {
    const plain = simulateCampaign({ seed: 2, items: 2000 });
    const c = simulateCampaign({ seed: 2, items: 2000, goldShare: 0.1 });
    expect(c.judgments).toEqual(plain.judgments);
    expect(c.gold.size).toBeGreaterThan(150);
    expect(c.gold.size).toBeLessThan(250);
    for (const [id, g] of c.gold) expect(g).toBe(c.truth.get(id));
  });
});
