import { apiRoute, readJson } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { skipItemInput } from "@/lib/validations/judgment";
import { skipItem } from "@/lib/judgments/skip-item";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** Skip an item with a reason; it is never offered to this annotator again. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "view" });
  const input = await readJson(request, skipItemInput);
  await skipItem({ userId: actor.id, projectId: project.id, input });
  return Response.json({ skipped: input.item_id }, { status: 201 });
});
