import { apiRoute, readJson } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { readQuery } from "@/lib/http/read-query";
import { canCreateProjects } from "@/lib/permissions";
import { createProject } from "@/lib/projects/create-project";
import { listProjects } from "@/lib/projects/list-projects";
import { toProjectJson } from "@/lib/projects/project-json";
import { createProjectInput, listProjectsQuery } from "@/lib/validations/project";

export const dynamic = "force-dynamic";

/** Create a project; the caller (a lead or admin) becomes its lead. */
export const POST = apiRoute(async (request: Request) => {
  const actor = await actorFromRequest(request);
  // Refused callers are told so before their body is read.
  if (!canCreateProjects(actor)) throw new AppError("forbidden", "Only leads and admins can create projects.");
  const input = await readJson(request, createProjectInput);
  const project = await createProject({ actor, input });
  return Response.json({ project: toProjectJson(project) }, { status: 201 });
});

/** The projects the caller runs (all of them for an admin), newest first, with progress. */
export const GET = apiRoute(async (request: Request) => {
  const actor = await actorFromRequest(request);
  const query = readQuery(request, listProjectsQuery);
  return Response.json(await listProjects({ actor, ...query }));
});
