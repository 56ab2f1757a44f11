import { projectRoute } from "@/lib/http/project-route";
import { skipItemInput } from "@/lib/validations/judgment";
import { skipItem } from "@/lib/judgments/skip-item";
import { assertJudgmentsOpen } from "@/lib/judgments/assert-judgments-open";
import { listSkips } from "@/lib/items/list-skips";
import { listSkipsQuery, type SkipListJson } from "@/lib/validations/skip-list";

export const dynamic = "force-dynamic";

/** Skip an item with a reason; it is never offered to this annotator again. */
export const POST = projectRoute({ access: "view", body: skipItemInput }, async ({ actor, project, body: input }) => {
  assertJudgmentsOpen(project);
  await skipItem({ userId: actor.id, projectId: project.id, input });
  return Response.json({ skipped: input.item_id }, { status: 201 });
});

/** The project's skips with their reasons, newest first (leads and admins; annotators by pseudonym unless an admin asks). */
export const GET = projectRoute({ access: "lead", query: listSkipsQuery }, async ({ actor, project, query }) => {
  const page = await listSkips({ actor, slug: project.slug, cursor: query.cursor, limit: query.limit, use: "export" });
  return Response.json({
    skips: page.skips.map((skip) => ({ item_id: skip.itemId, reason: skip.reason, annotator: skip.annotator.name, created_at: skip.createdAt.toISOString() })),
    total: page.total,
    total_is_lower_bound: page.totalIsLowerBound,
    next_cursor: page.nextCursor,
  } satisfies SkipListJson);
});
