import { describe, expect, it } from "vitest";
import { createSeededRng, fitBradleyTerry, type Comparison } from "./bradley-terry";

const games = (modelA: string, modelB: string, preference: number, times: number): Comparison[] =>
  Array.from({ length: times }, () => ({ modelA, modelB, preference }));

describe("fitBradleyTerry", () => {
  it("ranks a model that always wins first, with finite scores", () => {
    const result = fitBradleyTerry([...games("champ", "b", -2, 10), ...games("c", "champ", 1, 10), ...games("b", "c", -1, 5), ...games("c", "b", -1, 5)]);
    expect(result.models[0]!.model).toBe("champ");
    expect(result.models.every((m) => Number.isFinite(m.score))).toBe(true);
    expect(result.models[0]).toMatchObject({ comparisons: 20, wins: 20, losses: 0, ties: 0 });
  });

  it("gives equal scores to symmetric data, and ties count half a win", () => {
    const result = fitBradleyTerry([...games("a", "b", -1, 5), ...games("a", "b", 1, 5), ...games("b", "c", 0, 4), ...games("a", "c", 0, 4)]);
    for (const m of result.models) expect(m.score).toBeCloseTo(1000, 6);
    expect(result.win_rate.b!.c).toBe(0.5);
    expect(result.win_rate.a!.b).toBe(0.5);
  });

  it("recovers the order and the odds of a known example", () => {
    // True strengths 4 : 2 : 1; sample 3,000 games with a seeded RNG.
    const strength: Record<string, number> = { x: 4, y: 2, z: 1 };
    const rng = createSeededRng(5);
    const names = Object.keys(strength);
    const comparisons: Comparison[] = [];
    for (let t = 0; t < 3000; t++) {
      const a = names[t % 3]!;
      const b = names[(t + 1) % 3]!;
      const pA = strength[a]! / (strength[a]! + strength[b]!);
      comparisons.push({ modelA: a, modelB: b, preference: rng() < pA ? -1 : 1 });
    }
    const result = fitBradleyTerry(comparisons, { bootstrap: 50 });
    expect(result.models.map((m) => m.model)).toEqual(["x", "y", "z"]);
    const score = Object.fromEntries(result.models.map((m) => [m.model, m.score]));
    // 400·log10(2) ≈ 120 points per doubling of strength.
    expect(score.x! - score.y!).toBeGreaterThan(80);
    expect(score.x! - score.y!).toBeLessThan(160);
    // Scores are centred: strengths have geometric mean 1.
    expect((score.x! + score.y! + score.z!) / 3).toBeCloseTo(1000, 6);
    for (const m of result.models) {
      expect(m.ci_low!).toBeLessThan(m.score);
      expect(m.ci_high!).toBeGreaterThan(m.score);
    }
  });

  it("matches the closed-form odds of two models with plenty of games", () => {
    const result = fitBradleyTerry([...games("a", "b", -1, 300), ...games("a", "b", 1, 100)], { bootstrap: 0 });
    const [a, b] = result.models;
    // MLE odds 3:1 → 400·log10(3) ≈ 190.8; the one-game prior moves it by under a point.
    expect(Math.abs(a!.score - b!.score - 400 * Math.log10(3))).toBeLessThan(1);
    expect(a!.ci_low).toBeNull();
    expect(result.win_rate.a!.b).toBe(0.75);
  });

  it("is deterministic for a seed", () => {
    const rng = createSeededRng(1);
    const data = Array.from({ length: 200 }, () => ({ modelA: rng() < 0.5 ? "p" : "q", modelB: "r", preference: Math.floor(rng() * 7) - 3 }));
    expect(fitBradleyTerry(data, { seed: 11 })).toEqual(fitBradleyTerry(data, { seed: 11 }));
    expect(fitBradleyTerry(data, { seed: 11 }).models[0]!.ci_low).not.toBe(fitBradleyTerry(data, { seed: 12 }).models[0]!.ci_low);
  });

  it("ignores self-comparisons and missing names, and handles nothing", () => {
    const result = fitBradleyTerry([
      { modelA: "a", modelB: "a", preference: -1 },
      { modelA: "", modelB: "b", preference: 1 },
      { modelA: "a", modelB: "b", preference: Number.NaN },
      { modelA: "a", modelB: "b", preference: -1 },
      { modelA: "c", modelB: "d", preference: 1 },
    ]);
    expect(result.comparisons_total).toBe(2);
    expect(result.models.map((m) => m.model).sort()).toEqual(["a", "b", "c", "d"]);
    expect(result.win_rate.a!.c).toBeNull();
    expect(fitBradleyTerry([])).toEqual({ models: [], win_rate: {}, comparisons_total: 0 });
  });
});
