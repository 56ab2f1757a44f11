import { projectRoute } from "@/lib/http/project-route";
import { updateProject } from "@/lib/projects/update-project";
import { toProjectJson } from "@/lib/projects/project-json";
import { updateProjectInput } from "@/lib/validations/project";

export const dynamic = "force-dynamic";

/** A project's settings and guidelines: for its members (annotators read the guidelines) and admins. */
export const GET = projectRoute({ access: "view" }, async ({ project }) => Response.json({ project: toProjectJson(project) }));

/** Change any subset of the settings (leads of the project and admins). */
export const PATCH = projectRoute({ access: "lead", body: updateProjectInput }, async ({ actor, project, body }) =>
  Response.json({ project: toProjectJson(await updateProject({ actor, slug: project.slug, input: body })) }),
);
