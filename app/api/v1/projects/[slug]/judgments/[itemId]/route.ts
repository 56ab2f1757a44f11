import { apiRoute, readJson } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { submitJudgmentInput } from "@/lib/validations/judgment";
import { updateOwnJudgment } from "@/lib/judgments/update-own-judgment";
import { getJudgedPair } from "@/lib/annotate/get-judged-pair";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; itemId: string }> };

/** The caller's own judgment of this item, with the pair as they saw it (for Undo). */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { slug, itemId } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "view" });
  const pair = await getJudgedPair({ userId: actor.id, projectId: project.id, externalId: itemId });
  return Response.json(pair);
});

/** Change one's own judgment (Undo, then judge again). */
export const PATCH = apiRoute(async (request: Request, { params }: Context) => {
  const { slug, itemId } = await params;
  const actor = await actorFromRequest(request);
  const project = await getProjectForActor({ actor, slug, access: "view" });
  const input = await readJson(request, submitJudgmentInput);
  if (input.item_id !== itemId) throw new AppError("bad_request", "item_id in the body must match the URL.");
  const judgment = await updateOwnJudgment({ userId: actor.id, project, input });
  return Response.json({ judgment: { item_id: itemId, preference: judgment.preference, updated_at: judgment.updatedAt.toISOString() } });
});
