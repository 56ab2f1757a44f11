import { AppError } from "@/lib/errors";
import { actorRoute } from "@/lib/http/project-route";
import { canCreateProjects } from "@/lib/permissions";
import { createProject } from "@/lib/projects/create-project";
import { listProjects } from "@/lib/projects/list-projects";
import { toProjectJson } from "@/lib/projects/project-json";
import { createProjectInput, listProjectsQuery } from "@/lib/validations/project";

export const dynamic = "force-dynamic";

/** Create a project; the caller (a lead or admin) becomes its lead. */
export const POST = actorRoute(
  {
    // Refused callers are told so before their body is read.
    allow: (actor) => {
      if (!canCreateProjects(actor)) throw new AppError("forbidden", "Only leads and admins can create projects.");
    },
    body: createProjectInput,
  },
  async ({ actor, body }) => Response.json({ project: toProjectJson(await createProject({ actor, input: body })) }, { status: 201 }),
);

/** The projects the caller runs (all of them for an admin), newest first, with progress. */
export const GET = actorRoute({ query: listProjectsQuery }, async ({ actor, query }) => Response.json(await listProjects({ actor, ...query })));
