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
  // One grouped query over this page's users, on the (userId, createdAt) index.
  const last = page.length
    ? await db.judgment.groupBy({ by: ["userId"], where: { userId: { in: page.map((u) => u.id) } }, _max: { createdAt: true } })
    : [];
  const lastBy = new Map(last.map((row) => [row.userId, row._max.createdAt]));
  return {
    users: page.map(({ _count, ...user }) => ({ ...user, projects: _count.memberships, lastJudgmentAt: lastBy.get(user.id) ?? null })),
    nextCursor: rows.length > limit && page.length ? Buffer.from(page[page.length - 1]!.email).toString("base64url") : null,
  };
}
