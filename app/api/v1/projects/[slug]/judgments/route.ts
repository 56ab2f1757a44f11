import { projectRoute } from "@/lib/http/project-route";
import { submitJudgmentInput } from "@/lib/validations/judgment";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { choiceOf } from "@/lib/scale/preference-scale";

export const dynamic = "force-dynamic";

/**
 * 201 when stored, 200 when this client_id was already stored (a retry), 409/422 as the domain says.
 * Judging needs membership, but not an ACTIVE project: work done before a lead paused the project is still kept.
 */
export const POST = projectRoute({ access: "view", body: submitJudgmentInput }, async ({ actor, project, body: input }) => {
  const { judgment, created, feedback } = await submitJudgment({ userId: actor.id, project, input });
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
    },
    { status: created ? 201 : 200 },
  );
});
