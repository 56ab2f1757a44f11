import { describe, expect, it } from "vitest";
import { sigmoid } from "@/lib/bias/stats";
import type { StyleFeatures } from "@/lib/bias/style-features";
import { createSeededRng, fitBradleyTerry } from "./bradley-terry";
import { fitStyleControlled, normalisedDifference, type StyledGame } from "./style-control";

/**
 * Three models of planted log-strengths strong +0.5, verbose 0, weak −0.5.
 * verbose's answers are three times as long; judges add 2.5 × the normalised
 * length difference to the log-odds, so verbose wins more than its strength
 * earns. Headers, lists and bold are random and judged irrelevant.
 */
function simulate(seed: number, items: number) {
  const rng = createSeededRng(seed);
  const strength: Record<string, number> = { strong: 0.5, verbose: 0, weak: -0.5 };
  const models = Object.keys(strength);
  const answer = (model: string): StyleFeatures => ({
    words: model === "verbose" ? 400 + Math.floor(rng() * 200) : 100 + Math.floor(rng() * 100),
    headers: Math.floor(rng() * 3),
    list_items: Math.floor(rng() * 5),
    bold: Math.floor(rng() * 3),
    code_blocks: 0,
  });
  const games: StyledGame[] = [];
  for (let i = 0; i < items; i++) {
    const x = Math.floor(rng() * 3);
    const modelA = models[x]!;
    const modelB = models[(x + 1 + Math.floor(rng() * 2)) % 3]!;
    const a = answer(modelA);
    const b = answer(modelB);
    const pB = sigmoid(strength[modelB]! - strength[modelA]! + 2.5 * normalisedDifference(a.words, b.words));
    games.push({ modelA, modelB, a, b, preferences: [rng() < pB ? 1 : -1, rng() < pB ? 2 : -1] });
  }
  return games;
}

describe("fitStyleControlled", () => {
  const games = simulate(20_261_129, 1500);

  it("recovers the planted order where the plain fit is misled by length", () => {
    const raw = fitBradleyTerry(games.flatMap((g) => g.preferences.map((preference) => ({ modelA: g.modelA, modelB: g.modelB, preference }))), { bootstrap: 0 });
    expect(raw.models[0]!.model).toBe("verbose");
    const styled = fitStyleControlled(games, { bootstrap: 60 });
    expect(styled.models.map((m) => m.model)).toEqual(["strong", "verbose", "weak"]);
    // Planted gaps of 0.5 in log-strength are 400·0.5/ln10 ≈ 87 points; the fitted ones are near.
    const score = Object.fromEntries(styled.models.map((m) => [m.model, m.score]));
    expect(score.strong! - score.verbose!).toBeGreaterThan(40);
    expect(score.strong! - score.verbose!).toBeLessThan(140);
    expect(styled.comparisons_total).toBe(3000);
    expect(styled.bootstrap).toBe(60);
    for (const m of styled.models) {
      expect(m.ci_low!).toBeLessThanOrEqual(m.score);
      expect(m.ci_high!).toBeGreaterThanOrEqual(m.score);
    }
  });

  it("finds the length coefficient and not the irrelevant formatting ones", () => {
    const styled = fitStyleControlled(games, { bootstrap: 60 });
    const coef = Object.fromEntries(styled.style.map((s) => [s.feature, s]));
    expect(coef.words!.ci_low!).toBeGreaterThan(0);
    // 2.5 per unit of normalised difference is 2.5·sd per standard deviation.
    expect(coef.words!.coef / coef.words!.sd).toBeGreaterThan(1.5);
    expect(coef.words!.coef / coef.words!.sd).toBeLessThan(3.5);
    for (const f of ["headers", "list_items", "bold"]) {
      expect(coef[f]!.ci_low!).toBeLessThan(0);
      expect(coef[f]!.ci_high!).toBeGreaterThan(0);
    }
  });

  it("is the same for the same seed, and handles no games and constant features", () => {
    expect(fitStyleControlled(games.slice(0, 200), { bootstrap: 20, seed: 3 })).toEqual(fitStyleControlled(games.slice(0, 200), { bootstrap: 20, seed: 3 }));
    expect(fitStyleControlled([])).toEqual({ models: [], style: expect.any(Array), comparisons_total: 0, bootstrap: 0 });
    const zero: StyleFeatures = { words: 10, headers: 0, list_items: 0, bold: 0, code_blocks: 0 };
    const flat = fitStyleControlled(
      [
        { modelA: "p", modelB: "q", a: zero, b: zero, preferences: [1, 1, -1, 0] },
        { modelA: "q", modelB: "p", a: zero, b: zero, preferences: [-1] },
      ],
      { bootstrap: 10 },
    );
    expect(flat.models.map((m) => m.model)).toEqual(["q", "p"]);
    expect(flat.style.every((s) => s.coef === 0 && s.sd === 0)).toBe(true);
  });
});
