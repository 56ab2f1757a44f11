import { describe, expect, it } from "vitest";
import { uniqueMajority } from "@/lib/agreement/per-annotator";
import { consensusOf } from "@/lib/export/consensus";
import { choiceOf, type Choice } from "@/lib/scale/preference-scale";
import { estimateReliability } from "./estimate-reliability";
import { itemConsensus } from "./read-consensus";
import { simulateCampaign, type AnnotatorProfile, type SimulatedCampaign } from "./simulate-campaign";
import type { GoldLabels } from "./types";

const SEEDS = [1, 7, 42, 2026, 90210];
const DIRS: Choice[] = ["A", "tie", "B"];

/** Spearman's ρ with average ranks for ties. */
function spearman(x: readonly number[], y: readonly number[]): number {
  const rank = (v: readonly number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a]! - v[b]!);
    const r = new Array<number>(v.length);
    for (let s = 0; s < order.length; ) {
      let e = s;
      while (e + 1 < order.length && v[order[e + 1]!] === v[order[s]!]) e++;
      for (let k = s; k <= e; k++) r[order[k]!] = (s + e) / 2;
      s = e + 1;
    }
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const mean = (x.length - 1) / 2;
  let num = 0, dx = 0, dy = 0;
  for (let i = 0; i < x.length; i++) {
    num += (rx[i]! - mean) * (ry[i]! - mean);
    dx += (rx[i]! - mean) ** 2;
    dy += (ry[i]! - mean) ** 2;
  }
  return num / Math.sqrt(dx * dy);
}

/**
 * Accuracy over the items without gold of: DS consensus; the exports'
 * majority (sign of the summed preferences, lib/export/consensus); and the
 * plurality of directions, a shared top earning the share a fair coin would.
 */
function accuracies(c: SimulatedCampaign, gold?: GoldLabels) {
  const { fit, result } = estimateReliability(c.judgments, { gold });
  const byItem = new Map<string, number[]>();
  for (const j of c.judgments) {
    const list = byItem.get(j.itemId);
    if (list) list.push(j.preference);
    else byItem.set(j.itemId, [j.preference]);
  }
  let n = 0, ds = 0, majority = 0, plurality = 0;
  for (let i = 0; i < fit.input.itemIds.length; i++) {
    const item = itemConsensus(fit, i);
    if (c.gold.has(item.item_id)) continue;
    const truth = c.truth.get(item.item_id)!;
    const prefs = byItem.get(item.item_id)!;
    n++;
    if (item.consensus === truth) ds++;
    if (consensusOf(prefs)!.choice === truth) majority++;
    const counts = [0, 0, 0];
    for (const p of prefs) counts[DIRS.indexOf(choiceOf(p))]!++;
    const top = uniqueMajority(counts[0]!, counts[1]!, counts[2]!);
    if (top >= 0) plurality += DIRS[top] === truth ? 1 : 0;
    else {
      const max = Math.max(...counts);
      const tied = counts.filter((k) => k === max).length;
      plurality += counts[DIRS.indexOf(truth)] === max ? 1 / tied : 0;
    }
  }
  return { ds: ds / n, majority: majority / n, plurality: plurality / n, result, fit };
}

describe("Dawid–Skene on the issue's simulated campaign (4 accurate, 4 noisy, 3 spammers, 1 always left)", () => {
  it.each(SEEDS)("ranks annotators by their true accuracy (Spearman ≥ 0.9), seed %i", (seed) => {
    const c = simulateCampaign({ seed });
    const { result } = accuracies(c);
    const estimated = c.annotators.map((a) => result.per_annotator.find((r) => r.annotator === a.id)!.reliability);
    expect(spearman(estimated, c.annotators.map((a) => a.accuracy))).toBeGreaterThanOrEqual(0.9);
  });

  it.each(SEEDS)("is more accurate than majority vote and plurality, seed %i", (seed) => {
    const { ds, majority, plurality, fit } = accuracies(simulateCampaign({ seed }));
    expect(fit.converged).toBe(true);
    expect(ds).toBeGreaterThan(majority);
    expect(ds).toBeGreaterThan(plurality);
  });

  it("also when the sides are shown swapped at random (the left-clicker then answers A or B at random)", () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const c = simulateCampaign({ seed, swapShare: 0.5 });
      const { ds, majority, plurality, result } = accuracies(c);
      expect(ds).toBeGreaterThan(Math.max(majority, plurality));
      const estimated = c.annotators.map((a) => result.per_annotator.find((r) => r.annotator === a.id)!.reliability);
      expect(spearman(estimated, c.annotators.map((a) => a.accuracy))).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("tells spammers and the one-sided annotator apart from real signal by informativeness", () => {
    const c = simulateCampaign({ seed: 42 });
    const { result } = accuracies(c);
    const info = (kind: AnnotatorProfile["kind"]) =>
      c.annotators.filter((a) => a.profile.kind === kind).map((a) => result.per_annotator.find((r) => r.annotator === a.id)!.informativeness);
    for (const x of [...info("random"), ...info("left")]) expect(Math.abs(x)).toBeLessThan(0.12);
    for (const x of info("truthful")) expect(x).toBeGreaterThan(0.15);
  });
});

describe("Dawid–Skene when every annotator is equally good", () => {
  const equal: AnnotatorProfile[] = Array.from({ length: 12 }, () => ({ kind: "truthful", accuracy: 0.7 }));
  it.each(SEEDS)("is not worse than majority vote or plurality, seed %i", (seed) => {
    const { ds, majority, plurality } = accuracies(simulateCampaign({ seed, annotators: equal }));
    expect(ds).toBeGreaterThanOrEqual(majority);
    expect(ds).toBeGreaterThanOrEqual(plurality);
  });
});

describe("gold anchoring", () => {
  it.each(SEEDS)("keeps accuracy on the other items in the issue's campaign (within one point), seed %i", (seed) => {
    const c = simulateCampaign({ seed, goldShare: 0.1 });
    const without = accuracies(c);
    const withGold = accuracies(c, c.gold);
    expect(withGold.result.gold_items).toBe(c.gold.size);
    expect(withGold.ds).toBeGreaterThanOrEqual(without.ds - 0.01);
  });

  it("rescues a campaign whose majority reads the scale backwards", () => {
    const profiles: AnnotatorProfile[] = [
      ...Array.from({ length: 7 }, () => ({ kind: "truthful" as const, accuracy: 0.8, inverted: true })),
      { kind: "truthful", accuracy: 0.9 }, { kind: "truthful", accuracy: 0.85 }, { kind: "truthful", accuracy: 0.8 },
      { kind: "random" }, { kind: "left" },
    ];
    for (const seed of SEEDS.slice(0, 3)) {
      const c = simulateCampaign({ seed, goldShare: 0.05, annotators: profiles });
      const without = accuracies(c);
      const withGold = accuracies(c, c.gold);
      expect(without.ds).toBeLessThan(0.5);
      expect(withGold.ds).toBeGreaterThan(0.85);
      const inverted = withGold.result.per_annotator.filter((r) => c.annotators.find((a) => a.id === r.annotator)!.profile.kind === "truthful" && (c.annotators.find((a) => a.id === r.annotator)!.profile as { inverted?: boolean }).inverted);
      for (const r of inverted) expect(r.confusion[0]![2]!).toBeGreaterThan(0.5); // true A read as B
    }
  });

  it("clamps gold items to their gold direction", () => {
    const c = simulateCampaign({ seed: 3, goldShare: 0.1, items: 300 });
    const { fit } = accuracies(c, c.gold);
    for (let i = 0; i < fit.input.itemIds.length; i++) {
      const item = itemConsensus(fit, i);
      const g = c.gold.get(item.item_id);
      if (!g) continue;
      expect(item.gold).toBe(g);
      expect(item.consensus).toBe(g);
      expect(item.p_consensus).toBe(1);
    }
  });
});
