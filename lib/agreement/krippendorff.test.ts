import { describe, expect, it } from "vitest";
import { createJudgmentCollector } from "./collect-judgments";
import { alphaFromCoincidences, krippendorffAlpha, krippendorffAlphas } from "./krippendorff";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E:
// 4 observers × 12 units with missing values (unit 12 has a single value).
const _ = null;
const observers = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
const units = observers[0]!.map((__, u) => observers.map((row) => row[u]));

describe("krippendorffAlpha", () => {
  it("reproduces Krippendorff 2011's worked example", () => {
    expect(krippendorffAlpha(units, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(units, "interval")).toBeCloseTo(0.849, 3);
  });

  it("is 1 for perfect agreement", () => {
    const perfect = [[1, 1, 1], [2, 2], [3, 3, _]];
    for (const level of ["nominal", "ordinal", "interval"] as const) expect(krippendorffAlpha(perfect, level)).toBe(1);
  });

  it("is null without expected disagreement or pairable values", () => {
    expect(krippendorffAlpha([[2, 2], [2, 2, 2]], "nominal")).toBeNull();
    expect(krippendorffAlpha([[1], [2], [3, _]], "interval")).toBeNull();
    expect(krippendorffAlpha([], "ordinal")).toBeNull();
  });

  it("ordinal depends on the order of values, not their spacing", () => {
    const spaced = units.map((unit) => unit.map((v) => (v == null ? v : v ** 3)));
    expect(krippendorffAlpha(spaced, "ordinal")).toBeCloseTo(krippendorffAlpha(units, "ordinal")!, 12);
    expect(krippendorffAlpha(spaced, "interval")).not.toBeCloseTo(krippendorffAlpha(units, "interval")!, 3);
  });

  it("matches a hand-built coincidence matrix", () => {
    // Two units (1,2) and (1,1): o = [[2,1],[1,0]], n = 4; D_o ∝ 2, D_e ∝ 2·3·1 → α = 1 − 3·2/6 = 0.
    expect(alphaFromCoincidences([2, 1, 1, 0], [1, 2], "nominal")).toBeCloseTo(0, 12);
  });
});

describe("krippendorffAlphas on a judgment table", () => {
  it("gives the paper's ordinal and interval values on preferences", () => {
    const collector = createJudgmentCollector();
    observers.forEach((row, o) =>
      row.forEach((v, u) => {
        if (v != null) collector.add({ itemId: `u${u}`, annotator: `o${o}`, preference: v - 3 });
      }),
    );
    const alphas = krippendorffAlphas(collector.build());
    expect(alphas.ordinal).toBeCloseTo(0.815, 3);
    expect(alphas.interval).toBeCloseTo(0.849, 3);
    // Nominal is on choices: values −2..2 collapse to A / tie / B.
    const choices = units.map((unit) => unit.map((v) => (v == null ? v : Math.sign(v - 3))));
    expect(alphas.nominal).toBeCloseTo(krippendorffAlpha(choices, "nominal")!, 12);
  });
});
