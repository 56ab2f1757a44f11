import { projectRoute } from "@/lib/http/project-route";
import { getNextPair } from "@/lib/annotate/get-next-pair";
import { nextItemQuery } from "@/lib/validations/next-item";

export const dynamic = "force-dynamic";

/** 200 with the next leased item, 204 when nothing is left for this user. `?view=annotate` adds the rendered pair. */
export const GET = projectRoute({ access: "annotate", query: nextItemQuery }, async ({ actor, project, query }) => {
  const next = await getNextPair({
    userId: actor.id,
    projectId: project.id,
    project,
    excludeExternalIds: query.exclude,
    withView: query.view === "annotate",
  });
  if (!next) return new Response(null, { status: 204 });
  return Response.json(next.view ? { ...next.api, view: next.view } : next.api, { headers: { "Cache-Control": "no-store" } });
});
