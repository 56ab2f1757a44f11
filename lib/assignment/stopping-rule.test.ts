import { describe, expect, it } from "vitest";
import { directionOf, isFinished, stopReason, type StoppingRule } from "./stopping-rule";

const share: StoppingRule = { overlapMin: 2, overlapMax: 5, stopShare: 0.75, stopOn: "share" };
const bound: StoppingRule = { ...share, stopShare: 0.6, stopOn: "bound" };

describe("stopping rule", () => {
  it("never stops before k, always at K", () => {
    expect(stopReason({ a: 1, b: 0, tie: 0 }, share)).toBeNull();
    expect(stopReason({ a: 3, b: 2, tie: 0 }, share)).toBe("max");
    expect(stopReason({ a: 0, b: 0, tie: 0 }, { ...share, overlapMin: 0 })).toBeNull();
  });
  it("a ranking item is fixed-overlap: finished at K rankings, never earlier", () => {
    expect(stopReason({ a: 0, b: 0, tie: 0, ranked: 2 }, share)).toBeNull();
    expect(stopReason({ a: 0, b: 0, tie: 0, ranked: 4 }, share)).toBeNull();
    expect(stopReason({ a: 0, b: 0, tie: 0, ranked: 5 }, share)).toBe("max");
    expect(stopReason({ a: 0, b: 0, tie: 0, ranked: 3 }, { ...share, overlapMin: 3, overlapMax: 3 })).toBe("max");
  });
  it("stops on a unanimous direction at k, ties included", () => {
    expect(stopReason({ a: 2, b: 0, tie: 0 }, share)).toBe("unanimous");
    expect(stopReason({ a: 0, b: 0, tie: 2 }, share)).toBe("unanimous");
    expect(stopReason({ a: 1, b: 1, tie: 0 }, share)).toBeNull();
  });
  it("stops when the majority share reaches the threshold", () => {
    // A fixed sequence: B, A, B, B → open at 2 (1–1) and 3 (2/3 < 0.75), finished at 4 (3/4).
    const seq = [1, -2, 2, 1];
    const votes = { a: 0, b: 0, tie: 0 };
    const finished = seq.map((p) => {
      votes[directionOf(p)] += 1;
      return isFinished(votes, share);
    });
    expect(finished).toEqual([false, false, false, true]);
  });
  it("the bound rule needs more evidence than the share", () => {
    // 3 of 4: share 0.75 ≥ 0.6, but the lower 90% Wilson bound is ≈ 0.36.
    expect(stopReason({ a: 1, b: 3, tie: 0 }, bound)).toBeNull();
    expect(stopReason({ a: 1, b: 3, tie: 0 }, { ...bound, stopOn: "share" })).toBe("share");
    // 9 of 10 with K = 20: lower bound ≈ 0.65 ≥ 0.6.
    expect(stopReason({ a: 1, b: 9, tie: 0 }, { ...bound, overlapMax: 20 })).toBe("bound");
    expect(stopReason({ a: 2, b: 8, tie: 0 }, { ...bound, overlapMax: 20 })).toBeNull();
  });
  it("a fixed overlap is k = K", () => {
    const fixed: StoppingRule = { overlapMin: 3, overlapMax: 3, stopShare: 1, stopOn: "share" };
    expect(isFinished({ a: 2, b: 0, tie: 0 }, fixed)).toBe(false);
    expect(isFinished({ a: 2, b: 1, tie: 0 }, fixed)).toBe(true);
  });
});
