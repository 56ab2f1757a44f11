import { apiRoute } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { getProjectStats } from "@/lib/projects/get-project-stats";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/**
 * Progress of the project, for its leads and admins. Annotators get a 403:
 * their own progress comes with the annotation screen, and the project-wide
 * numbers (members, skips, ties) are the lead's to read.
 */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "lead" });
  return Response.json({ stats: await getProjectStats({ projectId: project.id }) }, { headers: { "Cache-Control": "no-store" } });
});
