import { randomBytes, randomInt } from "node:crypto";
import pg from "pg";
import { summarize } from "./stats";
import type { EndpointReport } from "./annotators";

/**
 * The database alone doing what one judgment costs it in the app: lease the
 * next item (the same candidate query with FOR NO KEY UPDATE SKIP LOCKED,
 * upsert the assignment, count the lease on the item, read the pair) and
 * store the judgment (insert, close the assignment, update the counters), in
 * the same transactions, through `pg`, with the same number of concurrent
 * annotators over a pool as large as the app's (DATABASE_POOL_SIZE, 20).
 * No HTTP, no auth, no Prisma: what the hardware allows, to divide by.
 */
const CANDIDATES = `
  i."projectId" = $1 AND i."judgmentCount" < $3 AND i."judgmentCount" + i."activeLeases" < $3
  AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."itemId" = i."id" AND j."userId" = $2)
  AND NOT EXISTS (SELECT 1 FROM "Skip" s WHERE s."itemId" = i."id" AND s."userId" = $2)
  AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."itemId" = i."id" AND a."userId" = $2 AND a."open")`;

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function runDatabaseBaseline(options: {
  databaseUrl: string;
  projectId: string;
  overlap: number;
  userIds: string[];
  durationMs: number;
  warmupMs: number;
  poolSize: number;
}): Promise<{ judgments: number; judgments_per_s: number; endpoints: Record<"lease" | "submit", EndpointReport>; errors: string[] }> {
  const { projectId, overlap, userIds, durationMs, warmupMs } = options;
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  const latencies = { lease: [] as number[], submit: [] as number[] };
  const errors = new Set<string>();
  let judgments = 0;
  const inWindow = (began: number, ms: number) => began >= measureFrom && began + ms <= stopAt;

  async function annotate(userId: string) {
    while (performance.now() < stopAt) {
      let began = performance.now();
      let lease: { id: string; assignment: string } | null;
      try {
        lease = await inTransaction(pool, async (client) => {
          const { rows } = await client.query<{ id: string }>(
            `SELECT i."id" FROM "Item" i WHERE ${CANDIDATES} ORDER BY i."judgmentCount", i."createdAt" LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED`,
            [projectId, userId, overlap],
          );
          if (!rows[0]) return null;
          const itemId = rows[0].id;
          const { rows: [assignment] } = await client.query<{ id: string }>(
            `INSERT INTO "Assignment" ("id", "itemId", "userId", "swapped", "leasedAt", "expiresAt", "open")
             VALUES ($1, $2, $3, $4, now(), now() + interval '30 minutes', true)
             ON CONFLICT ("itemId", "userId") DO UPDATE SET "open" = true, "leasedAt" = now(), "expiresAt" = now() + interval '30 minutes'
             RETURNING "id"`,
            [`b-${randomBytes(9).toString("base64url")}`, itemId, userId, randomInt(2) === 1],
          );
          await client.query(`UPDATE "Item" SET "activeLeases" = "activeLeases" + 1 WHERE "id" = $1`, [itemId]);
          return { id: itemId, assignment: assignment!.id };
        });
        if (lease) await pool.query(`SELECT "externalId", "prompt", "responseA", "responseB" FROM "Item" WHERE "id" = $1`, [lease.id]);
      } catch (error) {
        errors.add(`lease: ${(error as Error).message}`);
        continue;
      }
      const leaseMs = performance.now() - began;
      if (inWindow(began, leaseMs)) latencies.lease.push(leaseMs);
      if (!lease) return;
      began = performance.now();
      try {
        await inTransaction(pool, async (client) => {
          await client.query(
            `INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "guidelinesVersion", "shownSwapped", "durationMs", "clientId", "updatedAt")
             VALUES ($1, $2, $3, $4, 1, false, $5, $1, now())`,
            [`b-${randomBytes(9).toString("base64url")}`, lease!.id, userId, randomInt(-3, 4), 1000 + randomInt(30_000)],
          );
          await client.query(`UPDATE "Assignment" SET "open" = false, "completedAt" = now() WHERE "id" = $1 AND "open"`, [lease!.assignment]);
          await client.query(`UPDATE "Item" SET "judgmentCount" = "judgmentCount" + 1, "activeLeases" = "activeLeases" - 1 WHERE "id" = $1`, [lease!.id]);
        });
      } catch (error) {
        errors.add(`submit: ${(error as Error).message}`);
        continue;
      }
      const submitMs = performance.now() - began;
      if (inWindow(began, submitMs)) {
        latencies.submit.push(submitMs);
        judgments++;
      }
    }
  }

  await Promise.all(userIds.map(annotate));
  await pool.end();
  return {
    judgments,
    judgments_per_s: Math.round(judgments / (durationMs / 1000)),
    endpoints: {
      lease: { latency_ms: summarize(latencies.lease), statuses: {} },
      submit: { latency_ms: summarize(latencies.submit), statuses: {} },
    },
    errors: [...errors].slice(0, 20),
  };
}
