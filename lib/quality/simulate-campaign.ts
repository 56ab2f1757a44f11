import { createSeededRng } from "@/lib/ranking/bradley-terry";
import { choiceOf, toItemTerms, type Choice } from "@/lib/scale/preference-scale";
import { DIRECTIONS } from "./read-consensus";

/**
 * How a simulated annotator answers. `truthful`: the true direction with
 * probability `accuracy`, otherwise a plausible mistake (a side for a tie,
 * a tie or the other side for a side, evenly). `random`: a preference drawn
 * uniformly from −S..S (a spammer). `left`: always the left response, as
 * strongly as the scale allows (on screen terms; with swapShare 0 the left
 * response is always A). `inverted`: a truthful annotator who reads the
 * scale backwards (A for B and B for A), systematically wrong but informative.
 */
export type AnnotatorProfile = { kind: "truthful"; accuracy: number; inverted?: boolean } | { kind: "random" } | { kind: "left" };

export type CampaignOptions = {
  seed: number;
  items?: number;
  /** Judgments per item, drawn uniformly from [min, max] (distinct annotators). */
  overlap?: readonly [number, number];
  /** Share of true directions A, tie, B. */
  prior?: readonly [number, number, number];
  scale?: number;
  /** Share of assignments with B shown on the left. Default 0, so "left" means A. */
  swapShare?: number;
  /** Share of items whose true direction is returned as a gold label. */
  goldShare?: number;
  annotators?: readonly AnnotatorProfile[];
};

export type SimulatedJudgment = { itemId: string; annotatorId: string; preference: number; shownSwapped: boolean };

export type SimulatedCampaign = {
  judgments: SimulatedJudgment[];
  /** True direction per item id. */
  truth: Map<string, Choice>;
  gold: Map<string, Choice>;
  /** `accuracy`: the share of their judgments whose direction is the true one (measured, not the profile's). */
  annotators: Array<{ id: string; profile: AnnotatorProfile; judgments: number; accuracy: number }>;
};

/** The campaign: four accurate, four noisy, three spammers, one always picking the left side. */
export const DEFAULT_PROFILES: readonly AnnotatorProfile[] = [
  { kind: "truthful", accuracy: 0.95 },
  { kind: "truthful", accuracy: 0.9 },
  { kind: "truthful", accuracy: 0.85 },
  { kind: "truthful", accuracy: 0.8 },
  { kind: "truthful", accuracy: 0.7 },
  { kind: "truthful", accuracy: 0.62 },
  { kind: "truthful", accuracy: 0.55 },
  { kind: "truthful", accuracy: 0.5 },
  { kind: "random" },
  { kind: "random" },
  { kind: "random" },
  { kind: "left" },
];

function pick(rng: () => number, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let u = rng() * total;
  for (let k = 0; k < weights.length - 1; k++) {
    u -= weights[k]!;
    if (u < 0) return k;
  }
  return weights.length - 1;
}

/** A preference in item terms with direction code c (0 A, 1 tie, 2 B) and a random strength. */
function preferenceOf(c: number, scale: number, rng: () => number): number {
  if (c === 1) return 0;
  const magnitude = 1 + Math.floor(rng() * scale);
  return c === 0 ? -magnitude : magnitude;
}

function answer(profile: AnnotatorProfile, truth: number, scale: number, swapped: boolean, rng: () => number): number {
  if (profile.kind === "random") return Math.floor(rng() * (2 * scale + 1)) - scale;
  if (profile.kind === "left") return toItemTerms(-scale, swapped);
  const wrong = truth === 1 ? (rng() < 0.5 ? 0 : 2) : rng() < 0.5 ? 1 : 2 - truth;
  const given = preferenceOf(rng() < profile.accuracy ? truth : wrong, scale, rng);
  return profile.inverted && given !== 0 ? -given : given;
}

/**
 * A campaign with known truth, the same for the same options: items with
 * true directions drawn from `prior`, each judged by 3–5 distinct
 * annotators picked at random, answering by their profile.
 */
export function simulateCampaign(options: CampaignOptions): SimulatedCampaign {
  const rng = createSeededRng(options.seed);
  const profiles = options.annotators ?? DEFAULT_PROFILES;
  const [minOverlap, maxOverlap] = options.overlap ?? [3, 5];
  const prior = options.prior ?? [0.4, 0.2, 0.4];
  const scale = options.scale ?? 3;
  const swapShare = options.swapShare ?? 0;
  const goldShare = options.goldShare ?? 0;
  const nItems = options.items ?? 1500;
  const ids = profiles.map((_, a) => `annotator-${String(a + 1).padStart(2, "0")}`);
  const judged = new Int32Array(profiles.length);
  const right = new Int32Array(profiles.length);
  const order = profiles.map((_, a) => a);
  const judgments: SimulatedJudgment[] = [];
  const truth = new Map<string, Choice>();
  const gold = new Map<string, Choice>();

  for (let i = 0; i < nItems; i++) {
    const itemId = `item-${String(i + 1).padStart(6, "0")}`;
    const t = pick(rng, prior);
    truth.set(itemId, DIRECTIONS[t]!);
    // Drawn whatever goldShare is, so campaigns differing only in goldShare have the same judgments.
    if (rng() < goldShare) gold.set(itemId, DIRECTIONS[t]!);
    const k = Math.min(profiles.length, minOverlap + Math.floor(rng() * (maxOverlap - minOverlap + 1)));
    for (let s = 0; s < k; s++) {
      // Partial Fisher–Yates: order[0..k) becomes k distinct annotators.
      const r = s + Math.floor(rng() * (order.length - s));
      [order[s], order[r]] = [order[r]!, order[s]!];
      const a = order[s]!;
      const shownSwapped = rng() < swapShare;
      const preference = answer(profiles[a]!, t, scale, shownSwapped, rng);
      judged[a]!++;
      if (choiceOf(preference) === DIRECTIONS[t]) right[a]!++;
      judgments.push({ itemId, annotatorId: ids[a]!, preference, shownSwapped });
    }
  }
  return {
    judgments,
    truth,
    gold,
    annotators: profiles.map((profile, a) => ({
      id: ids[a]!,
      profile,
      judgments: judged[a]!,
      accuracy: judged[a]! ? right[a]! / judged[a]! : Number.NaN,
    })),
  };
}
