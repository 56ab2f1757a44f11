import "server-only";
import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { candidateItemsWhere } from "./candidate-items";
import { claimItem, type Lease } from "./claim-item";
import { reclaimExpiredLeases } from "./reclaim-expired-leases";

export type { Lease } from "./claim-item";

/** SKIP LOCKED passes over rows that short transactions hold; a few retries outlast them. */
const MAX_ATTEMPTS = 6;

/**
 * The next pair for an annotator (design.md, "Annotate"), or null when there
 * is nothing left for them. Resumes a lease they already hold (other than the
 * items in `excludeItemIds`, which the client is showing); otherwise leases
 * the item with the fewest judgments, then the oldest, that they have never
 * judged, skipped or held open, and that still has room under the overlap.
 * The caller checks membership (getProjectForActor with access "annotate").
 */
export async function leaseNextItem(options: {
  userId: string;
  projectId: string;
  excludeItemIds?: readonly string[];
  now?: Date;
}): Promise<Lease | null> {
  const { userId, projectId, excludeItemIds = [], now = new Date() } = options;
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { status: true, overlap: true, leaseMinutes: true },
  });
  if (!project) throw new AppError("not_found", "No such project.");
  if (project.status !== "ACTIVE") {
    throw new AppError("conflict", `This project is ${project.status.toLowerCase()}: it hands out no items now.`);
  }
  await reclaimExpiredLeases({ projectId, now });

  const held = await db.assignment.findFirst({
    where: { userId, open: true, expiresAt: { gt: now }, item: { projectId }, itemId: { notIn: [...excludeItemIds] } },
    orderBy: { leasedAt: "asc" },
    select: { id: true, itemId: true, swapped: true, expiresAt: true, item: { select: { externalId: true } } },
  });
  if (held) {
    const { id, itemId, swapped, expiresAt, item } = held;
    return { assignmentId: id, itemId, externalId: item.externalId, swapped, expiresAt, resumed: true };
  }

  const candidates = candidateItemsWhere({ projectId, userId, overlap: project.overlap, excludeItemIds });
  const expiresAt = new Date(now.getTime() + project.leaseMinutes * 60_000);
  for (let attempt = 1; ; attempt++) {
    const lease = await db.$transaction(
      (tx) => claimItem(tx, { userId, candidates, swapped: randomInt(2) === 1, now, expiresAt }),
      { maxWait: 10_000, timeout: 20_000 },
    );
    if (lease) return lease;
    // Nothing could be locked. Only when no candidate exists at all is the
    // annotator done; otherwise every candidate was locked by a transaction
    // in flight (a submit or another lease) and is worth another look.
    const [left] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Item" i WHERE ${candidates} LIMIT 1) c`;
    if (!left?.n || attempt >= MAX_ATTEMPTS) return null;
    await sleep(5 * attempt + randomInt(10));
  }
}
