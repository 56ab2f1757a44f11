import { AppError } from "@/lib/errors";
import { projectRoute } from "@/lib/http/project-route";
import { patchJudgmentBody } from "@/lib/validations/judgment";
import { updateOwnJudgment } from "@/lib/judgments/update-own-judgment";
import { getJudgedPair } from "@/lib/annotate/get-judged-pair";

export const dynamic = "force-dynamic";

/** The caller's own judgment of this item, with the pair as they saw it (for Undo). */
export const GET = projectRoute({ access: "view", params: ["itemId"] }, async ({ actor, project, params }) =>
  Response.json(await getJudgedPair({ userId: actor.id, projectId: project.id, externalId: params.itemId })),
);

/** Change one's own judgment (Undo, then judge again). */
export const PATCH = projectRoute(
  { access: "view", params: ["itemId"], body: patchJudgmentBody },
  async ({ actor, project, body, params: { itemId } }) => {
    if (body.item_id !== undefined && body.item_id !== itemId) throw new AppError("bad_request", "item_id in the body must match the URL.");
    const judgment = await updateOwnJudgment({ userId: actor.id, project, input: { ...body, item_id: itemId } });
    return Response.json({ judgment: { item_id: itemId, preference: judgment.preference, updated_at: judgment.updatedAt.toISOString() } });
  },
);
