import { describe, expect, it } from "vitest";
import { annotatorPairs, cohenKappa, cohenKappaOfLabels, meanCohenKappa } from "./cohen-kappa";
import { createJudgmentCollector } from "./collect-judgments";

const table = (rows: Array<[string, string, number]>) => {
  const collector = createJudgmentCollector();
  for (const [itemId, annotator, preference] of rows) collector.add({ itemId, annotator, preference });
  return collector.build();
};

describe("cohenKappa", () => {
  it("matches a hand-worked 2×2 table", () => {
    // 50 items: both yes 20, yes/no 5, no/yes 10, both no 15.
    // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5 = 0.4.
    expect(cohenKappa([20, 5, 10, 15], 2)).toBeCloseTo(0.4, 12);
  });

  it("matches a hand-worked 3×3 case from labels", () => {
    // Labels (A=0, tie=1, B=2): p_o = 4/6; rater 1 marginals 2,1,3; rater 2 marginals 4,0,2.
    // p_e = (2·4 + 1·0 + 3·2) / 36 = 14/36; κ = (24/36 − 14/36) / (22/36) = 10/22.
    expect(cohenKappaOfLabels([0, 0, 1, 2, 2, 2], [0, 0, 0, 2, 2, 0], 3)).toBeCloseTo(10 / 22, 12);
  });

  it("is 1 for perfect agreement and null when both raters use one label", () => {
    expect(cohenKappaOfLabels([0, 2, 2], [0, 2, 2], 3)).toBe(1);
    expect(cohenKappaOfLabels([2, 2], [2, 2], 3)).toBeNull();
    expect(cohenKappa([0, 0, 0, 0], 2)).toBeNull();
  });
});

describe("annotatorPairs", () => {
  it("lists every pair sharing an item, named and sorted alphabetically", () => {
    const pairs = annotatorPairs(
      table([
        ["i1", "zed", -1], ["i1", "amy", -2], ["i1", "bob", 1],
        ["i2", "zed", 1], ["i2", "amy", 2],
        ["i3", "bob", 0],
      ]),
    );
    expect(pairs.map(({ a, b, n }) => [a, b, n])).toEqual([
      ["amy", "bob", 1],
      ["amy", "zed", 2],
      ["bob", "zed", 1],
    ]);
    // amy/zed agree on both items with two labels used → κ = 1.
    expect(pairs[1]!.cohen_kappa).toBe(1);
  });

  it("orients each pair's table consistently whatever the input order", () => {
    const rows: Array<[string, string, number]> = [];
    const x = [-1, -1, 0, 1, 1, 1, -1, 0, 1, -1, 1, 1];
    const y = [-1, 0, 0, 1, -1, 1, -1, -1, 1, 1, 1, 0];
    x.forEach((v, i) => (i % 2 ? rows.push(["i" + i, "x", v], ["i" + i, "y", y[i]!]) : rows.push(["i" + i, "y", y[i]!], ["i" + i, "x", v])));
    const expected = cohenKappaOfLabels(x.map((v) => v + 1), y.map((v) => v + 1), 3);
    expect(annotatorPairs(table(rows))[0]!.cohen_kappa).toBeCloseTo(expected!, 12);
  });
});

describe("meanCohenKappa", () => {
  it("averages pairs with enough shared items and a defined κ", () => {
    const pairs = [
      { a: "a", b: "b", n: 10, cohen_kappa: 0.5 },
      { a: "a", b: "c", n: 12, cohen_kappa: 0.7 },
      { a: "b", b: "c", n: 9, cohen_kappa: 0.1 },
      { a: "c", b: "d", n: 30, cohen_kappa: null },
    ];
    expect(meanCohenKappa(pairs, 10)).toBeCloseTo(0.6, 12);
    expect(meanCohenKappa(pairs, 100)).toBeNull();
  });
});
