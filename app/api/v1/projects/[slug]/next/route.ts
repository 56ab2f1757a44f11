import { apiRoute } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { getNextPair } from "@/lib/annotate/get-next-pair";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** 200 with the next leased item, 204 when nothing is left for this user. `?view=annotate` adds the rendered pair. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "annotate" });
  const url = new URL(request.url);
  const exclude = (url.searchParams.get("exclude") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const next = await getNextPair({
    userId: actor.id,
    projectId: project.id,
    project,
    excludeExternalIds: exclude,
    withView: url.searchParams.get("view") === "annotate",
  });
  if (!next) return new Response(null, { status: 204 });
  return Response.json(next.view ? { ...next.api, view: next.view } : next.api, { headers: { "Cache-Control": "no-store" } });
});
