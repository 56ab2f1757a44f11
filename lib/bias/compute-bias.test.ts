import { describe, expect, it } from "vitest";
import { createJudgmentCollector } from "@/lib/agreement/collect-judgments";
import { perAnnotator } from "@/lib/agreement/per-annotator";
import { createSeededRng } from "@/lib/ranking/bradley-terry";
import { computeBias } from "./compute-bias";
import { sigmoid } from "./stats";
import { STYLE_FEATURES } from "./style-features";

const F = STYLE_FEATURES.length;

/**
 * 300 items whose responses differ in length (50–650 words) and in list items
 * (0–6); six annotators judge every item, shown sides at random. Annotators
 * b-* prefer the longer answer (log-odds +1.2 per 100 words), f-* prefer more
 * list items (+0.8 per item), u-* choose at random; l-* picks the left side
 * 75% of the time. No ties.
 */
function simulate(seed: number) {
  const rng = createSeededRng(seed);
  const items = 300;
  const features = new Float64Array(items * 2 * F);
  const collector = createJudgmentCollector();
  const plans: Record<string, (dWords: number, dLists: number, swapped: boolean) => number> = {
    "b-1": (w) => sigmoid(1.2 * w),
    "b-2": (w) => sigmoid(1.2 * w),
    "f-1": (_w, l) => sigmoid(0.8 * l),
    "u-1": () => 0.5,
    "u-2": () => 0.5,
    "l-1": (_w, _l, swapped) => (swapped ? 0.75 : 0.25),
  };
  for (let i = 0; i < items; i++) {
    const wa = 50 + Math.floor(rng() * 600);
    const wb = 50 + Math.floor(rng() * 600);
    const la = Math.floor(rng() * 7);
    const lb = Math.floor(rng() * 7);
    features.set([wa, 0, la, 0, 0, wb, 0, lb, 0, 0], i * 2 * F);
    for (const [annotator, pB] of Object.entries(plans)) {
      const swapped = rng() < 0.5;
      const b = rng() < pB((wb - wa) / 100, lb - la, swapped);
      collector.add({ itemId: `i-${i}`, annotator, preference: b ? 1 : -1, shownSwapped: swapped });
    }
  }
  return { table: collector.build(), features };
}

describe("computeBias", () => {
  // A fixed seed: each "not distinguishable" check is a 95% test, so some seeds flag an unbiased annotator by chance (5% per check).
  const { table, features } = simulate(2026);
  const report = computeBias(table, features);
  const of = (a: string) => report.per_annotator.find((r) => r.annotator === a)!;

  it("detects the planted length effect in the biased annotators and not in the others", () => {
    for (const a of ["b-1", "b-2"]) {
      const fit = of(a).features.words.fit!;
      expect(of(a).features.words.distinguishable).toBe(true);
      expect(fit.coef_low).toBeLessThan(1.2);
      expect(fit.coef_high).toBeGreaterThan(1.2);
      expect(fit.p_plus_one).toBeGreaterThan(fit.p_equal);
      expect(of(a).features.words.share!).toBeGreaterThan(0.7);
      expect(of(a).features.words.sentence).toMatch(/^The longer response \(in words\) won \d+% .*Each extra 100 words raises the chance of winning from \d+% to \d+% .*distinguishable from none\.$/);
    }
    for (const a of ["u-1", "u-2", "f-1", "l-1"]) {
      expect(of(a).features.words.distinguishable).toBe(false);
      expect(of(a).features.words.sentence).toMatch(/not distinguishable from no effect\.$/);
    }
    // The project mixes two biased annotators of six: still detected, smaller.
    expect(report.features.words.distinguishable).toBe(true);
    expect(report.features.words.fit!.coef).toBeLessThan(of("b-1").features.words.fit!.coef);
  });

  it("detects the planted list-item effect only in its annotator", () => {
    expect(of("f-1").features.list_items.distinguishable).toBe(true);
    expect(of("f-1").features.list_items.fit!.coef_low).toBeLessThan(0.8);
    expect(of("f-1").features.list_items.fit!.coef_high).toBeGreaterThan(0.8);
    for (const a of ["u-1", "u-2", "b-1", "l-1"]) expect(of(a).features.list_items.distinguishable).toBe(false);
    // Headers, bold, code: every response has none, so there is nothing to fit.
    expect(report.features.headers).toMatchObject({ counted: 0, fit: null, distinguishable: null });
  });

  it("detects the left-side annotator, with the same counts as side_bias (one computation)", () => {
    expect(of("l-1").position.distinguishable).toBe(true);
    expect(of("l-1").position.ci_low!).toBeGreaterThan(0.5);
    for (const a of ["u-1", "u-2", "b-1", "b-2", "f-1"]) expect(of(a).position.distinguishable).toBe(false);
    for (const row of perAnnotator(table)) expect(of(row.annotator).position.share).toBe(row.side_bias);
    expect(report.position.counted).toBe(6 * 300);
  });

  it("bins the project's judgments for the plots", () => {
    const bins = report.bins.words;
    expect(bins.length).toBe(8);
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(1800);
    // Longer B, more often chosen: the last bin beats the first.
    expect(bins[7]!.b_rate).toBeGreaterThan(bins[0]!.b_rate);
    expect(report.bins.list_items.map((b) => b.x)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6].map((v) => Math.max(-5, Math.min(5, v))).filter((v, k, all) => all.indexOf(v) === k));
  });

  it("leaves out ties and items without features, and needs 10 judgments for a fit", () => {
    const c = createJudgmentCollector();
    for (let i = 0; i < 9; i++) c.add({ itemId: `t-${i}`, annotator: "x", preference: i % 2 ? 1 : -1, shownSwapped: false });
    c.add({ itemId: "t-tie", annotator: "x", preference: 0, shownSwapped: false });
    c.add({ itemId: "t-unknown", annotator: "x", preference: 1, shownSwapped: false });
    const t = c.build();
    const f = new Float64Array(t.itemIds.length * 2 * F);
    t.itemIds.forEach((id, i) => {
      if (id === "t-unknown") f.fill(NaN, i * 2 * F, (i + 1) * 2 * F);
      else f[i * 2 * F + F] = i * 50; // B has i·50 words, A none
    });
    const r = computeBias(t, f);
    expect(r.judgments).toBe(11);
    expect(r.decisive).toBe(10);
    expect(r.features.words.fit).toBeNull();
    expect(r.features.words.counted).toBe(8); // t-0 has equal lengths, t-tie is a tie, t-unknown has no features
    expect(r.features.words.sentence).toMatch(/Too few judgments for a fit\.$/);
  });
});
