import { describe, expect, it } from "vitest";
import { isItemComplete, summarizeItemHistogram } from "./item-histogram";
import { weightedMedian } from "./weighted-median";

describe("summarizeItemHistogram", () => {
  it("derives items, complete, judgments and wanted for any overlap", () => {
    const bins = [
      { judgmentCount: 0, items: 4 },
      { judgmentCount: 2, items: 3 },
      { judgmentCount: 3, items: 2 },
      { judgmentCount: 5, items: 1 },
    ];
    expect(summarizeItemHistogram(bins, 3)).toEqual({ items: 10, items_complete: 3, judgments: 17, wanted: 30 });
    expect(summarizeItemHistogram(bins, 2)).toEqual({ items: 10, items_complete: 6, judgments: 17, wanted: 20 });
    expect(summarizeItemHistogram([], 3)).toEqual({ items: 0, items_complete: 0, judgments: 0, wanted: 0 });
    expect(isItemComplete(3, 3)).toBe(true);
    expect(isItemComplete(2, 3)).toBe(false);
  });
});

describe("weightedMedian", () => {
  it("matches percentile_cont(0.5) over the expanded values, in any order", () => {
    expect(weightedMedian([])).toBeNull();
    expect(weightedMedian([{ value: 7, count: 0 }])).toBeNull();
    expect(weightedMedian([{ value: 20, count: 1 }, { value: 10, count: 1 }, { value: 60, count: 1 }])).toBe(20);
    expect(weightedMedian([{ value: 20, count: 1 }, { value: 10, count: 1 }])).toBe(15);
    expect(weightedMedian([{ value: 10, count: 3 }, { value: 20, count: 1 }])).toBe(10);
    expect(weightedMedian([{ value: 30, count: 2 }, { value: 10, count: 2 }])).toBe(20);
    expect(weightedMedian([{ value: 5, count: 1 }, { value: 9, count: 4 }, { value: 1, count: 2 }])).toBe(9);
  });
});
