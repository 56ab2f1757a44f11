import { apiRoute } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { readQuery } from "@/lib/http/read-query";
import { getProjectForActor } from "@/lib/permissions";
import { getProjectLeaderboard } from "@/lib/ranking/project-leaderboard";
import { leaderboardQuery } from "@/lib/validations/agreement";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** The models of the project's pairs ranked by Bradley–Terry (Elo-style scores, bootstrap 95% intervals); leads and admins. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  const query = readQuery(request, leaderboardQuery);
  const board = await getProjectLeaderboard({ projectId: project.id, bootstrap: query.bootstrap });
  return Response.json({ project: project.slug, ...board }, { headers: { "Cache-Control": "no-store" } });
});
