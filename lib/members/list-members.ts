import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getProjectForActor, type Actor } from "@/lib/permissions";
import { decodeKeyset, encodeKeyset, pageLimit } from "@/lib/pagination/cursor";
import { AppError } from "@/lib/errors";
import { isRepresentableDate } from "@/lib/validations/query-params";
import type { MemberJson } from "@/lib/validations/project-response";
import { serveMemberWork } from "@/lib/views/member-work-view";
import type { ServedView } from "@/lib/views/stored-view";

export type MemberPage = {
  members: MemberJson[];
  nextCursor: string | null;
  /** All members of the project (a project has hundreds at most, so this count is cheap). */
  total: number;
  /** When the judgment counts were computed (a stored view: grouping every judgment is too slow to do per page view). */
  work: Omit<ServedView<unknown>, "payload">;
};

// Leads first: the enum's order in the database (ProjectRole: LEAD, ANNOTATOR).
const ROLES = ["LEAD", "ANNOTATOR"] as const;

/**
 * The members of a project, for its leads and admins, one page at a time
 * (keyset on role, join time, id; at most 200 a page): who, which role, how
 * much they judged and when last. The counts come from the "member-work"
 * stored view, with its "as of" time.
 */
export async function listMembers(options: { actor: Actor; slug: string; cursor?: string; limit?: number }): Promise<MemberPage> {
  const project = await getProjectForActor({ actor: options.actor, slug: options.slug, access: "lead" });
  const limit = pageLimit(options.limit, { fallback: 100, max: 200 });
  const where: Prisma.MembershipWhereInput[] = [{ projectId: project.id }];
  const after = decodeKeyset(options.cursor, 3);
  if (after) {
    const [role, at, id] = after as [string, string, string];
    const rank = ROLES.indexOf(role as (typeof ROLES)[number]);
    const joined = new Date(at);
    if (rank < 0 || !isRepresentableDate(joined)) throw new AppError("bad_request", "cursor: not a cursor this API gave out (pass next_cursor back unchanged)");
    const sameRole = ROLES[rank]!;
    where.push({
      OR: [
        { role: { in: [...ROLES.slice(rank + 1)] } },
        { role: sameRole, createdAt: { gt: joined } },
        { role: sameRole, createdAt: joined, id: { gt: id } },
      ],
    });
  }
  const [rows, total, work] = await Promise.all([
    db.membership.findMany({
      where: { AND: where },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    }),
    db.membership.count({ where: { projectId: project.id } }),
    serveMemberWork({ projectId: project.id }),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const { payload, ...freshness } = work;
  return {
    members: page.map(({ role, createdAt, user }) => ({
      user_id: user.id,
      email: user.email,
      name: user.name,
      role: role === "LEAD" ? "lead" : "annotator",
      judgments: payload?.[user.id]?.judgments ?? 0,
      last_judgment_at: payload?.[user.id]?.lastJudgmentAt ?? null,
      joined_at: createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeKeyset([last.role, last.createdAt.toISOString(), last.id]) : null,
    total,
    work: freshness,
  };
}
