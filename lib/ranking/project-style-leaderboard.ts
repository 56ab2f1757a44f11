import { readStyledItems } from "@/lib/bias/read-styled-items";
import { fitStyleControlled, type StyledGame, type StyleControlledResult } from "./style-control";
import { adjacentSeparation, type AdjacentSeparation } from "./separation";
import type { PairCount } from "./project-leaderboard";

export type ProjectStyleControl = StyleControlledResult & { separation: AdjacentSeparation[] };

/**
 * The style-controlled fit over a project's judgments (every judgment, as in
 * the plain leaderboard), reading each item's responses once to count their
 * style features. `pairs` (the plain leaderboard's) gives the direct
 * comparisons behind the separation estimate.
 *
 * @internal caller has checked access
 */
export async function getProjectStyleControl({ projectId, pairs, bootstrap, seed, signal }: { projectId: string; pairs: PairCount[]; bootstrap?: number; seed?: number; signal?: AbortSignal }): Promise<ProjectStyleControl> {
  const games: StyledGame[] = [];
  for await (const batch of readStyledItems({ projectId, signal })) {
    for (const item of batch) {
      if (!item.modelA || !item.modelB || item.modelA === item.modelB) continue;
      games.push({ modelA: item.modelA, modelB: item.modelB, a: item.a, b: item.b, preferences: item.judgments.map((j) => j.preference) });
    }
  }
  const fit = fitStyleControlled(games, { bootstrap: bootstrap ?? defaultStyleRounds(games.length), seed });
  return { ...fit, separation: adjacentSeparation(fit.models, pairs) };
}

/** 100 rounds while cheap, fewer for very large projects (each round refits by Newton over every item), never under 50. */
function defaultStyleRounds(items: number): number {
  return Math.max(50, Math.min(100, Math.floor(2_000_000 / Math.max(1, items))));
}
