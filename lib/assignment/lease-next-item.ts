import "server-only";
import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { candidateItemsWhere } from "./candidate-items";
import { claimItem, type Lease } from "./claim-item";
import { reclaimExpiredLeases } from "./reclaim-expired-leases";

export type { Lease, LeasedPair } from "./claim-item";

/** SKIP LOCKED passes over rows that short transactions hold; a few retries outlast them. */
const MAX_ATTEMPTS = 6;

/**
 * How often one process sweeps a project's expired leases. Leases last
 * minutes (30 by default), so a few seconds' delay in freeing a slot changes
 * nothing, while sweeping on every lease was one more round trip per request
 * (bench/RESULTS.md). Keyed by project, in the caller's clock (`now`), so
 * tests that move the clock forward still see every sweep.
 */
const RECLAIM_EVERY_MS = 5_000;
const lastReclaim = new Map<string, number>();

async function reclaimNowAndThen(projectId: string, now: Date): Promise<void> {
  const last = lastReclaim.get(projectId);
  const elapsed = last === undefined ? Infinity : now.getTime() - last;
  if (elapsed >= 0 && elapsed < RECLAIM_EVERY_MS) return;
  lastReclaim.set(projectId, now.getTime());
  if (lastReclaim.size > 10_000) lastReclaim.clear();
  await reclaimExpiredLeases({ projectId, now });
}

/** The project settings leasing needs; pass them when the caller has read the project already. */
export type LeaseRules = { status: string; overlap: number; leaseMinutes: number };

/**
 * The next pair for an annotator (docs/architecture.md, "Leasing and overlap"), or null when there
 * is nothing left for them. Resumes a lease they already hold (other than the
 * items in `excludeItemIds` / `excludeExternalIds`, which the client is
 * showing); otherwise leases the item with the fewest judgments, then the
 * oldest, that they have never judged, skipped or held open, and that still
 * has room under the overlap. The caller checks membership (getProjectForActor
 * with access "annotate").
 *
 * @internal caller has checked access
 */
export async function leaseNextItem(options: {
  userId: string;
  projectId: string;
  project?: LeaseRules;
  excludeItemIds?: readonly string[];
  excludeExternalIds?: readonly string[];
  now?: Date;
}): Promise<Lease | null> {
  const { userId, projectId, excludeItemIds = [], excludeExternalIds = [], now = new Date() } = options;
  const project =
    options.project ??
    (await db.project.findUnique({ where: { id: projectId }, select: { status: true, overlap: true, leaseMinutes: true } }));
  if (!project) throw new AppError("not_found", "No such project.");
  if (project.status !== "ACTIVE") {
    throw new AppError("conflict", `This project is ${project.status.toLowerCase()}: it hands out no items now.`);
  }
  await reclaimNowAndThen(projectId, now);
  const candidates = candidateItemsWhere({ projectId, userId, overlap: project.overlap, excludeItemIds, excludeExternalIds });
  const expiresAt = new Date(now.getTime() + project.leaseMinutes * 60_000);
  for (let attempt = 1; ; attempt++) {
    const lease = await claimItem({
      userId,
      projectId,
      candidates,
      excludeItemIds,
      excludeExternalIds,
      swapped: randomInt(2) === 1,
      now,
      expiresAt,
    });
    if (lease) return lease;
    // Nothing could be locked. Only when no candidate exists at all is the
    // annotator done; otherwise every candidate was locked by a statement
    // in flight (a submit or another lease) and is worth another look.
    const [left] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Item" i WHERE ${candidates} LIMIT 1) c`;
    if (!left?.n || attempt >= MAX_ATTEMPTS) return null;
    await sleep(5 * attempt + randomInt(10));
  }
}
