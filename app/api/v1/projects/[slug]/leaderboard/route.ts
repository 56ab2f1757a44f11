import { projectRoute } from "@/lib/http/project-route";
import { getProjectLeaderboard } from "@/lib/ranking/project-leaderboard";
import { getProjectStyleControl } from "@/lib/ranking/project-style-leaderboard";
import { leaderboardQuery } from "@/lib/validations/agreement";

export const dynamic = "force-dynamic";

/**
 * The models of the project's pairs ranked by Bradley–Terry (Elo-style scores, bootstrap 95% intervals); leads and admins.
 * `style_control=1` adds the fit with style covariates (docs/formats.md, "Style-controlled leaderboard").
 */
export const GET = projectRoute({ access: "lead", query: leaderboardQuery }, async ({ project, query, request }) => {
  const board = await getProjectLeaderboard({ projectId: project.id, bootstrap: query.bootstrap });
  const style_control = query.style_control
    ? await getProjectStyleControl({ projectId: project.id, pairs: board.pairs, bootstrap: query.bootstrap, signal: request.signal })
    : undefined;
  return Response.json({ project: project.slug, ...board, ...(style_control ? { style_control } : {}) }, { headers: { "Cache-Control": "no-store" } });
});
