import { apiRoute, readJson } from "@/lib/http/api-route";
import { actorFromRequest } from "@/lib/auth/session";
import { getProjectForActor } from "@/lib/permissions";
import { submitJudgmentInput } from "@/lib/validations/judgment";
import { submitJudgment } from "@/lib/judgments/submit-judgment";
import { choiceOf } from "@/lib/scale/preference-scale";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

/** 201 when stored, 200 when this client_id was already stored (a retry), 409/422 as the domain says. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const { slug } = await params;
  const actor = await actorFromRequest(request);
  // Judging needs membership, but not an ACTIVE project: work done before a
  // lead paused the project is still kept.
  const project = await getProjectForActor({ actor, slug, access: "view" });
  const input = await readJson(request, submitJudgmentInput);
  const { judgment, created } = await submitJudgment({ userId: actor.id, project, input });
  return Response.json(
    {
      judgment: {
        item_id: input.item_id,
        preference: judgment.preference,
        choice: choiceOf(judgment.preference),
        client_id: judgment.clientId,
        created_at: judgment.createdAt.toISOString(),
      },
    },
    { status: created ? 201 : 200 },
  );
});
