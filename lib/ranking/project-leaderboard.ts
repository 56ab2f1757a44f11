import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { DEFAULT_BOOTSTRAP, fitBradleyTerryCounts, type BradleyTerryResult, type ComparisonCount } from "./bradley-terry";
import { readModelPairCounts } from "./model-pair-counts";
import { adjacentSeparation, type AdjacentSeparation } from "./separation";

export type PairCount = {
  /** The two models in name order. */
  a: string;
  b: string;
  comparisons: number;
  a_wins: number;
  b_wins: number;
  ties: number;
};

export type ProjectLeaderboard = BradleyTerryResult & {
  /** Comparisons behind each pair of models, most compared first. */
  pairs: PairCount[];
  /** Judgments that rank nothing: their item lacks a model name or pits a model against itself. */
  judgments_without_models: number;
  bootstrap: number;
  /** Each pair of models adjacent in the ranking: do their intervals separate, and how many more comparisons would (lib/ranking/separation.ts). */
  separation: AdjacentSeparation[];
};

type Row = { modelA: string | null; modelB: string | null; outcome: number; n: number };
const isRanked = (r: Row) => Boolean(r.modelA && r.modelB && r.modelA !== r.modelB);

/**
 * The project's private arena: every judgment is one comparison between its
 * item's model A and model B (a tie is half a win each), fitted by
 * Bradley–Terry with bootstrap intervals (lib/ranking/bradley-terry.ts).
 *
 * Reads counts per (model A, model B, outcome) from ModelPairStat, which the
 * Judgment trigger keeps (readModelPairCounts), never the judgments: a few
 * dozen rows whatever the project's size. The bootstrap redraws those counts
 * (multinomial), the same distribution as redrawing comparisons one by one.
 *
 * @internal caller has checked access
 */
export async function getProjectLeaderboard({ projectId, bootstrap, seed }: { projectId: string; bootstrap?: number; seed?: number }): Promise<ProjectLeaderboard> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true } });
  if (!project) throw new AppError("not_found", "project not found");
  return leaderboardFromCounts(await readModelPairCounts(projectId), { bootstrap, seed });
}

/**
 * The leaderboard of counted comparisons (ordered by model A, model B,
 * outcome; a missing model name as null or ''). Exported so tests can hold it
 * against the same figures from a query over the judgments themselves.
 */
export function leaderboardFromCounts(rows: readonly Row[], { bootstrap, seed }: { bootstrap?: number; seed?: number } = {}): ProjectLeaderboard {
  const ranked = rows.filter(isRanked);
  const skipped = rows.reduce((sum, r) => sum + (isRanked(r) ? 0 : Number(r.n)), 0);
  const counts: ComparisonCount[] = ranked.map((r) => ({ modelA: r.modelA!, modelB: r.modelB!, outcome: r.outcome, n: Number(r.n) }));
  // 200 rounds at any size: a round redraws the counted cells, not every comparison.
  const rounds = bootstrap ?? DEFAULT_BOOTSTRAP;
  const fit = fitBradleyTerryCounts(counts, { bootstrap: rounds, seed });
  const pairs = pairCounts(ranked);
  return { ...fit, pairs, judgments_without_models: skipped, bootstrap: rounds, separation: adjacentSeparation(fit.models, pairs) };
}

/**
 * Comparisons per unordered model pair (name order) from counted cells, most
 * compared first; cells of a missing model or of a model against itself rank
 * nothing and are left out. Leaderboard sampling reads the same
 * (lib/assignment/refresh-pair-priorities.ts).
 */
export function pairCounts(rows: readonly Row[]): PairCount[] {
  const pairs = new Map<string, PairCount>();
  for (const r of rows) {
    if (!isRanked(r)) continue;
    const [a, b] = r.modelA! < r.modelB! ? [r.modelA!, r.modelB!] : [r.modelB!, r.modelA!];
    const key = JSON.stringify([a, b]);
    const pair = pairs.get(key) ?? { a, b, comparisons: 0, a_wins: 0, b_wins: 0, ties: 0 };
    const n = Number(r.n);
    pair.comparisons += n;
    // outcome −1: the item's model A won; +1: its model B won.
    if (r.outcome === 0) pair.ties += n;
    else if ((r.outcome < 0 ? r.modelA : r.modelB) === a) pair.a_wins += n;
    else pair.b_wins += n;
    pairs.set(key, pair);
  }
  return [...pairs.values()].sort((x, y) => y.comparisons - x.comparisons || (x.a + x.b < y.a + y.b ? -1 : 1));
}
