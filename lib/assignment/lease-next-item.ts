import "server-only";
import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { candidateItemsWhere } from "./candidate-items";
import { claimItem, type Lease } from "./claim-item";
import { randomDisplayOrder } from "@/lib/ranking-items/ranking";
import { reclaimExpiredLeases } from "./reclaim-expired-leases";
import { refreshPairPrioritiesNowAndThen } from "./refresh-pair-priorities";
import { Prisma } from "@/lib/generated/prisma/client";
import { checksOn, hasQualityRules, qualityRulesSelect, type QualityRules } from "@/lib/quality/quality-rules";
import { leaseCheck } from "@/lib/quality/lease-check";
import { qualityRefusal } from "@/lib/quality/quality-refusal";
import { stoppingRuleOf, stoppingRuleSelect, type StoppingRuleColumns } from "./stopping-rule";

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
export type LeaseRules = { status: string; overlap: number; leaseMinutes: number; sampling?: string } & Partial<QualityRules> &
  Partial<Omit<StoppingRuleColumns, "overlap">>;

/** True when the caller's project carries the stopping rule's columns too. */
function hasRuleColumns(project: LeaseRules): project is LeaseRules & StoppingRuleColumns {
  return project.overlapMin !== undefined && project.overlapMax !== undefined && project.stopShare !== undefined && project.stopOn !== undefined;
}

/** A uniform number in [0, 1) from node:crypto. */
const cryptoRandom = () => randomInt(2 ** 32) / 2 ** 32;

/**
 * The next pair for an annotator (docs/architecture.md, "Leasing and overlap"), or null when there
 * is nothing left for them. Resumes a lease they already hold (other than the
 * items in `excludeItemIds` / `excludeExternalIds`, which the client is
 * showing); otherwise leases the item with the fewest judgments, then the
 * oldest, that they have never judged, skipped or held open, and that still
 * has room under the project's stopping rule (candidate-items.ts). The caller checks membership (getProjectForActor
 * with access "annotate").
 *
 * When the project has gold items or re-checks on (lib/quality/lease-check.ts)
 * the check path decides first: it may hand out a gold item or a re-check
 * (a CheckAnswer lease), or refuse a paused or not-qualified annotator with a
 * 403 whose details say why (docs/formats.md). Otherwise, and when it falls
 * through, the plain path is the one statement of claimItem. With leaderboard
 * sampling on, that statement tries the least settled model pairs first
 * (lib/ranking/pair-priority.ts), from priorities recomputed every few seconds. `random` decides
 * the side order and the checks (tests pass a seeded one).
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
  random?: () => number;
  /** Draws a ranking item's display order; apart from `random` so the side and check draws stay as they were. */
  orderRandom?: () => number;
}): Promise<Lease | null> {
  const { userId, projectId, excludeItemIds = [], excludeExternalIds = [], now = new Date(), random = cryptoRandom, orderRandom = cryptoRandom } = options;
  const project =
    options.project && hasQualityRules(options.project) && hasRuleColumns(options.project) && options.project.sampling !== undefined
      ? options.project
      : await db.project.findUnique({ where: { id: projectId }, select: { status: true, leaseMinutes: true, sampling: true, ...stoppingRuleSelect, ...qualityRulesSelect } });
  if (!project) throw new AppError("not_found", "No such project.");
  if (project.status !== "ACTIVE") {
    throw new AppError("conflict", `This project is ${project.status.toLowerCase()}: it hands out no items now.`);
  }
  await reclaimNowAndThen(projectId, now);
  const checks = hasQualityRules(project) && checksOn(project);
  if (checks) {
    const decision = await leaseCheck({ userId, projectId, rules: { ...project, leaseMinutes: project.leaseMinutes }, excludeItemIds, excludeExternalIds, now, random, orderRandom });
    if (decision !== "normal") return decision;
  }
  // A paused or not-qualified member gets no new item (a held lease is still resumed).
  const candidates = Prisma.sql`${candidateItemsWhere({ projectId, userId, rule: stoppingRuleOf(project), excludeItemIds, excludeExternalIds })}
    AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = ${userId} AND m."projectId" = ${projectId}
                    AND m."qualityStatus" IN ('PAUSED', 'NOT_QUALIFIED'))`;
  const expiresAt = new Date(now.getTime() + project.leaseMinutes * 60_000);
  const leaderboardSampling = project.sampling === "leaderboard";
  if (leaderboardSampling) await refreshPairPrioritiesNowAndThen(projectId, now);
  for (let attempt = 1; ; attempt++) {
    const lease = await claimItem({
      userId,
      projectId,
      candidates,
      excludeItemIds,
      excludeExternalIds,
      swapped: random() < 0.5,
      order9: randomDisplayOrder(9, orderRandom),
      now,
      expiresAt,
      leaderboardSampling,
    });
    if (lease) return lease;
    // Nothing could be locked. Only when no candidate exists at all is the
    // annotator done; otherwise every candidate was locked by a statement
    // in flight (a submit or another lease) and is worth another look.
    const [left] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Item" i WHERE ${candidates} LIMIT 1) c`;
    if (!left?.n && !checks) await refuseIfStopped(userId, projectId, project);
    if (!left?.n || attempt >= MAX_ATTEMPTS) return null;
    await sleep(5 * attempt + randomInt(10));
  }
}

/** Nothing was left: say so as the quality refusal when the member is paused or not qualified. */
async function refuseIfStopped(userId: string, projectId: string, project: Partial<QualityRules>): Promise<void> {
  const membership = await db.membership.findUnique({
    where: { userId_projectId: { userId, projectId } },
    select: { qualityStatus: true, qualifyingSince: true },
  });
  if (!membership || membership.qualityStatus === "ACTIVE" || membership.qualityStatus === "QUALIFYING") return;
  const refusal = await qualityRefusal({
    userId,
    projectId,
    membership,
    project: { qualificationItems: project.qualificationItems ?? 0, qualificationPassMark: project.qualificationPassMark ?? 0.8 },
  });
  if (refusal) throw refusal;
}
