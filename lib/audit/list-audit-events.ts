import "server-only";
import { db } from "@/lib/db";
import { assertCanUseAdminArea, getProjectForActor, isAdmin, type Actor } from "@/lib/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/validations/storable";

export type AuditEventRow = {
  id: string;
  action: string;
  createdAt: Date;
  actor: { name: string; email: string } | null;
  project: { slug: string; name: string } | null;
  details: unknown;
};

/**
 * The audit log, newest first, `limit` at a time. Admins see every event;
 * leads see the events of the projects they lead (account and token events
 * have no project and stay admin-only). `action` is an exact action
 * ("member.added") or a group without a dot ("member" → every "member.*").
 */
export async function listAuditEvents(options: {
  actor: Actor;
  projectSlug?: string;
  action?: string;
  cursor?: string;
  limit?: number;
}): Promise<{ events: AuditEventRow[]; nextCursor: string | null }> {
  const { actor, projectSlug, action } = options;
  assertCanUseAdminArea(actor);
  // Text the database cannot compare (a NUL) names no project and no action: refused here, not a 500 from the query.
  for (const [name, value] of [["project", projectSlug], ["action", action]] as const) {
    if (value !== undefined && !isStorableText(value)) throw new AppError("bad_request", `${name}: contains a NUL character or broken Unicode`);
  }
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const where: Prisma.AuditEventWhereInput[] = [];
  if (projectSlug) {
    const project = await getProjectForActor({ actor, slug: projectSlug, access: "lead" });
    where.push({ projectId: project.id });
  } else if (!isAdmin(actor)) {
    where.push({ project: { memberships: { some: { userId: actor.id, role: "LEAD" } } } });
  }
  if (action) where.push(action.includes(".") ? { action } : { action: { startsWith: `${action}.` } });
  const after = decodeCursor(options.cursor);
  // The plain bound is what the index scan starts from; the OR alone would only filter.
  if (after) where.push({ createdAt: { lte: after.at } }, { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
  const rows = await db.auditEvent.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      action: true,
      createdAt: true,
      details: true,
      actor: { select: { name: true, email: true } },
      project: { select: { slug: true, name: true } },
    },
  });
  const events = rows.slice(0, limit);
  const last = events[events.length - 1];
  return { events, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
