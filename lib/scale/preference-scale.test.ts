import { describe, expect, it } from "vitest";
import { choiceOf, scaleLabels, toDisplayTerms, toItemTerms, validatePreference } from "./preference-scale";

describe("scaleLabels", () => {
  it("gives the 7-point scale with a tie in order, keyed 1..7", () => {
    expect(scaleLabels(3, true)).toEqual([
      { value: -3, label: "A much better", key: "1" },
      { value: -2, label: "A better", key: "2" },
      { value: -1, label: "A slightly better", key: "3" },
      { value: 0, label: "Tie", key: "4" },
      { value: 1, label: "B slightly better", key: "5" },
      { value: 2, label: "B better", key: "6" },
      { value: 3, label: "B much better", key: "7" },
    ]);
  });

  it("leaves the tie out and renumbers the keys when ties are not allowed", () => {
    const options = scaleLabels(3, false);
    expect(options.map((o) => o.value)).toEqual([-3, -2, -1, 1, 2, 3]);
    expect(options.map((o) => o.key)).toEqual(["1", "2", "3", "4", "5", "6"]);
  });

  it("reads naturally on short scales", () => {
    expect(scaleLabels(1, true).map((o) => o.label)).toEqual(["A better", "Tie", "B better"]);
    expect(scaleLabels(1, false).map((o) => o.label)).toEqual(["A better", "B better"]);
    expect(scaleLabels(2, true).map((o) => o.label)).toEqual([
      "A much better",
      "A slightly better",
      "Tie",
      "B slightly better",
      "B much better",
    ]);
  });

  it("names middle strengths on longer scales and stops keying past 9", () => {
    const options = scaleLabels(5, true);
    expect(options).toHaveLength(11);
    expect(options.map((o) => o.label).slice(0, 5)).toEqual([
      "A much better",
      "A better (strength 4)",
      "A better (strength 3)",
      "A better (strength 2)",
      "A slightly better",
    ]);
    expect(options[8]?.key).toBe("9");
    expect(options[9]?.key).toBeNull();
    expect(options[10]?.label).toBe("B much better");
  });

  it("has 2S+1 options with a tie and 2S without", () => {
    for (let s = 1; s <= 6; s++) {
      expect(scaleLabels(s, true)).toHaveLength(2 * s + 1);
      expect(scaleLabels(s, false)).toHaveLength(2 * s);
    }
  });

  it("refuses a scale that is not a positive integer", () => {
    expect(() => scaleLabels(0, true)).toThrow(RangeError);
    expect(() => scaleLabels(2.5, true)).toThrow(RangeError);
  });
});

describe("choiceOf", () => {
  it("derives A / tie / B from the sign", () => {
    expect(choiceOf(-3)).toBe("A");
    expect(choiceOf(-1)).toBe("A");
    expect(choiceOf(0)).toBe("tie");
    expect(choiceOf(2)).toBe("B");
  });
});

describe("validatePreference", () => {
  const settings = { scale: 3, allowTie: true };

  it("accepts every value on the scale", () => {
    for (let p = -3; p <= 3; p++) expect(validatePreference(p, settings)).toBeNull();
  });

  it("names the field and the range when out of range", () => {
    expect(validatePreference(4, settings)).toBe("preference: must be between -3 and 3 (got 4)");
    expect(validatePreference(-4, settings)).toMatch(/^preference: must be between -3 and 3/);
  });

  it("refuses a tie when the project does not allow ties", () => {
    expect(validatePreference(0, { scale: 3, allowTie: false })).toBe("preference: this project does not allow ties (0)");
    expect(validatePreference(1, { scale: 3, allowTie: false })).toBeNull();
  });

  it("refuses fractions and non-numbers", () => {
    expect(validatePreference(1.5, settings)).toBe("preference: must be a whole number");
    expect(validatePreference("1", settings)).toBe("preference: must be a whole number");
    expect(validatePreference(Number.NaN, settings)).toBe("preference: must be a whole number");
  });
});

describe("toItemTerms / toDisplayTerms", () => {
  it("keeps the value when the sides were not swapped", () => {
    expect(toItemTerms(-2, false)).toBe(-2);
    expect(toDisplayTerms(3, false)).toBe(3);
  });

  it("negates when B was shown on the left", () => {
    // The annotator clicked "left much better"; the left was the item's B.
    expect(toItemTerms(-3, true)).toBe(3);
    expect(toDisplayTerms(3, true)).toBe(-3);
  });

  it("keeps a tie a plain 0", () => {
    expect(Object.is(toItemTerms(0, true), 0)).toBe(true);
  });

  it("round-trips every value both ways", () => {
    for (const swapped of [false, true]) {
      for (let v = -3; v <= 3; v++) expect(toDisplayTerms(toItemTerms(v, swapped), swapped)).toBe(v);
    }
  });
});
