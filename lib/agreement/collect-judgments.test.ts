import { describe, expect, it } from "vitest";
import { createJudgmentCollector } from "./collect-judgments";
import type { AgreementJudgment } from "./types";

const build = (judgments: AgreementJudgment[]) => {
  const collector = createJudgmentCollector();
  judgments.forEach((j) => collector.add(j));
  return collector.build();
};
const prefsOf = (t: ReturnType<typeof build>) => Array.from(t.preference);

describe("createJudgmentCollector", () => {
  it("groups judgments by item and maps ids to indexes", () => {
    const t = build([
      { itemId: "i1", annotator: "x", preference: -1 },
      { itemId: "i2", annotator: "x", preference: 2 },
      { itemId: "i1", annotator: "y", preference: 0 },
    ]);
    expect(t.itemIds).toEqual(["i1", "i2"]);
    expect(t.annotatorIds).toEqual(["x", "y"]);
    expect(Array.from(t.itemStart)).toEqual([0, 2, 3]);
    expect(prefsOf(t)).toEqual([-1, 0, 2]);
    expect(Array.from(t.choice)).toEqual([0, 1, 2]);
  });

  it("keeps the latest judgment per (item, annotator) by createdAt", () => {
    const t = build([
      { itemId: "i", annotator: "x", preference: 3, createdAt: "2026-01-03T00:00:00Z" },
      { itemId: "i", annotator: "x", preference: 1, createdAt: new Date("2026-01-05T00:00:00Z") },
      { itemId: "i", annotator: "x", preference: 2, createdAt: "2026-01-04T00:00:00Z" },
    ]);
    expect(prefsOf(t)).toEqual([1]);
  });

  it("falls back to input order, and ranks dated judgments after undated ones", () => {
    expect(prefsOf(build([
      { itemId: "i", annotator: "x", preference: 1 },
      { itemId: "i", annotator: "x", preference: 2 },
    ]))).toEqual([2]);
    expect(prefsOf(build([
      { itemId: "i", annotator: "x", preference: 1, createdAt: "2026-01-01T00:00:00Z" },
      { itemId: "i", annotator: "x", preference: 2, createdAt: null },
    ]))).toEqual([1]);
  });

  it("skips preferences that are not integers in range, and works with nothing", () => {
    const t = build([
      { itemId: "i", annotator: "x", preference: 1.5 },
      { itemId: "i", annotator: "y", preference: Number.NaN },
      { itemId: "i", annotator: "z", preference: 5000 },
    ]);
    expect(t.itemIds).toEqual([]);
    expect(build([]).preference.length).toBe(0);
  });

  it("grows past its initial capacity", () => {
    const many = Array.from({ length: 5000 }, (_, k) => ({ itemId: `i${k % 1700}`, annotator: `a${k % 3}`, preference: (k % 7) - 3 }));
    const t = build(many);
    expect(t.itemIds.length).toBe(1700);
    expect(t.preference.length).toBe(new Set(many.map((j) => `${j.itemId}|${j.annotator}`)).size);
  });
});
