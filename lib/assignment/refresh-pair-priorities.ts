import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { readModelPairCounts } from "@/lib/ranking/model-pair-counts";
import { pairCounts } from "@/lib/ranking/project-leaderboard";
import { pairPriorities, type ModelPair } from "@/lib/ranking/pair-priority";

/**
 * How stale the pair priorities may get. A recompute reads a few dozen pair
 * counts and fits a handful of models, so every few seconds is cheap; between
 * recomputes the random pick within a tier spreads the leases over its pairs.
 */
export const PAIR_PRIORITIES_EVERY_MS = 5_000;
const lastCheck = new Map<string, number>();

/**
 * Recomputes the project's ModelPairPriority rows when they are older than
 * PAIR_PRIORITIES_EVERY_MS (in the caller's clock, `now`, so tests can move
 * it). This process asks at most that often; across processes the conditional
 * UPDATE of Project.pairPrioritiesAt lets exactly one of them win each
 * recompute. True when this call recomputed.
 *
 * @internal caller has checked access
 */
export async function refreshPairPrioritiesNowAndThen(projectId: string, now: Date): Promise<boolean> {
  const last = lastCheck.get(projectId);
  const elapsed = last === undefined ? Infinity : now.getTime() - last;
  if (elapsed >= 0 && elapsed < PAIR_PRIORITIES_EVERY_MS) return false;
  lastCheck.set(projectId, now.getTime());
  if (lastCheck.size > 10_000) lastCheck.clear();
  const due = new Date(now.getTime() - PAIR_PRIORITIES_EVERY_MS);
  const won = await db.$executeRaw`
    UPDATE "Project" SET "pairPrioritiesAt" = ${now}
    WHERE "id" = ${projectId} AND ("pairPrioritiesAt" IS NULL OR "pairPrioritiesAt" <= ${due})`;
  if (won === 0) return false;
  await refreshPairPriorities(projectId);
  return true;
}

/**
 * Recomputes the project's pair priorities now (lib/ranking/pair-priority.ts)
 * and replaces its ModelPairPriority rows in one transaction, so a lease reads
 * either the old set or the new one.
 *
 * @internal caller has checked access
 */
export async function refreshPairPriorities(projectId: string): Promise<void> {
  const [pairs, counts] = await Promise.all([listModelPairs(projectId), readModelPairCounts(projectId).then(pairCounts)]);
  const rows = pairPriorities(pairs, counts);
  // Should two recomputes ever overlap (one ran past the interval), the lock
  // on the project row queues the second writer behind the first, which it
  // then overwrites; without it their deletes and inserts can deadlock.
  const upsert = rows.length
    ? db.$executeRaw`
        INSERT INTO "ModelPairPriority" ("projectId", "modelLow", "modelHigh", "tier", "weight", "comparisons", "moreNeeded")
        VALUES ${Prisma.join(rows.map((p) => Prisma.sql`(${projectId}, ${p.a}, ${p.b}, ${p.tier}, ${p.weight}, ${p.comparisons}, ${p.more_needed})`))}
        ON CONFLICT ("projectId", "modelLow", "modelHigh") DO UPDATE
          SET "tier" = EXCLUDED."tier", "weight" = EXCLUDED."weight", "comparisons" = EXCLUDED."comparisons", "moreNeeded" = EXCLUDED."moreNeeded"`
    : db.$executeRaw`SELECT 1`;
  await db.$transaction([
    db.$queryRaw`SELECT 1 FROM "Project" WHERE "id" = ${projectId} FOR NO KEY UPDATE`,
    db.modelPairPriority.deleteMany({ where: { projectId } }),
    upsert,
  ]);
}

/**
 * The project's distinct unordered model pairs among its items, by a skip scan
 * of the (projectId, LEAST, GREATEST, …) index: one index probe per pair, not
 * a pass over a million items. An item with one model missing shows as
 * (x, x), with both missing as (null, null), which ends the scan; both are
 * dropped here.
 *
 * @internal caller has checked access
 */
export async function listModelPairs(projectId: string): Promise<ModelPair[]> {
  const rows = await db.$queryRaw<{ lo: string | null; hi: string | null }[]>`
    WITH RECURSIVE pairs AS (
      (SELECT LEAST(i."modelA", i."modelB") AS lo, GREATEST(i."modelA", i."modelB") AS hi
         FROM "Item" i WHERE i."projectId" = ${projectId}
         ORDER BY 1, 2 LIMIT 1)
      UNION ALL
      SELECT n.lo, n.hi FROM pairs p CROSS JOIN LATERAL (
        SELECT LEAST(i."modelA", i."modelB") AS lo, GREATEST(i."modelA", i."modelB") AS hi
          FROM "Item" i
         WHERE i."projectId" = ${projectId}
           AND (LEAST(i."modelA", i."modelB"), GREATEST(i."modelA", i."modelB")) > (p.lo, p.hi)
         ORDER BY 1, 2 LIMIT 1) n
    )
    SELECT lo, hi FROM pairs`;
  return rows.filter((r): r is ModelPair & { lo: string; hi: string } => Boolean(r.lo && r.hi && r.lo !== r.hi)).map((r) => ({ a: r.lo, b: r.hi }));
}
