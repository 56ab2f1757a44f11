import { describe, expect, it } from "vitest";
import { createSeededRng } from "../ranking/bradley-terry";
import { agreementIntervals, agreementIntervalsOfStats } from "./agreement-intervals";
import { createJudgmentCollector } from "./collect-judgments";
import { fleissKappaOfPatterns, fleissKappaOfTable } from "./fleiss-kappa";
import { krippendorffAlphas, krippendorffAlphasOfPatterns } from "./krippendorff";
import { patternHistogram, patternsOfTable } from "./patterns";
import { percentAgreement, percentAgreementOfPatterns } from "./percent-agreement";

/** A random table: `items` items with 1–4 judgments each from 8 annotators, preferences on −scale..scale. */
function randomTable(seed: number, items: number, scale: number, perItem?: number) {
  const rng = createSeededRng(seed);
  const c = createJudgmentCollector();
  for (let i = 0; i < items; i++) {
    const n = perItem ?? 1 + Math.floor(rng() * 4);
    for (let k = 0; k < n; k++) c.add({ itemId: `q${i}`, annotator: `a${(i + 3 * k) % 8}`, preference: Math.floor(rng() * (2 * scale + 1)) - scale });
  }
  return c.build();
}

const close = (a: number | null, b: number | null) => (a === null || b === null ? expect(a).toBe(b) : expect(Math.abs(a - b)).toBeLessThan(1e-12));

describe("figures from the item-pattern histogram", () => {
  it("equal the per-item computation: percent agreement, Fleiss' κ and the three α", () => {
    for (const [seed, scale, perItem] of [[1, 3, undefined], [2, 1, 3], [3, 2, 2], [4, 3, 3]] as const) {
      const table = randomTable(seed, 400, scale, perItem);
      const patterns = patternsOfTable(table);
      expect(patterns.patterns.length).toBeLessThan(400);
      close(percentAgreementOfPatterns(patterns), percentAgreement(table));
      close(fleissKappaOfPatterns(patterns), fleissKappaOfTable(table));
      const [a, b] = [krippendorffAlphasOfPatterns(patterns), krippendorffAlphas(table)];
      close(a.nominal, b.nominal);
      close(a.ordinal, b.ordinal);
      close(a.interval, b.interval);
    }
  });

  it("merges equal patterns given in any order and drops values the collector would skip", () => {
    const h = patternHistogram([
      { values: [1, -1], items: 2 },
      { values: [-1, 1], items: 3 },
      { values: [2, 5000], items: 1 },
      { values: [0], items: 0 },
    ]);
    expect(h.patterns.map((p) => [p.values, p.items, p.choices])).toEqual([
      [[-1, 1], 5, [1, 0, 1]],
      [[2], 1, [0, 0, 1]],
    ]);
    expect(h.maxAbsPreference).toBe(2);
  });

  it("bootstraps to the same items per judgment count and rounds, with intervals around the figures", () => {
    const table = randomTable(9, 600, 3);
    const stats = { patterns: patternsOfTable(table), pairs: [], annotators: new Map<string, number>() };
    const kept = agreementIntervalsOfStats(stats);
    const full = agreementIntervals(table);
    expect(kept.items_by_judgments).toEqual(full.items_by_judgments);
    expect(kept.rounds).toBe(full.rounds);
    const p = percentAgreement(table)!;
    const { low, high } = kept.intervals.percent_agreement;
    expect(low! < p && p < high!).toBe(true);
    // Same distribution: the two intervals (different draws) agree to within a few hundredths.
    expect(Math.abs(low! - full.intervals.percent_agreement.low!)).toBeLessThan(0.03);
    expect(Math.abs(high! - full.intervals.percent_agreement.high!)).toBeLessThan(0.03);
    // Seeded: the same counts give the same intervals.
    expect(agreementIntervalsOfStats(stats)).toEqual(kept);
  });
});
