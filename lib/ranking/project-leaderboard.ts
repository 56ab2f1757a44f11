import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { fitBradleyTerry, type BradleyTerryResult, type Comparison } from "./bradley-terry";
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

/**
 * The project's private arena: every judgment is one comparison between its
 * item's model A and model B (a tie is half a win each), fitted by
 * Bradley–Terry with bootstrap intervals (lib/ranking/bradley-terry.ts).
 *
 * The database hands back counts per (model A, model B, outcome), never one
 * row per judgment: a project of a million judgments with a handful of models
 * is a few dozen rows. The fit needs the comparisons one by one only to
 * resample them, so they are regenerated from the counts in a fixed order
 * (same data, same intervals).
 *
 * @internal caller has checked access
 */
export async function getProjectLeaderboard({ projectId, bootstrap, seed }: { projectId: string; bootstrap?: number; seed?: number }): Promise<ProjectLeaderboard> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { id: true } });
  if (!project) throw new AppError("not_found", "project not found");
  const rows = await db.$queryRawUnsafe<Row[]>(
    // A ranking judgment counts as its implied pairs (ranking_implied_pairs,
    // docs/formats.md "Implied pairs"), each between the two responses' models.
    `SELECT "modelA", "modelB", "outcome", count(*)::int AS "n" FROM (
       SELECT i."modelA", i."modelB", sign(j."preference")::int AS "outcome"
         FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
        WHERE i."projectId" = $1 AND i."goldPreference" IS NULL AND j."preference" IS NOT NULL
       UNION ALL
       SELECT i."responses"->p."a"->>'model', i."responses"->p."b"->>'model', p."preference"
         FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
         CROSS JOIN LATERAL ranking_implied_pairs(j."ranking", 1) p
        WHERE i."projectId" = $1 AND i."goldRanking" IS NULL AND j."ranking" IS NOT NULL
     ) c
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`,
    projectId,
  );

  const isRanked = (r: Row) => Boolean(r.modelA && r.modelB && r.modelA !== r.modelB);
  const ranked = rows.filter(isRanked);
  const skipped = rows.reduce((sum, r) => sum + (isRanked(r) ? 0 : Number(r.n)), 0);
  function* comparisons(): Generator<Comparison> {
    for (const r of ranked) {
      const c: Comparison = { modelA: r.modelA!, modelB: r.modelB!, preference: r.outcome };
      for (let k = 0; k < Number(r.n); k++) yield c;
    }
  }
  const rounds = bootstrap ?? defaultRounds(ranked.reduce((sum, r) => sum + Number(r.n), 0));
  const fit = fitBradleyTerry(comparisons(), { bootstrap: rounds, seed });
  const pairs = pairCounts(ranked);
  return { ...fit, pairs, judgments_without_models: skipped, bootstrap: rounds, separation: adjacentSeparation(fit.models, pairs) };
}

/**
 * 200 rounds (the fit's default) while that is cheap; fewer for very large
 * projects, since every round redraws every comparison — but never under 50,
 * below which 2.5% and 97.5% percentiles are guesses.
 */
function defaultRounds(comparisons: number): number {
  const budget = 40_000_000;
  return Math.max(50, Math.min(200, Math.floor(budget / Math.max(1, comparisons))));
}

function pairCounts(rows: Row[]): PairCount[] {
  const pairs = new Map<string, PairCount>();
  for (const r of rows) {
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
