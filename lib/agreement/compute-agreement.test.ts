import { describe, expect, it } from "vitest";
import { createSeededRng } from "@/lib/ranking/bradley-terry";
import { computeAgreement } from "./compute-agreement";
import type { AgreementJudgment, AgreementResult } from "./types";

const KEYS = [
  "items", "annotators", "judgments", "percent_agreement", "mean_cohen_kappa", "fleiss_kappa",
  "krippendorff_alpha_nominal", "krippendorff_alpha_ordinal", "krippendorff_alpha_interval", "pairs",
  "per_annotator", "preference_distribution", "tie_rate", "disputed_items", "items_with_multiple_judgments",
];

/** Deep equality with float tolerance: summation order may move the last bits. */
function expectClose(actual: unknown, expected: unknown, path = "result"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(actual, path).toBeCloseTo(expected, 10);
  } else if (Array.isArray(expected)) {
    expect(actual, path).toHaveLength(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
  } else if (expected !== null && typeof expected === "object") {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

/** 80 items, 6 annotators, 2–4 judgments each, correlated preferences on a 7-point scale. */
function randomJudgments(seed: number): AgreementJudgment[] {
  const rng = createSeededRng(seed);
  const out: AgreementJudgment[] = [];
  for (let i = 0; i < 80; i++) {
    const truth = Math.floor(rng() * 7) - 3;
    const n = 2 + Math.floor(rng() * 3);
    const first = Math.floor(rng() * 6);
    for (let k = 0; k < n; k++) {
      const noise = rng() < 0.6 ? 0 : Math.floor(rng() * 5) - 2;
      out.push({
        itemId: `item-${i}`,
        annotator: `ann-${(first + k) % 6}`,
        preference: Math.max(-3, Math.min(3, truth + noise)),
        shownSwapped: rng() < 0.1 ? null : rng() < 0.5,
        durationMs: rng() < 0.1 ? null : Math.round(1000 + rng() * 9000),
        createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(rng() * 1e9)),
      });
    }
  }
  return out;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rng = createSeededRng(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe("computeAgreement", () => {
  it("works on empty input, with exactly the contract's keys", () => {
    const result = computeAgreement([], { scale: 3 });
    expect(Object.keys(result).sort()).toEqual([...KEYS].sort());
    expect(result).toMatchObject({
      items: 0, annotators: 0, judgments: 0, percent_agreement: null, mean_cohen_kappa: null, fleiss_kappa: null,
      krippendorff_alpha_nominal: null, krippendorff_alpha_ordinal: null, krippendorff_alpha_interval: null,
      pairs: [], per_annotator: [], tie_rate: null, disputed_items: [], items_with_multiple_judgments: 0,
    });
    expect(result.preference_distribution).toEqual({ "-3": 0, "-2": 0, "-1": 0, "0": 0, "1": 0, "2": 0, "3": 0 });
  });

  it("counts a small hand-made set", () => {
    const judgments = [
      { itemId: "i1", annotator: "x", preference: -2 },
      { itemId: "i1", annotator: "y", preference: -1 },
      { itemId: "i2", annotator: "x", preference: 0 },
      { itemId: "i2", annotator: "y", preference: 3 },
      { itemId: "i3", annotator: "z", preference: 3 },
    ];
    const result = computeAgreement(judgments, { scale: 3 });
    expect(result).toMatchObject({ items: 3, annotators: 3, judgments: 5, items_with_multiple_judgments: 2, tie_rate: 0.2 });
    expect(result.percent_agreement).toBe(0.5);
    expect(result.preference_distribution).toEqual({ "-3": 0, "-2": 1, "-1": 1, "0": 1, "1": 0, "2": 0, "3": 2 });
    // x: A, tie; y: A, B → p_o = 1/2, p_e = 1/4, κ = 1/3.
    expect(result.pairs).toHaveLength(1);
    expect(result.pairs[0]).toMatchObject({ a: "x", b: "y", n: 2 });
    expect(result.pairs[0]!.cohen_kappa).toBeCloseTo(1 / 3, 12);
    expect(result.mean_cohen_kappa).toBeNull(); // the only pair shares 2 < 10 items
    expect(computeAgreement(judgments, { scale: 3, minPairItems: 2 }).mean_cohen_kappa).toBeCloseTo(1 / 3, 12);
  });

  it("gives 1 for perfect agreement", () => {
    const judgments = Array.from({ length: 30 }, (_, i) =>
      ["x", "y", "z"].map((annotator) => ({ itemId: `i${i}`, annotator, preference: (i % 7) - 3 })),
    ).flat();
    const result = computeAgreement(judgments, { scale: 3 });
    for (const key of ["percent_agreement", "mean_cohen_kappa", "fleiss_kappa", "krippendorff_alpha_nominal", "krippendorff_alpha_ordinal", "krippendorff_alpha_interval"] as const) {
      expect(result[key], key).toBe(1);
    }
    expect(result.per_annotator.every((a) => a.majority_agreement === 1)).toBe(true);
    expect(result.disputed_items).toEqual([]);
  });

  it("gives null κ and α for a constant label (zero expected disagreement)", () => {
    const judgments = Array.from({ length: 20 }, (_, i) => [
      { itemId: `i${i}`, annotator: "x", preference: 2 },
      { itemId: `i${i}`, annotator: "y", preference: 2 },
    ]).flat();
    const result = computeAgreement(judgments, { scale: 3 });
    expect(result.percent_agreement).toBe(1);
    expect(result.mean_cohen_kappa).toBeNull();
    expect(result.pairs[0]!.cohen_kappa).toBeNull();
    expect(result.fleiss_kappa).toBeNull();
    expect(result.krippendorff_alpha_nominal).toBeNull();
    expect(result.krippendorff_alpha_ordinal).toBeNull();
    expect(result.krippendorff_alpha_interval).toBeNull();
  });

  it("gives null Fleiss' κ when items have different numbers of judgments", () => {
    const result = computeAgreement(randomJudgments(1), { scale: 3 });
    expect(result.fleiss_kappa).toBeNull();
    expect(result.krippendorff_alpha_nominal).not.toBeNull();
  });

  it("does not depend on input order", () => {
    const judgments = randomJudgments(2);
    expectClose(computeAgreement(shuffled(judgments, 7), { scale: 3 }), computeAgreement(judgments, { scale: 3 }));
  });

  it("is unchanged by swapping A and B (negated preferences, flipped sides)", () => {
    const judgments = randomJudgments(3);
    const swapped = judgments.map((j) => ({ ...j, preference: -j.preference, shownSwapped: j.shownSwapped == null ? j.shownSwapped : !j.shownSwapped }));
    const before = computeAgreement(judgments, { scale: 3 });
    const after = computeAgreement(swapped, { scale: 3 });
    // Only the direction-carrying descriptions mirror; every agreement figure stays.
    const mirrored: AgreementResult = {
      ...before,
      per_annotator: before.per_annotator.map((a) => ({ ...a, mean_preference: a.mean_preference === null ? null : -a.mean_preference })),
      preference_distribution: Object.fromEntries(Object.entries(before.preference_distribution).map(([v, n]) => [String(-Number(v)), n])),
      disputed_items: before.disputed_items.map((d) => ({ ...d, preferences: d.preferences.map((p) => -p).sort((x, y) => x - y) })),
    };
    expectClose(after, mirrored);
    expect(before.krippendorff_alpha_interval).not.toBeNull();
  });

  it("keeps only the latest judgment per (item, annotator)", () => {
    const judgments = randomJudgments(4);
    const stale = judgments.filter((_, k) => k % 3 === 0).map((j) => ({ ...j, preference: -j.preference, createdAt: new Date(Date.UTC(2025, 0, 1)) }));
    const result = computeAgreement(shuffled([...judgments, ...stale], 9), { scale: 3 });
    expectClose(result, computeAgreement(judgments, { scale: 3 }));
    expect(result.judgments).toBe(judgments.length);
  });

  it("widens the distribution for values beyond the scale instead of throwing", () => {
    const result = computeAgreement([{ itemId: "i", annotator: "x", preference: 4 }], { scale: Number.NaN });
    expect(Object.keys(result.preference_distribution)).toHaveLength(9);
    expect(result.preference_distribution["4"]).toBe(1);
  });
});
