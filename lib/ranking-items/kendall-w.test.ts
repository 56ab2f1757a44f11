import { describe, expect, it } from "vitest";
import { kendallW, midRanks, rankingAgreement } from "./kendall-w";

describe("Kendall's W", () => {
  it("matches a worked example without ties", () => {
    // m = 3 annotators rank n = 4 responses (indices 0..3):
    //   r1: 0 > 1 > 2 > 3  → ranks (1, 2, 3, 4)
    //   r2: 0 > 2 > 1 > 3  → ranks (1, 3, 2, 4)
    //   r3: 1 > 0 > 2 > 3  → ranks (2, 1, 3, 4)
    // Rank sums R = (4, 6, 8, 12); mean m(n+1)/2 = 7.5;
    // S = 3.5² + 1.5² + 0.5² + 4.5² = 12.25 + 2.25 + 0.25 + 20.25 = 35;
    // W = 12·35 / (3²·(4³ − 4)) = 420 / 540 = 7/9.
    expect(kendallW([[[0], [1], [2], [3]], [[0], [2], [1], [3]], [[1], [0], [2], [3]]])).toBeCloseTo(7 / 9, 12);
  });

  it("matches a worked example with a tie (the tie correction)", () => {
    // m = 2, n = 4. r1: {0, 1} tied first, then 2, then 3 → mid-ranks (1.5, 1.5, 3, 4); r2: 0 > 1 > 2 > 3 → (1, 2, 3, 4).
    // R = (2.5, 3.5, 6, 8); mean 2·5/2 = 5; S = 2.5² + 1.5² + 1² + 3² = 18.5.
    // Ties: r1 has one group of t = 2 → T = 2³ − 2 = 6.
    // W = 12·18.5 / (2²·60 − 2·6) = 222 / 228 = 37/38 (without the correction it would be 222/240).
    expect(kendallW([[[0, 1], [2], [3]], [[0], [1], [2], [3]]])).toBeCloseTo(37 / 38, 12);
    expect(midRanks([[2], [0, 1, 3]])).toEqual(new Map([[2, 1], [0, 3], [1, 3], [3, 3]]));
  });

  it("is 1 for identical rankings, 0 for opposite pairs, null when undefined", () => {
    expect(kendallW([[[2], [0], [1]], [[2], [0], [1]], [[2], [0], [1]]])).toBe(1);
    expect(kendallW([[[0], [1], [2]], [[2], [1], [0]]])).toBe(0);
    expect(kendallW([[[0], [1], [2]]])).toBeNull();
    expect(kendallW([[[0, 1, 2]], [[0, 1, 2]]])).toBeNull();
  });

  it("summarizes a project's items, with α ordinal over the implied pairs", () => {
    const agree = [[0], [1], [2]];
    const result = rankingAgreement(
      [
        { itemId: "r-1", rankings: [agree, agree] },
        { itemId: "r-2", rankings: [[[0], [1], [2]], [[2], [1], [0]]] },
        { itemId: "r-3", rankings: [agree] },
      ],
      3,
    );
    expect(result).toMatchObject({ items: 2, rankings: 4, mean_kendall_w: 0.5 });
    expect(result.per_item).toEqual([
      { item_id: "r-2", n_rankings: 2, kendall_w: 0 },
      { item_id: "r-1", n_rankings: 2, kendall_w: 1 },
    ]);
    // Units: r-1's pairs agree (−1,−1), (−2,−2), (−1,−1); r-2's are opposite (−1,1), (−2,2), (−1,1): α is below 0.5.
    expect(result.alpha_ordinal_implied_pairs).not.toBeNull();
    expect(result.alpha_ordinal_implied_pairs!).toBeLessThan(0.5);
    const perfect = rankingAgreement([{ itemId: "a", rankings: [agree, agree] }, { itemId: "b", rankings: [[[2], [1], [0]], [[2], [1], [0]]] }], 3);
    expect(perfect.alpha_ordinal_implied_pairs).toBe(1);
  });
});
