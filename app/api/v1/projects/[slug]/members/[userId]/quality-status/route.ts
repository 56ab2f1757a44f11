import { projectRoute } from "@/lib/http/project-route";
import { qualityStatusBody } from "@/lib/validations/quality-status";
import { setAnnotatorQualityStatus } from "@/lib/quality/set-quality-status";

export const dynamic = "force-dynamic";

/** A lead admits, lets retry, re-admits or pauses an annotator (docs/formats.md, "Gold, qualification and re-checks"). */
export const POST = projectRoute(
  { access: "lead", params: ["userId"], body: qualityStatusBody },
  async ({ actor, project, params: { userId }, body }) => {
    const result = await setAnnotatorQualityStatus({ actor, slug: project.slug, userId, action: body.action });
    return Response.json(result);
  },
);
