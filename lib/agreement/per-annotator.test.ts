import { describe, expect, it } from "vitest";
import { createJudgmentCollector } from "./collect-judgments";
import { perAnnotator, uniqueMajority } from "./per-annotator";
import type { AgreementJudgment } from "./types";

const table = (judgments: AgreementJudgment[]) => {
  const collector = createJudgmentCollector();
  judgments.forEach((j) => collector.add(j));
  return collector.build();
};
const j = (itemId: string, annotator: string, preference: number, extra: Partial<AgreementJudgment> = {}): AgreementJudgment => ({
  itemId,
  annotator,
  preference,
  ...extra,
});

describe("uniqueMajority", () => {
  it("returns the most frequent choice only when it is unique", () => {
    expect(uniqueMajority(2, 0, 1)).toBe(0);
    expect(uniqueMajority(1, 2, 1)).toBe(1);
    expect(uniqueMajority(0, 0, 1)).toBe(2);
    expect(uniqueMajority(1, 0, 1)).toBe(-1);
    expect(uniqueMajority(0, 0, 0)).toBe(-1);
  });
});

describe("perAnnotator", () => {
  it("compares each judgment with the other annotators' majority", () => {
    const rows = perAnnotator(
      table([
        // i1: x says A; others (y, z) say A, A → x agrees. y: others x A, z A → agrees.
        j("i1", "x", -1), j("i1", "y", -2), j("i1", "z", -1),
        // i2: x says B; others y A, z A → x disagrees; y: others x B, z A → no majority, skipped.
        j("i2", "x", 2), j("i2", "y", -1), j("i2", "z", -3),
        // i3: judged by x alone → no others, skipped.
        j("i3", "x", 0),
      ]),
    );
    const byName = Object.fromEntries(rows.map((r) => [r.annotator, r]));
    expect(byName.x!.majority_agreement).toBe(0.5);
    expect(byName.y!.majority_agreement).toBe(1);
    expect(byName.z!.majority_agreement).toBe(1); // i1: x A, y A → A ✓; i2: x B, y A → skipped
    expect(byName.x!.judgments).toBe(3);
    expect(byName.x!.tie_rate).toBeCloseTo(1 / 3, 12);
    expect(byName.x!.mean_preference).toBeCloseTo(1 / 3, 12);
    expect(rows.map((r) => r.annotator)).toEqual(["x", "y", "z"]);
  });

  it("measures side bias on the response shown left, leaving out ties and unknown sides", () => {
    const [row] = perAnnotator(
      table([
        j("i1", "x", -1, { shownSwapped: false }), // A shown left, chose A → left
        j("i2", "x", 2, { shownSwapped: true }), // B shown left, chose B → left
        j("i3", "x", -2, { shownSwapped: true }), // B shown left, chose A → right
        j("i4", "x", 0, { shownSwapped: false }), // tie: left out
        j("i5", "x", 3), // side unknown: left out
      ]),
    );
    expect(row!.side_bias).toBeCloseTo(2 / 3, 12);
  });

  it("takes the median of known durations and gives null where nothing is known", () => {
    const rows = perAnnotator(
      table([
        j("i1", "x", 1, { durationMs: 400 }), j("i2", "x", 1, { durationMs: 100 }),
        j("i3", "x", 1, { durationMs: 250 }), j("i4", "x", 1, { durationMs: 1000 }),
        j("i5", "x", 1, { durationMs: null }),
        j("i1", "y", 1, { durationMs: 7 }), j("i2", "y", 1),
        j("i9", "z", 1),
      ]),
    );
    expect(rows.map((r) => r.median_duration_ms)).toEqual([325, 7, null]);
    expect(rows[2]!.side_bias).toBeNull();
    expect(rows[2]!.majority_agreement).toBeNull();
  });
});
