import { describe, expect, it } from "vitest";
import { impliedPairs, isGoldRankingMet, kendallDistance, randomDisplayOrder, rankingProblem } from "./ranking";
import { expandUnits } from "./expand-units";
import { seeded } from "./test-fixtures";

describe("impliedPairs", () => {
  it("gives the K(K−1)/2 pairs in item terms, strength the tier difference capped at the scale", () => {
    // 2 best, then 0 and 3 tied, then 1 worst; scale 2.
    expect(impliedPairs([[2], [0, 3], [1]], 2)).toEqual([
      { a: 0, b: 1, preference: -1 },
      { a: 0, b: 2, preference: 1 },
      { a: 0, b: 3, preference: 0 },
      { a: 1, b: 2, preference: 2 },
      { a: 1, b: 3, preference: 1 },
      { a: 2, b: 3, preference: -1 },
    ]);
    // Tiers 0 and 3 are three apart: capped at scale 2 and scale 1.
    expect(impliedPairs([[0], [1], [2], [3]], 2).find((p) => p.a === 0 && p.b === 3)?.preference).toBe(-2);
    expect(impliedPairs([[3], [2], [1], [0]], 1).map((p) => p.preference)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(impliedPairs([[0, 1, 2, 3, 4, 5, 6, 7, 8]], 3)).toHaveLength(36);
  });

  it("expands every judgment of an item into the same pair units", () => {
    const units = expandUnits([{ who: "x", p: 0 }, { who: "y", p: 0 }], [[[0], [1], [2]], [[2], [1], [0]]], 3, (j, pair) => ({ ...j, p: pair.preference }));
    expect(units).toEqual([
      { pair: [0, 1], judgments: [{ who: "x", p: -1 }, { who: "y", p: 1 }] },
      { pair: [0, 2], judgments: [{ who: "x", p: -2 }, { who: "y", p: 2 }] },
      { pair: [1, 2], judgments: [{ who: "x", p: -1 }, { who: "y", p: 1 }] },
    ]);
    expect(expandUnits([{ p: 2 }], null, 3, (j) => j)).toEqual([{ pair: null, judgments: [{ p: 2 }] }]);
  });
});

describe("ranking checks", () => {
  it("refuses what is not a ranking of K, and ties where the project has none", () => {
    expect(rankingProblem([[0], [2], [1]], 3)).toBeNull();
    expect(rankingProblem([[0], [1]], 3)).toBe("every response must be ranked: missing 2");
    expect(rankingProblem([[0], [1], [1]], 3)).toBe("index 1 appears more than once");
    expect(rankingProblem([[0], [1], [5]], 3)).toBe("index 5 is out of range: this item has 3 responses (0..2)");
    expect(rankingProblem([[0, 1], [2]], 3, { allowTies: false })).toBe("ties are not allowed in this project: one response per tier");
  });

  it("measures Kendall distance with ties as halves, and scores gold within 20% of the pairs", () => {
    expect(kendallDistance([[0], [1], [2], [3]], [[3], [2], [1], [0]])).toBe(6);
    expect(kendallDistance([[0], [1], [2], [3]], [[0, 1], [2], [3]])).toBe(0.5);
    const gold = [[0], [1], [2], [3]];
    expect(isGoldRankingMet([[1], [0], [2], [3]], gold)).toBe(true); // 1 of 6 ≤ 1.2
    expect(isGoldRankingMet([[1], [0], [3], [2]], gold)).toBe(false); // 2 of 6
    expect(isGoldRankingMet([[1], [0], [2]], [[0], [1], [2]])).toBe(false); // K = 3: exact only (0.6)
  });

  it("draws a permutation", () => {
    const order = randomDisplayOrder(9, seeded(5));
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
