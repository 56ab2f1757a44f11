import { describe, expect, it } from "vitest";
import {
  completeTiers,
  describeTiers,
  emptyRank,
  fromItemRanking,
  moveBy,
  moveTo,
  ordinal,
  place,
  placedCount,
  rankingChoiceCode,
  tierIndexOf,
  toItemRanking,
  toggleTie,
  undoStep,
  type RankState,
} from "./ranking-steps";

const K = 4;
const placeAll = (positions: number[], state: RankState = emptyRank) => positions.reduce((s, p) => place(s, p, K), state);

describe("ranking steps", () => {
  it("places responses best first and ignores repeats and out-of-range positions", () => {
    let s = placeAll([2, 0]);
    expect(s.tiers).toEqual([[2], [0]]);
    expect(place(s, 2, K)).toBe(s);
    expect(place(s, 4, K)).toBe(s);
    expect(place(s, -1, K)).toBe(s);
    s = place(s, 3, K);
    expect(tierIndexOf(s, 3)).toBe(2);
    expect(tierIndexOf(s, 1)).toBeNull();
    expect(placedCount(s)).toBe(3);
  });

  it("undoes one step at a time, back to empty", () => {
    const s = placeAll([2, 0, 3]);
    expect(undoStep(s).tiers).toEqual([[2], [0]]);
    expect(undoStep(undoStep(undoStep(s))).tiers).toEqual([]);
    expect(undoStep(emptyRank)).toBe(emptyRank);
  });

  it("the tie key puts the next response in the previous tier, and Backspace first disarms it", () => {
    let s = placeAll([1]);
    expect(toggleTie(emptyRank, K)).toBe(emptyRank);
    s = toggleTie(s, K);
    expect(s.tiePending).toBe(true);
    expect(undoStep(s).tiePending).toBe(false);
    expect(undoStep(s).tiers).toEqual([[1]]);
    s = place(s, 3, K);
    expect(s.tiers).toEqual([[1, 3]]);
    expect(s.tiePending).toBe(false);
    s = place(s, 0, K);
    expect(s.tiers).toEqual([[1, 3], [0]]);
    expect(undoStep(undoStep(s)).tiers).toEqual([[1]]);
  });

  it("no tie once all are placed", () => {
    const s = placeAll([0, 1, 2, 3]);
    expect(toggleTie(s, K)).toBe(s);
  });

  it("completes with all K, or with K−1 when the last one goes last", () => {
    expect(completeTiers(placeAll([2, 0]), K)).toBeNull();
    expect(completeTiers(placeAll([2, 0, 3]), K)).toEqual([[2], [0], [3], [1]]);
    expect(completeTiers(placeAll([2, 0, 3, 1]), K)).toEqual([[2], [0], [3], [1]]);
    const tied = place(toggleTie(placeAll([2, 0, 3]), K), 1, K);
    expect(completeTiers(tied, K)).toEqual([[2], [0], [3, 1]]);
  });

  it("moves by drag: the response alone at the target tier, out of its tie", () => {
    const s = place(toggleTie(placeAll([0, 1]), K), 2, K); // 1 > 2 = 3
    expect(moveTo(s, 2, 0).tiers).toEqual([[2], [0], [1]]);
    expect(moveTo(s, 0, 5).tiers).toEqual([[1, 2], [0]]);
    expect(moveTo(s, 3, 0)).toBe(s); // not placed
    expect(undoStep(moveTo(s, 2, 0)).tiers).toEqual(s.tiers);
  });

  it("moves by one with the buttons: swaps tiers, or steps out of a tie", () => {
    const s = placeAll([0, 1, 2]);
    expect(moveBy(s, 1, -1).tiers).toEqual([[1], [0], [2]]);
    expect(moveBy(s, 0, -1)).toBe(s);
    expect(moveBy(s, 2, 1)).toBe(s);
    const tied = place(toggleTie(placeAll([0]), K), 1, K); // 1 = 2
    expect(moveBy(tied, 1, -1).tiers).toEqual([[1], [0]]);
    expect(moveBy(tied, 1, 1).tiers).toEqual([[0], [1]]);
  });

  it("converts display positions to item indices and back", () => {
    // Display order: position 0 shows item response 2, 1 -> 0, 2 -> 3, 3 -> 1.
    const indexOf = [2, 0, 3, 1];
    const tiers = [[2], [0, 3], [1]];
    const ranking = toItemRanking(tiers, indexOf);
    expect(ranking).toEqual([[3], [2, 1], [0]]);
    const restored = fromItemRanking(ranking, indexOf);
    expect(restored.tiers).toEqual(tiers);
    // Backspace peels a restored ranking from the worst end, one response at a time.
    expect(undoStep(restored).tiers).toEqual([[2], [0, 3]]);
    expect(undoStep(undoStep(restored)).tiers).toEqual([[2], [0]]);
    expect(undoStep(undoStep(undoStep(undoStep(restored)))).tiers).toEqual([]);
    expect(() => toItemRanking([[4]], indexOf)).toThrow(/position 5/);
  });

  it("describes and numbers ranks as people read them", () => {
    expect(describeTiers([[2], [0, 3], [1]])).toBe("3 > 1 = 4 > 2");
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]);
  });

  it("gives a complete ranking one choice code, and none before", () => {
    expect(rankingChoiceCode(placeAll([2, 0]), K)).toBeNull();
    const a = rankingChoiceCode(placeAll([2, 0, 3]), K);
    expect(a).toBe(rankingChoiceCode(placeAll([2, 0, 3, 1]), K));
    expect(a).not.toBe(rankingChoiceCode(placeAll([0, 2, 3]), K));
    expect(a).not.toBe(rankingChoiceCode(place(toggleTie(placeAll([2, 0]), K), 3, K), K));
  });
});
