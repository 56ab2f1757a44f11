import { describe, expect, it } from "vitest";
import { alphaReading, annotatorFlags, kappaReading, percentReading } from "./readings";
import type { AnnotatorAgreement } from "./types";

const row = (annotator: string, fields: Partial<AnnotatorAgreement>): AnnotatorAgreement => ({
  annotator,
  judgments: 50,
  majority_agreement: 0.8,
  side_bias: 0.5,
  median_duration_ms: 10_000,
  tie_rate: 0.1,
  mean_preference: 0,
  ...fields,
});

describe("readings", () => {
  it("reads κ on the Landis & Koch bands", () => {
    expect(kappaReading(0.41)).toBe("moderate agreement beyond chance (Landis & Koch)");
    expect(kappaReading(0.4)).toMatch(/^fair/);
    expect(kappaReading(0.1)).toMatch(/^slight/);
    expect(kappaReading(0.7)).toMatch(/^substantial/);
    expect(kappaReading(0.95)).toMatch(/^almost perfect/);
    expect(kappaReading(-0.2)).toMatch(/less agreement than chance/);
    expect(kappaReading(null)).toMatch(/^undefined/);
  });

  it("reads α on Krippendorff's thresholds, and percent agreement as a share", () => {
    expect(alphaReading(0.743)).toMatch(/tentative conclusions/);
    expect(alphaReading(0.8)).toMatch(/^reliable/);
    expect(alphaReading(0.5)).toMatch(/too low/);
    expect(alphaReading(null)).toMatch(/^undefined/);
    expect(percentReading(0.625)).toMatch(/^63% of the pairs/);
    expect(percentReading(null)).toMatch(/^undefined/);
  });
});

describe("annotatorFlags", () => {
  it("flags side bias outside 0.35–0.65 with at least 20 judgments", () => {
    const flags = annotatorFlags([row("a", { side_bias: 0.7 }), row("b", { side_bias: 0.3 }), row("c", { side_bias: 0.9, judgments: 19 }), row("d", { side_bias: 0.65 })]);
    expect(flags.get("a")).toEqual([{ kind: "side_bias", text: "picks the left response 70% of the time" }]);
    expect(flags.get("b")).toEqual([{ kind: "side_bias", text: "picks the right response 70% of the time" }]);
    expect(flags.has("c")).toBe(false);
    expect(flags.has("d")).toBe(false);
  });

  it("flags majority agreement more than 2 SD below the mean", () => {
    const rows = ["a", "b", "c", "d", "e", "f", "g", "h", "i"].map((id) => row(id, { majority_agreement: 0.8 }));
    rows.push(row("low", { majority_agreement: 0.4 }));
    const flags = annotatorFlags(rows);
    expect(flags.get("low")?.[0]?.kind).toBe("low_majority");
    expect([...flags.keys()]).toEqual(["low"]);
    // Two annotators have no spread worth the name.
    expect(annotatorFlags([row("a", { majority_agreement: 1 }), row("b", { majority_agreement: 0 })]).size).toBe(0);
  });
});
