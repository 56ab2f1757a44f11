import { describe, expect, it } from "vitest";
import { isItemComplete, summarizeItemHistogram } from "./item-histogram";

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
