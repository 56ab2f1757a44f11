import "server-only";
import { getProjectLeaderboard } from "@/lib/ranking/project-leaderboard";
import { getProjectStyleControl, type ProjectStyleControl } from "@/lib/ranking/project-style-leaderboard";
import { serveView, type ServedView, type ViewDefinition } from "./stored-view";

/**
 * The style-controlled leaderboard: refits over every judged item's style
 * features, with bootstrap rounds. `bootstrap` null is the default rounds.
 */
export const styleLeaderboardView: ViewDefinition<{ bootstrap: number | null }, ProjectStyleControl> = {
  key: "style-leaderboard",
  compute: async (projectId, params, signal) => {
    const bootstrap = params.bootstrap ?? undefined;
    const board = await getProjectLeaderboard({ projectId, bootstrap });
    return getProjectStyleControl({ projectId, pairs: board.pairs, bootstrap, signal });
  },
};

/** @internal caller has checked access */
export function serveStyleLeaderboard(options: { projectId: string; bootstrap?: number }): Promise<ServedView<ProjectStyleControl>> {
  return serveView(styleLeaderboardView, { projectId: options.projectId, params: { bootstrap: options.bootstrap ?? null } });
}
