import { apiRoute } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { getJudgedPair } from "@/lib/annotate/get-judged-pair";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** The caller's most recent judgment in the project with its pair (204 when none): Undo after a reload. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "view" });
  const pair = await getJudgedPair({ userId: actor.id, projectId: project.id });
  return pair ? Response.json(pair) : new Response(null, { status: 204 });
});
