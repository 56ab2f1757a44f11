import { projectRoute } from "@/lib/http/project-route";
import { getProjectLeaderboard } from "@/lib/ranking/project-leaderboard";
import { serveStyleLeaderboard } from "@/lib/views/style-leaderboard-view";
import { leaderboardQuery } from "@/lib/validations/agreement";

export const dynamic = "force-dynamic";

/**
 * The models of the project's pairs ranked by Bradley–Terry (Elo-style scores, bootstrap 95% intervals); leads and admins.
 * `style_control=1` adds the fit with style covariates (docs/formats.md, "Style-controlled leaderboard").
 */
export const GET = projectRoute({ access: "lead", query: leaderboardQuery }, async ({ project, query }) => {
  const board = await getProjectLeaderboard({ projectId: project.id, bootstrap: query.bootstrap });
  // The style-controlled fit comes from its stored view (lib/views); its `as_of` says when it was computed.
  const styled = query.style_control ? await serveStyleLeaderboard({ projectId: project.id, bootstrap: query.bootstrap }) : undefined;
  const style_control = styled?.payload ? { ...styled.payload, as_of: styled.asOf?.toISOString() ?? null, stale: styled.stale } : undefined;
  return Response.json({ project: project.slug, ...board, ...(style_control ? { style_control } : {}), ...(styled && !styled.payload ? { style_control_pending: true } : {}) }, { headers: { "Cache-Control": "no-store" } });
});
