/**
 * Simulated annotation campaign: `npm run bench:campaign [-- --quick]`.
 * In memory, seeded, on the real lib functions the server uses:
 *
 * (a) Adaptive against fixed overlap. Every item has a true winner; 20
 *     annotators of known accuracy (some biased towards the longer answer or
 *     the left side) judge it in a random order, the same order and answers
 *     for every rule (common random numbers). Each rule stops an item by
 *     lib/assignment/stopping-rule.ts (a fixed K is the rule k = K). The
 *     consensus is the majority direction (no majority counts as wrong);
 *     its accuracy is against the true winner.
 * (b) Judgments to a separated ranking. Eight models with known
 *     Bradley–Terry strengths; each judgment is one comparison (overlap 1);
 *     every CHECK_EVERY judgments the leaderboard is refitted
 *     (lib/ranking/bradley-terry.ts, bootstrap intervals) and checked by
 *     lib/ranking/separation.ts; the run ends when every adjacent pair's
 *     intervals separate. Uniform serves the items in the server's uniform
 *     order (fewest judgments, then oldest, items imported in random pair
 *     order); leaderboard sampling serves the pair samplingOrder puts first
 *     from pairPriorities (lib/ranking/pair-priority.ts), recomputed every
 *     REFRESH_EVERY judgments, as the server does every few seconds (plenty
 *     of items per pair, so no pair runs out).
 *
 * Writes bench/results/campaign.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { directionOf, stopReason, type DirectionVotes, type StoppingRule } from "../lib/assignment/stopping-rule";
import { createSeededRng, fitBradleyTerry, type Comparison } from "../lib/ranking/bradley-terry";
import { pairPriorities, samplingOrder, type ModelPair } from "../lib/ranking/pair-priority";
import type { PairCount } from "../lib/ranking/project-leaderboard";
import { adjacentSeparation } from "../lib/ranking/separation";

const quick = process.argv.includes("--quick");
const SEED = 20_261_129;

// ---------------------------------------------------------------- the world

type Annotator = { name: string; accuracy: number; bias: "none" | "length" | "position"; biasRate: number };
/** 12 careful, 5 middling, 2 drawn to the longer answer, 1 to the left one. */
const ANNOTATORS: Annotator[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ name: `good-${i}`, accuracy: 0.9, bias: "none" as const, biasRate: 0 })),
  ...Array.from({ length: 5 }, (_, i) => ({ name: `fair-${i}`, accuracy: 0.75, bias: "none" as const, biasRate: 0 })),
  ...Array.from({ length: 2 }, (_, i) => ({ name: `length-${i}`, accuracy: 0.85, bias: "length" as const, biasRate: 0.6 })),
  { name: "position-0", accuracy: 0.85, bias: "position", biasRate: 0.5 },
];
/** Share of ties an annotator answers instead of a side. */
const TIE_RATE = 0.04;
/** A hard item brings every annotator's accuracy this far towards a coin toss. */
const HARD_SHARE = 0.3;
const HARD_FACTOR = 0.35;

/** Bradley–Terry strengths as Elo-style scores (400·log10 of the strength); adjacent gaps 90–130. */
const TRUE_SCORES: Record<string, number> = { "m-a": 1400, "m-b": 1270, "m-c": 1160, "m-d": 1060, "m-e": 970, "m-f": 870, "m-g": 760, "m-h": 640 };
const MODELS = Object.keys(TRUE_SCORES);
const winProbability = (a: string, b: string) => 1 / (1 + 10 ** ((TRUE_SCORES[b]! - TRUE_SCORES[a]!) / 400));

type Item = { pair: ModelPair; modelA: string; modelB: string; truth: "a" | "b"; hard: boolean; longer: "a" | "b" };

function makeItem(rng: () => number, pair: ModelPair): Item {
  const [modelA, modelB] = rng() < 0.5 ? [pair.a, pair.b] : [pair.b, pair.a];
  const truth = rng() < winProbability(modelA, modelB) ? "a" : "b";
  // Length is unrelated to quality here: a length-biased annotator only adds noise.
  return { pair, modelA, modelB, truth, hard: rng() < HARD_SHARE, longer: rng() < 0.5 ? "a" : "b" };
}

/** One annotator's preference on the item's own A/B scale (−2 A, 0 tie, +2 B). */
function judge(rng: () => number, who: Annotator, item: Item): number {
  if (rng() < TIE_RATE) return 0;
  const leftIsA = rng() < 0.5;
  let pick: "a" | "b";
  if (who.bias !== "none" && rng() < who.biasRate) pick = who.bias === "length" ? item.longer : leftIsA ? "a" : "b";
  else {
    const accuracy = item.hard ? 0.5 + (who.accuracy - 0.5) * HARD_FACTOR : who.accuracy;
    pick = rng() < accuracy ? item.truth : item.truth === "a" ? "b" : "a";
  }
  return pick === "a" ? -2 : 2;
}

function allPairs(): ModelPair[] {
  const out: ModelPair[] = [];
  for (let i = 0; i < MODELS.length; i++) for (let j = i + 1; j < MODELS.length; j++) out.push(MODELS[i]! < MODELS[j]! ? { a: MODELS[i]!, b: MODELS[j]! } : { a: MODELS[j]!, b: MODELS[i]! });
  return out;
}

function shuffle<T>(rng: () => number, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

// ------------------------------------------------- (a) adaptive vs fixed overlap

const RULES: { name: string; rule: StoppingRule }[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 9].map((k) => ({ name: `fixed K=${k}`, rule: { overlapMin: k, overlapMax: k, stopShare: 1, stopOn: "share" as const } })),
  { name: "adaptive k=2 K=5 share 0.75", rule: { overlapMin: 2, overlapMax: 5, stopShare: 0.75, stopOn: "share" } },
  { name: "adaptive k=2 K=7 share 0.75", rule: { overlapMin: 2, overlapMax: 7, stopShare: 0.75, stopOn: "share" } },
  { name: "adaptive k=3 K=7 share 0.7", rule: { overlapMin: 3, overlapMax: 7, stopShare: 0.7, stopOn: "share" } },
  { name: "adaptive k=2 K=9 share 0.8", rule: { overlapMin: 2, overlapMax: 9, stopShare: 0.8, stopOn: "share" } },
  { name: "adaptive k=3 K=9 bound 0.5", rule: { overlapMin: 3, overlapMax: 9, stopShare: 0.5, stopOn: "bound" } },
  { name: "adaptive k=2 K=9 bound 0.6", rule: { overlapMin: 2, overlapMax: 9, stopShare: 0.6, stopOn: "bound" } },
];

function overlapCampaign(items: number) {
  const rng = createSeededRng(SEED);
  const pairs = allPairs();
  // Common random numbers: each item's annotator order and every answer, drawn once.
  const world = Array.from({ length: items }, () => {
    const item = makeItem(rng, pairs[Math.floor(rng() * pairs.length)]!);
    const order = shuffle(rng, ANNOTATORS.map((_, i) => i));
    return { item, answers: order.map((who) => judge(rng, ANNOTATORS[who]!, item)) };
  });
  return RULES.map(({ name, rule }) => {
    let judgments = 0;
    let right = 0;
    let early = 0;
    for (const { item, answers } of world) {
      const votes: DirectionVotes = { a: 0, b: 0, tie: 0 };
      let reason = stopReason(votes, rule);
      for (let n = 0; reason === null; n++) {
        votes[directionOf(answers[n]!)]++;
        judgments++;
        reason = stopReason(votes, rule);
      }
      if (reason !== "max") early++;
      const consensus = votes.a > votes.b && votes.a > votes.tie ? "a" : votes.b > votes.a && votes.b > votes.tie ? "b" : null;
      if (consensus === item.truth) right++;
    }
    return {
      rule: name,
      k: rule.overlapMin,
      K: rule.overlapMax,
      stop_share: rule.overlapMin < rule.overlapMax ? rule.stopShare : null,
      stop_on: rule.overlapMin < rule.overlapMax ? rule.stopOn : null,
      judgments,
      judgments_per_item: round(judgments / items, 3),
      consensus_accuracy: round(right / items, 4),
      finished_before_K: round(early / items, 4),
    };
  });
}

// ---------------------------------------- (b) judgments to a separated ranking

const CHECK_EVERY = 100;
const REFRESH_EVERY = 50;
const BOOTSTRAP = 100;
const MAX_JUDGMENTS = 40_000;

function rankingCampaign(mode: "uniform" | "leaderboard", seed: number) {
  const rng = createSeededRng(seed);
  const pairs = allPairs();
  const counts = new Map(pairs.map((p) => [`${p.a}|${p.b}`, { ...p, comparisons: 0, a_wins: 0, b_wins: 0, ties: 0 } as PairCount]));
  const comparisons: Comparison[] = [];
  let priorities: ReturnType<typeof pairPriorities> = [];
  for (let n = 1; n <= MAX_JUDGMENTS; n++) {
    let pair: ModelPair;
    if (mode === "uniform") {
      // Items imported in random pair order and served oldest first, once each
      // (overlap 1, plenty of items per pair): a uniform draw of the pair.
      pair = pairs[Math.floor(rng() * pairs.length)]!;
    } else {
      // Priorities are recomputed now and then; the weighted race is redrawn
      // on every lease, as the lease statement's random() is.
      if ((n - 1) % REFRESH_EVERY === 0) priorities = pairPriorities(pairs, [...counts.values()]);
      pair = samplingOrder(priorities, rng)[0]!;
    }
    const item = makeItem(rng, pair);
    const who = ANNOTATORS[Math.floor(rng() * ANNOTATORS.length)]!;
    const preference = judge(rng, who, item);
    comparisons.push({ modelA: item.modelA, modelB: item.modelB, preference });
    const c = counts.get(`${pair.a}|${pair.b}`)!;
    c.comparisons++;
    const winner = preference < 0 ? item.modelA : preference > 0 ? item.modelB : null;
    if (winner === null) c.ties++;
    else if (winner === c.a) c.a_wins++;
    else c.b_wins++;
    if (n % CHECK_EVERY !== 0) continue;
    const fit = fitBradleyTerry(comparisons, { bootstrap: BOOTSTRAP, seed });
    const separation = adjacentSeparation(fit.models, [...counts.values()]);
    if (separation.every((s) => s.separated)) {
      const ranking = fit.models.map((m) => m.model);
      const truth = [...MODELS].sort((x, y) => TRUE_SCORES[y]! - TRUE_SCORES[x]!);
      const adjacentShare = separation.reduce((sum, s) => sum + s.comparisons, 0) / n;
      return { judgments: n, correct_order: ranking.join() === truth.join(), share_on_adjacent_pairs: round(adjacentShare, 3) };
    }
  }
  return { judgments: null, correct_order: null, share_on_adjacent_pairs: null };
}

// ----------------------------------------------------------------------- main

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const started = Date.now();
const itemsA = quick ? 2_000 : 20_000;
const overlap = overlapCampaign(itemsA);
const fixed = overlap.filter((r) => r.k === r.K);
const adaptive = overlap
  .filter((r) => r.k !== r.K)
  .map((r) => {
    // The cheapest fixed overlap that is at least as accurate.
    const match = fixed.filter((f) => f.consensus_accuracy >= r.consensus_accuracy).sort((x, y) => x.judgments - y.judgments)[0];
    return {
      ...r,
      fixed_match: match?.rule ?? null,
      fixed_match_judgments: match?.judgments ?? null,
      saved_vs_fixed_match: match ? round(1 - r.judgments / match.judgments, 3) : null,
      saved_vs_fixed_K: round(1 - r.judgments / (r.K * itemsA), 3),
    };
  });

const seeds = quick ? [1, 2] : [1, 2, 3, 4, 5, 6, 7, 8];
const ranking = (["uniform", "leaderboard"] as const).map((mode) => {
  const runs = seeds.map((s) => ({ seed: s, ...rankingCampaign(mode, SEED + s) }));
  const done = runs.map((r) => r.judgments).filter((n): n is number => n !== null).sort((x, y) => x - y);
  return {
    sampling: mode,
    runs,
    median_judgments: done.length ? done[Math.floor((done.length - 1) / 2)]! : null,
    mean_judgments: done.length ? Math.round(done.reduce((s, n) => s + n, 0) / done.length) : null,
    separated_runs: done.length,
    correct_order_runs: runs.filter((r) => r.correct_order).length,
  };
});

const result = {
  benchmark: "campaign",
  seed: SEED,
  quick,
  annotators: ANNOTATORS.map(({ name, accuracy, bias, biasRate }) => ({ name, accuracy, bias, bias_rate: biasRate })),
  world: { tie_rate: TIE_RATE, hard_share: HARD_SHARE, hard_factor: HARD_FACTOR, true_scores: TRUE_SCORES },
  adaptive_vs_fixed: { items: itemsA, fixed, adaptive },
  separated_ranking: { check_every: CHECK_EVERY, refresh_every: REFRESH_EVERY, bootstrap: BOOTSTRAP, max_judgments: MAX_JUDGMENTS, seeds, results: ranking },
  seconds: round((Date.now() - started) / 1000, 1),
};
const out = path.join(__dirname, "results", "campaign.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.table(overlap.map(({ rule, judgments_per_item, consensus_accuracy, finished_before_K }) => ({ rule, judgments_per_item, consensus_accuracy, finished_before_K })));
console.table(adaptive.map(({ rule, consensus_accuracy, judgments, fixed_match, fixed_match_judgments, saved_vs_fixed_match }) => ({ rule, consensus_accuracy, judgments, fixed_match, fixed_match_judgments, saved_vs_fixed_match })));
console.table(ranking.map(({ sampling, median_judgments, mean_judgments, separated_runs, correct_order_runs }) => ({ sampling, median_judgments, mean_judgments, separated_runs, correct_order_runs })));
console.log(`wrote ${out} in ${result.seconds} s`);
