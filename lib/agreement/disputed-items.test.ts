import { describe, expect, it } from "vitest";
import { createJudgmentCollector } from "./collect-judgments";
import { disputedItems } from "./disputed-items";

const table = (rows: Array<[string, string, number]>) => {
  const collector = createJudgmentCollector();
  for (const [itemId, annotator, preference] of rows) collector.add({ itemId, annotator, preference });
  return collector.build();
};

const rows: Array<[string, string, number]> = [
  ["calm", "x", 2], ["calm", "y", 2], // identical: not disputed
  ["strength", "x", 1], ["strength", "y", 3], // same side, variance 1
  ["split", "x", -3], ["split", "y", 3], // agreement 0, variance 9
  ["mild-split", "x", -1], ["mild-split", "y", 1], // agreement 0, variance 1
  ["three", "x", -1], ["three", "y", -1], ["three", "z", 2], // agreement 1/3
  ["alone", "x", -3],
];

describe("disputedItems", () => {
  it("orders by lowest agreement, then highest variance, and skips undisputed items", () => {
    const items = disputedItems(table(rows), 20);
    expect(items.map((i) => i.item_id)).toEqual(["split", "mild-split", "three", "strength"]);
    expect(items[0]).toEqual({ item_id: "split", n: 2, percent_agreement: 0, preferences: [-3, 3] });
    expect(items[2]).toMatchObject({ n: 3, preferences: [-1, -1, 2] });
    expect(items[2]!.percent_agreement).toBeCloseTo(1 / 3, 12);
  });

  it("keeps only the first `limit` items", () => {
    expect(disputedItems(table(rows), 2).map((i) => i.item_id)).toEqual(["split", "mild-split"]);
    expect(disputedItems(table(rows), 0)).toEqual([]);
  });

  it("breaks exact ties by item id", () => {
    const tied = disputedItems(table([["b", "x", -1], ["b", "y", 1], ["a", "x", 1], ["a", "y", -1]]), 5);
    expect(tied.map((i) => i.item_id)).toEqual(["a", "b"]);
  });
});
