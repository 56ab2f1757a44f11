import "server-only";
import { db } from "@/lib/db";
import { serveView, type ServedView, type ViewDefinition } from "./stored-view";

export type MemberWork = Record<string, { judgments: number; lastJudgmentAt: string | null }>;

/**
 * Judgments per annotator in a project and their last one: a grouped read of
 * every judgment (over a second at 3M), so the members list and REST read it
 * from a stored view (the kept per-annotator counts can replace it).
 */
export const memberWorkView: ViewDefinition<Record<string, never>, MemberWork> = {
  key: "member-work",
  compute: async (projectId) => {
    const rows = await db.judgment.groupBy({ by: ["userId"], where: { item: { projectId } }, _count: { _all: true }, _max: { createdAt: true } });
    return Object.fromEntries(rows.map((row) => [row.userId, { judgments: row._count._all, lastJudgmentAt: row._max.createdAt?.toISOString() ?? null }]));
  },
};

/** @internal caller has checked access */
export function serveMemberWork(options: { projectId: string }): Promise<ServedView<MemberWork>> {
  return serveView(memberWorkView, { projectId: options.projectId, params: {} });
}
