import { projectRoute } from "@/lib/http/project-route";
import { getJudgedPair } from "@/lib/annotate/get-judged-pair";

export const dynamic = "force-dynamic";

/** The caller's most recent judgment in the project with its pair (204 when none): Undo after a reload. */
export const GET = projectRoute({ access: "view" }, async ({ actor, project }) => {
  const pair = await getJudgedPair({ userId: actor.id, projectId: project.id });
  return pair ? Response.json(pair) : new Response(null, { status: 204 });
});
