import { describe, expect, it } from "vitest";
import { createJudgmentCollector } from "./collect-judgments";
import { fleissKappa, fleissKappaOfTable } from "./fleiss-kappa";

// Fleiss (1971), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses
// (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other);
// one string per patient, one digit per rating (as in R irr's `diagnoses`).
const fleiss1971 = [
  "444444", "222555", "233335", "555555", "222444", "113333", "333355", "113334", "114444", "555555",
  "144444", "124444", "222333", "144444", "224445", "333335", "111455", "111112", "224444", "133555",
  "555555", "244444", "224555", "114444", "144445", "222224", "111155", "224444", "133333", "555555",
];
const toCounts = (ratings: string) => [1, 2, 3, 4, 5].map((c) => [...ratings].filter((r) => Number(r) === c).length);

// Wikipedia, "Fleiss' kappa", worked example: 10 subjects × 14 raters × 5 categories.
const wikipedia = [
  [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
];

describe("fleissKappa", () => {
  it("reproduces Fleiss 1971 (κ = 0.430)", () => {
    expect(fleissKappa(fleiss1971.map(toCounts))).toBeCloseTo(0.43, 3);
  });

  it("reproduces the Wikipedia table (P̄ = 0.378, P̄e = 0.213, κ = 0.210)", () => {
    expect(fleissKappa(wikipedia)).toBeCloseTo(0.21, 3);
  });

  it("is null when subjects have different numbers of ratings, or one category only", () => {
    expect(fleissKappa([[2, 1], [1, 1]])).toBeNull();
    expect(fleissKappa([[3, 0], [3, 0]])).toBeNull();
    expect(fleissKappa([])).toBeNull();
  });

  it("is 1 for perfect agreement on more than one category", () => {
    expect(fleissKappa([[3, 0], [0, 3]])).toBe(1);
  });
});

describe("fleissKappaOfTable", () => {
  const table = (rows: Array<[string, string, number]>) => {
    const collector = createJudgmentCollector();
    for (const [itemId, annotator, preference] of rows) collector.add({ itemId, annotator, preference });
    return collector.build();
  };

  it("uses choices of items with n ≥ 2 and ignores single judgments", () => {
    const rows: Array<[string, string, number]> = [
      ["i1", "x", -2], ["i1", "y", -1], ["i2", "x", 1], ["i2", "y", -3], ["i3", "z", 2],
    ];
    // Items: (A, A) and (B, A) → counts [2,0,0], [1,0,1].
    expect(fleissKappaOfTable(table(rows))).toBeCloseTo(fleissKappa([[2, 0, 0], [1, 0, 1]])!, 12);
  });

  it("is null when items with n ≥ 2 differ in n", () => {
    expect(fleissKappaOfTable(table([["i1", "x", 1], ["i1", "y", 1], ["i2", "x", -1], ["i2", "y", 1], ["i2", "z", 0]]))).toBeNull();
  });
});
