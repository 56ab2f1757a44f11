import { describe, expect, it } from "vitest";
import { scaleLabels } from "@/lib/scale/preference-scale";
import { shortScaleLabel } from "./scale-short-label";

const short = (scale: number, allowTie = true) =>
  scaleLabels(scale, allowTie).map((o) => {
    const { side, word } = shortScaleLabel(o.value, scale);
    return side ? `${side} ${word}` : word;
  });

describe("shortScaleLabel", () => {
  it("gives the default ±3 scale a side and a plain word per step", () => {
    expect(short(3)).toEqual(["A much", "A better", "A a bit", "Tie", "B a bit", "B better", "B much"]);
  });

  it("reads on the smallest and the finer scales, every label distinct and short", () => {
    expect(short(1)).toEqual(["A better", "Tie", "B better"]);
    expect(short(2, false)).toEqual(["A much", "A a bit", "B a bit", "B much"]);
    const five = short(5);
    expect(new Set(five).size).toBe(five.length);
    expect(five).toContain("A 3 of 5");
    for (const label of five) expect(label.length).toBeLessThanOrEqual(8);
  });
});
