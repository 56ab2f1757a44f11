import { projectRoute } from "@/lib/http/project-route";
import { submitJudgmentBody } from "@/lib/validations/judgment";
import { submitAndLeaseNext } from "@/lib/annotate/submit-and-lease-next";
import { choiceOf } from "@/lib/scale/preference-scale";

export const dynamic = "force-dynamic";

/**
 * 201 when stored, 200 when this client_id was already stored (a retry), 409/422 as the domain says.
 * Judging needs membership, but not an ACTIVE project: work done before a lead paused the project is still kept.
 * With `next: true` the answer also carries `next`, the next lease exactly as `GET …/next` answers it (null when
 * nothing is left), and `next_refusal` when the judgment was stored but no lease may be handed out (docs/formats.md).
 */
export const POST = projectRoute({ access: "view", body: submitJudgmentBody }, async ({ actor, project, body: input }) => {
  const { judgment, created, feedback, next, nextRefusal } = await submitAndLeaseNext({ userId: actor.id, project, input });
  return Response.json(
    {
      judgment: {
        item_id: input.item_id,
        // A pair item's answer is a preference; a ranking item's a ranking (never both).
        ...(judgment.preference === null ? { ranking: judgment.ranking } : { preference: judgment.preference, choice: choiceOf(judgment.preference) }),
        client_id: judgment.clientId,
        created_at: judgment.createdAt.toISOString(),
      },
      // Only after a gold item in a project with goldFeedback "training" (docs/formats.md).
      ...(feedback ? { feedback } : {}),
      ...(input.next ? { next: next ? (next.view ? { ...next.api, view: next.view } : next.api) : null } : {}),
      ...(nextRefusal ? { next_refusal: nextRefusal } : {}),
    },
    { status: created ? 201 : 200, headers: input.next ? { "Cache-Control": "no-store" } : undefined },
  );
});
