import "server-only";
import { db } from "@/lib/db";
import { assertAdmin, type Actor } from "@/lib/permissions";
import type { Prisma, Role } from "@/lib/generated/prisma/client";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** Comes from imported judgments; has no login. */
  external: boolean;
  createdAt: Date;
  projects: number;
  lastJudgmentAt: Date | null;
};

/**
 * Users for the admin users page, by email, `limit` at a time (the cursor is
 * the last email shown, base64url-encoded: unique, so the keyset is exact).
 * Admins only.
 * External annotators (from imported judgments) are left out unless asked for.
 */
export async function listUsers(options: {
  actor: Actor;
  search?: string;
  cursor?: string;
  limit?: number;
  includeExternal?: boolean;
}): Promise<{ users: UserRow[]; nextCursor: string | null }> {
  assertAdmin(options.actor);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const search = options.search?.trim();
  const where: Prisma.UserWhereInput = {
    ...(options.includeExternal ? {} : { external: false }),
    ...(search ? { OR: [{ email: { contains: search, mode: "insensitive" } }, { name: { contains: search, mode: "insensitive" } }] } : {}),
    ...(options.cursor ? { email: { gt: Buffer.from(options.cursor, "base64url").toString("utf8") } } : {}),
  };
  const rows = await db.user.findMany({
    where,
    orderBy: { email: "asc" },
    take: limit + 1,
    select: { id: true, email: true, name: true, role: true, disabled: true, external: true, createdAt: true, _count: { select: { memberships: true } } },
  });
  const page = rows.slice(0, limit);
  // Each user's latest judgment: one backward step on the Judgment(userId, createdAt)
  // index per user of the page (max() over an index is a LIMIT 1 read), never
  // a scan of everything they judged (bench/plans/users-last-judgment.txt).
  const last = page.length
    ? await db.$queryRaw<{ userId: string; last: Date | null }[]>`
        SELECT u."id" AS "userId", (SELECT max(j."createdAt") FROM "Judgment" j WHERE j."userId" = u."id") AS "last"
        FROM unnest(${page.map((u) => u.id)}::text[]) AS u("id")`
    : [];
  const lastBy = new Map(last.map((row) => [row.userId, row.last === null ? null : new Date(row.last)]));
  return {
    users: page.map(({ _count, ...user }) => ({ ...user, projects: _count.memberships, lastJudgmentAt: lastBy.get(user.id) ?? null })),
    nextCursor: rows.length > limit && page.length ? Buffer.from(page[page.length - 1]!.email).toString("base64url") : null,
  };
}
