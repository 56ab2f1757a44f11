import { AppError } from "@/lib/errors";
import { projectRoute } from "@/lib/http/project-route";
import { patchJudgmentBody } from "@/lib/validations/judgment";
import { updateOwnJudgment } from "@/lib/judgments/update-own-judgment";
import { getOwnJudgment } from "@/lib/annotate/get-own-judgment";
import { buildPairView } from "@/lib/annotate/pair-view";
import { readQuery } from "@/lib/http/read-query";
import { rankedResponses } from "@/lib/ranking-items/ranked-responses";
import { ownJudgmentQuery, type OwnJudgmentJson } from "@/lib/validations/annotate-response";

export const dynamic = "force-dynamic";

/** The caller's own judgment of this item with its texts as stored; `?view=annotate` adds the pair rendered as they saw it. */
export const GET = projectRoute({ access: "view", params: ["itemId"] }, async ({ actor, project, params, request }) => {
  const query = readQuery(request, ownJudgmentQuery);
  const judgment = (await getOwnJudgment({ userId: actor.id, projectId: project.id, externalId: params.itemId }))!;
  const { item } = judgment;
  const responses = rankedResponses(item.responses);
  const body: OwnJudgmentJson = {
    item_id: item.externalId,
    prompt: item.prompt as OwnJudgmentJson["prompt"],
    response_a: item.responseA,
    response_b: item.responseB,
    shown_swapped: judgment.shownSwapped,
    ...(responses ? { responses: responses.map((r, index) => ({ index, text: r.text, ...(r.model ? { model: r.model } : {}) })), shown_order: judgment.shownOrder } : {}),
    values: judgment.values,
  };
  if (query.view === "annotate") body.view = await buildPairView(item, judgment.shownSwapped ?? false, null, judgment.shownOrder);
  return Response.json(body);
});

/** Change one's own judgment (Undo, then judge again). */
export const PATCH = projectRoute(
  { access: "view", params: ["itemId"], body: patchJudgmentBody },
  async ({ actor, project, body, params: { itemId } }) => {
    if (body.item_id !== undefined && body.item_id !== itemId) throw new AppError("bad_request", "item_id in the body must match the URL.");
    const judgment = await updateOwnJudgment({ userId: actor.id, project, input: { ...body, item_id: itemId } });
    return Response.json({ judgment: { item_id: itemId, ...(judgment.preference === null ? { ranking: judgment.ranking } : { preference: judgment.preference }), updated_at: judgment.updatedAt.toISOString() } });
  },
);
