import { db } from "@/lib/db";
import type { MemberJson } from "@/lib/validations/project-response";
import { readUserTallies } from "@/lib/counts/read-user-tallies";

/**
 * Members of a project with their work in it: one query for the members, one
 * for their kept counts (ProjectUserTally: judgments, last judgment time). Leads
 * first, then by join date. `userIds` narrows it to some members.
 *
 * @internal caller has checked access
 */
export async function readMembers(projectId: string, userIds?: string[]): Promise<MemberJson[]> {
  const memberships = await db.membership.findMany({
    where: { projectId, ...(userIds ? { userId: { in: userIds } } : {}) },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (memberships.length === 0) return [];
  const work = await readUserTallies(projectId, memberships.map((m) => m.user.id));
  const workOf = new Map(work.map((row) => [row.userId, row]));
  return memberships.map(({ role, createdAt, user }) => {
    const done = workOf.get(user.id);
    return {
      user_id: user.id,
      email: user.email,
      name: user.name,
      role: role === "LEAD" ? "lead" : "annotator",
      judgments: done?.judgments ?? 0,
      last_judgment_at: done?.lastJudgmentAt?.toISOString() ?? null,
      joined_at: createdAt.toISOString(),
    };
  });
}
