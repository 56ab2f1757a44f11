import { describe, expect, it } from "vitest";
import type { ModelRating } from "./bradley-terry";
import { adjacentSeparation, comparisonsToSeparate } from "./separation";

const rating = (model: string, score: number, ci_low: number | null, ci_high: number | null): ModelRating => ({ model, score, ci_low, ci_high, comparisons: 0, wins: 0, losses: 0, ties: 0 });

describe("comparisonsToSeparate", () => {
  it("works the formula on worked numbers", () => {
    // 59 points of 100: p = 60/102 = 0.5882; 1.96²·p(1−p)/(p−0.5)² = 3.8415·0.24221/0.0077855 = 119.5 → 120 needed, 20 more.
    expect(comparisonsToSeparate(59, 100)).toBe(20);
    // 3 of 3: p = 4/5 = 0.8; 3.8415·0.16/0.09 = 6.83 → 7 needed, 4 more.
    expect(comparisonsToSeparate(3, 3)).toBe(4);
    // Far past the line: none more.
    expect(comparisonsToSeparate(90, 100)).toBe(0);
    // An even split (smoothed 50%) or nothing compared: no estimate.
    expect(comparisonsToSeparate(5, 10)).toBeNull();
    expect(comparisonsToSeparate(0, 0)).toBeNull();
  });
});

describe("adjacentSeparation", () => {
  it("says which adjacent pairs separate and how many more comparisons the others need", () => {
    const models = [rating("x", 1100, 1060, 1140), rating("y", 1000, 950, 1050), rating("z", 980, 930, 1030)];
    const pairs = [
      { a: "x", b: "y", comparisons: 40, a_wins: 30, b_wins: 10, ties: 0 },
      { a: "y", b: "z", comparisons: 100, a_wins: 55, b_wins: 41, ties: 8 },
    ];
    expect(adjacentSeparation(models, pairs)).toEqual([
      { higher: "x", lower: "y", separated: true, comparisons: 40, higher_share: 0.75, more_needed: 0 },
      { higher: "y", lower: "z", separated: false, comparisons: 100, higher_share: 0.59, more_needed: 20 },
    ]);
    // Never compared directly: no estimate.
    expect(adjacentSeparation([rating("p", 1010, 900, 1100), rating("q", 990, 900, 1100)], [])[0]).toMatchObject({ separated: false, comparisons: 0, higher_share: null, more_needed: null });
  });
});
