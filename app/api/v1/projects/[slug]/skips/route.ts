import { projectRoute } from "@/lib/http/project-route";
import { skipItemInput } from "@/lib/validations/judgment";
import { skipItem } from "@/lib/judgments/skip-item";
import { assertJudgmentsOpen } from "@/lib/judgments/assert-judgments-open";

export const dynamic = "force-dynamic";

/** Skip an item with a reason; it is never offered to this annotator again. */
export const POST = projectRoute({ access: "view", body: skipItemInput }, async ({ actor, project, body: input }) => {
  assertJudgmentsOpen(project);
  await skipItem({ userId: actor.id, projectId: project.id, input });
  return Response.json({ skipped: input.item_id }, { status: 201 });
});
