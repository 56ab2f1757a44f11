import { describe, expect, it } from "vitest";
import { judgedNoun, pairsLeft, progressText } from "./progress-text";

const start = { available: 5, skipped: 0, limit: 1000 };

describe("progress text", () => {
  it("calls them pairs in a project of pairs and items once it has ranking items", () => {
    expect([judgedNoun(false, 1), judgedNoun(false, 0), judgedNoun(false, 3)]).toEqual(["pair", "pairs", "pairs"]);
    expect([judgedNoun(true, 1), judgedNoun(true, 2), judgedNoun(true)]).toEqual(["item", "items", "items"]);
  });
  it("says what is left, then done, naming the skips", () => {
    expect(progressText({ left: 3, skipped: 1 })).toBe("3 left for you");
    expect(progressText({ left: 1000, skipped: 0, capped: true })).toBe("1,000+ left for you");
    expect(progressText({ left: 0, skipped: 1 })).toBe("done — 1 skipped");
    expect(progressText({ left: 0, skipped: 0 })).toBe("done");
  });
});

describe("pairsLeft", () => {
  it("counts down from what was available at load with each judgment and skip", () => {
    expect(pairsLeft({ start, judged: 0, skipped: 0, exhausted: false, held: 2 })).toEqual({ left: 5, capped: false });
    expect(pairsLeft({ start, judged: 2, skipped: 1, exhausted: false, held: 2 })).toEqual({ left: 2, capped: false });
  });

  it("never says fewer than the pairs on screen, and only those once the server has nothing more", () => {
    // Others filled items meanwhile: the screen still holds two.
    expect(pairsLeft({ start, judged: 4, skipped: 1, exhausted: false, held: 2 }).left).toBe(2);
    expect(pairsLeft({ start, judged: 1, skipped: 0, exhausted: true, held: 1 }).left).toBe(1);
    expect(pairsLeft({ start, judged: 1, skipped: 0, exhausted: true, held: 0 }).left).toBe(0);
  });

  it("marks a count that reached the cap as at least that many", () => {
    expect(pairsLeft({ start: { available: 1000, skipped: 0, limit: 1000 }, judged: 3, skipped: 0, exhausted: false, held: 2 })).toEqual({
      left: 997,
      capped: true,
    });
  });
});
