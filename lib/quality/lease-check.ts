import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { newRowId } from "@/lib/assignment/new-row-id";
import type { Lease } from "@/lib/assignment/claim-item";
import type { QualityRules } from "./quality-rules";
import { qualityRefusal } from "./quality-refusal";
import { randomDisplayOrder } from "@/lib/ranking-items/ranking";
import { excludedItemsSql } from "@/lib/assignment/candidate-items";

type Tx = Prisma.TransactionClient;
type CheckRow = { id: string; itemId: string; swapped: boolean; displayOrder: number[]; expiresAt: Date };

/** What the check path decided: a check lease, "normal" (go on to the plain lease path), or null (nothing for this annotator now). */
export type CheckDecision = Lease | "normal" | null;

async function toLease(tx: Tx, row: CheckRow, resumed: boolean): Promise<Lease> {
  const item = await tx.item.findUniqueOrThrow({
    where: { id: row.itemId },
    select: { externalId: true, prompt: true, responseA: true, responseB: true, responses: true },
  });
  return {
    assignmentId: row.id,
    itemId: row.itemId,
    externalId: item.externalId,
    swapped: row.swapped,
    displayOrder: row.displayOrder,
    expiresAt: row.expiresAt,
    resumed,
    pair: { prompt: item.prompt, responseA: item.responseA, responseB: item.responseB, responses: item.responses },
  };
}

/** A gold item of the project the user has not answered since `since` (never-seen ones first), leased as a check. */
async function leaseGold(
  tx: Tx,
  o: { userId: string; projectId: string; since: Date; excluded: Prisma.Sql; swapped: boolean; order9: number[]; seed: string; now: Date; expiresAt: Date },
): Promise<CheckRow | null> {
  // A gold ranking item gets a display order as in claimItem (order9 without the indices ≥ K).
  const rows = await tx.$queryRaw<CheckRow[]>`
    WITH picked AS (
      SELECT i."id",
             CASE WHEN i."responses" IS NULL THEN ARRAY[]::int[]
                  ELSE ARRAY(SELECT o.x FROM unnest(${o.order9}::int[]) WITH ORDINALITY AS o(x, n)
                             WHERE o.x < jsonb_array_length(i."responses") ORDER BY o.n) END AS "displayOrder"
      FROM "Item" i
      WHERE i."projectId" = ${o.projectId} AND (i."goldPreference" IS NOT NULL OR i."goldRanking" IS NOT NULL) ${o.excluded}
        AND NOT EXISTS (
          SELECT 1 FROM "CheckAnswer" c WHERE c."itemId" = i."id" AND c."userId" = ${o.userId}
            AND (c."open" OR c."answeredAt" >= ${o.since}))
      ORDER BY EXISTS (SELECT 1 FROM "CheckAnswer" c WHERE c."itemId" = i."id" AND c."userId" = ${o.userId}), md5(i."id" || ${o.seed})
      LIMIT 1
    )
    INSERT INTO "CheckAnswer" ("id", "projectId", "itemId", "userId", "kind", "swapped", "displayOrder", "leasedAt", "expiresAt", "open")
    SELECT ${newRowId()}, ${o.projectId}, p."id", ${o.userId}, 'GOLD', ${o.swapped}, p."displayOrder", ${o.now}, ${o.expiresAt}, true FROM picked p
    RETURNING "id", "itemId", "swapped", "displayOrder", "expiresAt"`;
  return rows[0] ?? null;
}

/**
 * A swapped re-check (pair items only: a ranking has no sides to swap), when the user's share of them is below `recheckRate`:
 * one of their judgments in the project with at least `recheckMinGap` of
 * their later judgments after it and no re-check yet, shown with the sides
 * opposite to how it was judged. Judgment ids are unique in CheckAnswer, so a
 * judgment is re-checked at most once; a re-check lease that expired
 * unanswered is reopened rather than doubled.
 */
async function leaseRecheck(
  tx: Tx,
  o: { userId: string; projectId: string; rules: QualityRules; excluded: Prisma.Sql; seed: string; now: Date; expiresAt: Date },
): Promise<CheckRow | null> {
  const [share] = await tx.$queryRaw<{ judged: number; checks: number }[]>`
    SELECT (SELECT count(*)::int FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
             WHERE j."userId" = ${o.userId} AND i."projectId" = ${o.projectId} AND i."goldPreference" IS NULL AND i."responses" IS NULL) AS "judged",
           (SELECT count(*)::int FROM "CheckAnswer" c
             WHERE c."userId" = ${o.userId} AND c."projectId" = ${o.projectId} AND c."kind" = 'RECHECK'
               AND (c."open" OR c."answeredAt" IS NOT NULL)) AS "checks"`;
  if (!share || share.checks >= o.rules.recheckRate * share.judged) return null;
  const rows = await tx.$queryRaw<CheckRow[]>`
    WITH mine AS (
      SELECT j."id", j."itemId", j."shownSwapped",
             row_number() OVER (ORDER BY j."createdAt" DESC, j."id" DESC) - 1 AS "later"
      FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId"
      WHERE j."userId" = ${o.userId} AND i."projectId" = ${o.projectId} AND i."goldPreference" IS NULL AND i."responses" IS NULL ${o.excluded}
    ), picked AS (
      SELECT m."id", m."itemId", m."shownSwapped" FROM mine m
      WHERE m."later" >= ${o.rules.recheckMinGap}
        AND NOT EXISTS (SELECT 1 FROM "CheckAnswer" c WHERE c."judgmentId" = m."id" AND (c."open" OR c."answeredAt" IS NOT NULL))
      ORDER BY md5(m."id" || ${o.seed})
      LIMIT 1
    )
    INSERT INTO "CheckAnswer" ("id", "projectId", "itemId", "userId", "kind", "judgmentId", "swapped", "leasedAt", "expiresAt", "open")
    SELECT ${newRowId()}, ${o.projectId}, p."itemId", ${o.userId}, 'RECHECK', p."id", NOT p."shownSwapped", ${o.now}, ${o.expiresAt}, true
    FROM picked p
    ON CONFLICT ("judgmentId") DO UPDATE
      SET "open" = true, "leasedAt" = EXCLUDED."leasedAt", "expiresAt" = EXCLUDED."expiresAt", "swapped" = EXCLUDED."swapped"
      WHERE "CheckAnswer"."answeredAt" IS NULL AND NOT "CheckAnswer"."open"
    RETURNING "id", "itemId", "swapped", "displayOrder", "expiresAt"`;
  return rows[0] ?? null;
}

/**
 * The check half of leasing (docs/architecture.md, "Leasing and overlap"),
 * run when the project has gold items or re-checks on. In one transaction
 * that locks the user's membership row (so two tabs cannot both open a
 * check): resume the oldest lease the user holds, a check or an assignment;
 * refuse a paused or not-qualified annotator; give a qualifying one gold
 * items only; and give an active one a gold item about one time in
 * `goldRate`, or a re-check when their share is short.
 *
 * `random()` in [0, 1) decides; tests pass a seeded one.
 *
 * @internal caller has checked access
 */
export async function leaseCheck(options: {
  userId: string;
  projectId: string;
  rules: QualityRules & { leaseMinutes: number };
  excludeItemIds: readonly string[];
  excludeExternalIds: readonly string[];
  now: Date;
  random: () => number;
  orderRandom: () => number;
}): Promise<CheckDecision> {
  const { userId, projectId, rules, now, random } = options;
  const excluded = excludedItemsSql(options);
  const expiresAt = new Date(now.getTime() + rules.leaseMinutes * 60_000);
  const seed = String(Math.floor(random() * 1e12));
  const decision = await db.$transaction(async (tx): Promise<CheckDecision | { refuse: { qualityStatus: string; qualifyingSince: Date | null } }> => {
    const [membership] = await tx.$queryRaw<{ qualityStatus: string; qualifyingSince: Date | null }[]>`
      SELECT m."qualityStatus"::text AS "qualityStatus", m."qualifyingSince" FROM "Membership" m
      WHERE m."userId" = ${userId} AND m."projectId" = ${projectId} FOR UPDATE`;
    // Expired check leases close (unanswered); a late answer is still taken (submit-check.ts).
    await tx.$executeRaw`
      UPDATE "CheckAnswer" SET "open" = false
      WHERE "userId" = ${userId} AND "projectId" = ${projectId} AND "open" AND "expiresAt" <= ${now}`;
    const [held] = await tx.$queryRaw<{ kind: string; id: string }[]>`
      SELECT h."kind", h."id" FROM (
        SELECT 'assignment' AS "kind", a."id", a."leasedAt" FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
        WHERE a."userId" = ${userId} AND a."open" AND a."expiresAt" > ${now} AND i."projectId" = ${projectId} ${excluded}
        UNION ALL
        SELECT 'check', c."id", c."leasedAt" FROM "CheckAnswer" c JOIN "Item" i ON i."id" = c."itemId"
        WHERE c."userId" = ${userId} AND c."projectId" = ${projectId} AND c."open" ${excluded}
      ) h ORDER BY h."leasedAt" LIMIT 1`;
    if (held?.kind === "assignment") return "normal";
    if (held) {
      const row = await tx.checkAnswer.findUniqueOrThrow({ where: { id: held.id }, select: { id: true, itemId: true, swapped: true, displayOrder: true, expiresAt: true } });
      return toLease(tx, row, true);
    }
    const status = membership?.qualityStatus ?? "ACTIVE";
    if (status === "PAUSED" || status === "NOT_QUALIFIED") return { refuse: membership! };
    const swapped = random() < 0.5;
    const order9 = randomDisplayOrder(9, options.orderRandom);
    if (status === "QUALIFYING" && rules.qualificationItems > 0) {
      const since = membership?.qualifyingSince ?? new Date(0);
      const row = await leaseGold(tx, { userId, projectId, since, excluded, swapped, order9, seed, now, expiresAt });
      return row ? toLease(tx, row, false) : null;
    }
    if (rules.goldRate > 0 && random() * rules.goldRate < 1) {
      const row = await leaseGold(tx, { userId, projectId, since: new Date(0), excluded, swapped, order9, seed, now, expiresAt });
      if (row) return toLease(tx, row, false);
    }
    if (rules.recheckRate > 0) {
      const row = await leaseRecheck(tx, { userId, projectId, rules, excluded, seed, now, expiresAt });
      if (row) return toLease(tx, row, false);
    }
    return "normal";
  }, { maxWait: 15_000, timeout: 30_000 });
  if (decision && typeof decision === "object" && "refuse" in decision) {
    throw (await qualityRefusal({ userId, projectId, membership: decision.refuse, project: rules }))!;
  }
  return decision as CheckDecision;
}
