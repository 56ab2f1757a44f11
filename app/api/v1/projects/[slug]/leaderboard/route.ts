import { projectRoute } from "@/lib/http/project-route";
import { getProjectLeaderboard } from "@/lib/ranking/project-leaderboard";
import { leaderboardQuery } from "@/lib/validations/agreement";

export const dynamic = "force-dynamic";

/** The models of the project's pairs ranked by Bradley–Terry (Elo-style scores, bootstrap 95% intervals); leads and admins. */
export const GET = projectRoute({ access: "lead", query: leaderboardQuery }, async ({ project, query }) => {
  const board = await getProjectLeaderboard({ projectId: project.id, bootstrap: query.bootstrap });
  return Response.json({ project: project.slug, ...board }, { headers: { "Cache-Control": "no-store" } });
});
