import { projectRoute } from "@/lib/http/project-route";
import { getProjectStats } from "@/lib/projects/get-project-stats";

export const dynamic = "force-dynamic";

/**
 * Progress of the project, for its leads and admins. Annotators get a 403:
 * their own progress comes with the annotation screen, and the project-wide
 * numbers (members, skips, ties) are the lead's to read.
 */
export const GET = projectRoute({ access: "lead" }, async ({ project }) =>
  Response.json({ stats: await getProjectStats({ projectId: project.id }) }, { headers: { "Cache-Control": "no-store" } }),
);
