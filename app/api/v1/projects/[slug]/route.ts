import { apiRoute, readJson } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { updateProject } from "@/lib/projects/update-project";
import { toProjectJson } from "@/lib/projects/project-json";
import { updateProjectInput } from "@/lib/validations/project";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** A project's settings and guidelines: for its members (annotators read the guidelines) and admins. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "view" });
  return Response.json({ project: toProjectJson(project) });
});

/** Change any subset of the settings (leads of the project and admins). */
export const PATCH = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  // Refused callers are told so before their body is read (updateProject checks again).
  await getProjectForActor({ actor, slug, access: "lead" });
  const input = await readJson(request, updateProjectInput);
  const project = await updateProject({ actor, slug, input });
  return Response.json({ project: toProjectJson(project) });
});
