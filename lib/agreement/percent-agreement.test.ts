import { describe, expect, it } from "vitest";
import { createJudgmentCollector } from "./collect-judgments";
import { itemPercentAgreement, percentAgreement } from "./percent-agreement";

const table = (rows: Array<[string, string, number]>) => {
  const collector = createJudgmentCollector();
  for (const [itemId, annotator, preference] of rows) collector.add({ itemId, annotator, preference });
  return collector.build();
};

describe("itemPercentAgreement", () => {
  it("counts equal ordered pairs", () => {
    expect(itemPercentAgreement(2, 0, 1)).toBeCloseTo(2 / 6, 12); // A A B: 2 of 6 ordered pairs
    expect(itemPercentAgreement(2, 1, 1)).toBeCloseTo(2 / 12, 12);
    expect(itemPercentAgreement(0, 3, 0)).toBe(1);
    expect(itemPercentAgreement(1, 0, 0)).toBeNull();
  });
});

describe("percentAgreement", () => {
  it("is the mean over items with n ≥ 2, by choice not strength", () => {
    const rows: Array<[string, string, number]> = [
      ["i1", "x", -3], ["i1", "y", -1], ["i1", "z", 2], // A A B → 1/3
      ["i2", "x", 1], ["i2", "y", 3], // B B → 1
      ["i3", "x", 0], // single: left out
    ];
    expect(percentAgreement(table(rows))).toBeCloseTo((1 / 3 + 1) / 2, 12);
  });

  it("is null without items judged twice", () => {
    expect(percentAgreement(table([["i1", "x", 1], ["i2", "x", 1]]))).toBeNull();
    expect(percentAgreement(table([]))).toBeNull();
  });
});
