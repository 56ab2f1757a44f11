import { describe, expect, it } from "vitest";
import { createSeededRng } from "./bradley-terry";
import { pairPriorities, samplingOrder } from "./pair-priority";

const count = (a: string, b: string, a_wins: number, b_wins: number, ties = 0) => ({ a, b, comparisons: a_wins + b_wins + ties, a_wins, b_wins, ties });
const pairs = [
  { a: "m1", b: "m2" },
  { a: "m2", b: "m3" },
  { a: "m1", b: "m3" },
];

describe("pairPriorities", () => {
  it("puts unsettled adjacent pairs first, settled adjacent ones next, far pairs last", () => {
    // m1 beats m2 30–0 (settled); m2 beats m3 6–4 (not yet); m1–m3 never met.
    const out = pairPriorities(pairs, [count("m1", "m2", 30, 0), count("m2", "m3", 6, 4)]);
    expect(out.map((p) => [p.a, p.b, p.tier, p.comparisons])).toEqual([
      ["m2", "m3", 0, 10],
      ["m1", "m2", 1, 30],
      ["m1", "m3", 2, 0],
    ]);
    // p = 7/12: n > 1.96²·p(1−p)/(p−½)² = 134.6, so 135 − 10 more.
    expect(out[0]!.more_needed).toBe(125);
    expect(out[1]!.more_needed).toBe(0);
    expect(out[2]!.more_needed).toBeNull();
    expect(out.map((p) => p.weight)).toEqual([1 / 11, 1 / 31, 1]);
  });

  it("follows the ranking, not the names, and normalizes pair order", () => {
    // m3 > m1 > m2: adjacent are (m1, m3) and (m1, m2), given here as (m3, m1).
    const out = pairPriorities([{ a: "m3", b: "m1" }, ...pairs.slice(0, 2)], [count("m1", "m3", 4, 6), count("m1", "m2", 6, 4), count("m2", "m3", 0, 30)]);
    const tier = Object.fromEntries(out.map((p) => [`${p.a}-${p.b}`, p.tier]));
    expect(tier).toEqual({ "m1-m3": 0, "m1-m2": 0, "m2-m3": 2 });
  });

  it("with no comparisons yet ranks by name and offers every adjacent pair first", () => {
    const out = pairPriorities(pairs, []);
    expect(out.map((p) => [p.a, p.b, p.tier, p.more_needed])).toEqual([
      ["m1", "m2", 0, null],
      ["m2", "m3", 0, null],
      ["m1", "m3", 2, null],
    ]);
  });

  it("drops pairs of one model, missing models and repeats", () => {
    const out = pairPriorities([{ a: "m1", b: "m1" }, { a: "", b: "m2" }, { a: "m1", b: "m2" }, { a: "m2", b: "m1" }], []);
    expect(out.map((p) => `${p.a}-${p.b}`)).toEqual(["m1-m2"]);
  });
});

describe("samplingOrder", () => {
  it("keeps tiers in order and picks within a tier in proportion to weight", () => {
    const rng = createSeededRng(7);
    const priorities = [
      { id: "far", tier: 2, weight: 100 },
      { id: "heavy", tier: 0, weight: 1 },
      { id: "light", tier: 0, weight: 1 / 3 },
      { id: "mid", tier: 1, weight: 5 },
    ];
    const firsts = new Map<string, number>();
    for (let k = 0; k < 20_000; k++) {
      const order = samplingOrder(priorities, rng).map((p) => p.id);
      expect(order.slice(2)).toEqual(["mid", "far"]);
      firsts.set(order[0]!, (firsts.get(order[0]!) ?? 0) + 1);
    }
    expect((firsts.get("heavy") ?? 0) / 20_000).toBeCloseTo(0.75, 1);
    expect((firsts.get("light") ?? 0) / 20_000).toBeCloseTo(0.25, 1);
  });
});
