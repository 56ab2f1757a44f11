import { randomBytes, randomInt } from "node:crypto";
import pg from "pg";
import { summarize } from "./stats";
import type { EndpointReport } from "./annotators";

/**
 * The database alone doing what one judgment costs it in the app, in the
 * same statements the app sends (they mirror lib/assignment/claim-item.ts and
 * lib/judgments/submit-judgment.ts: one statement leases the next item and
 * reads its texts, one stores the judgment and updates the counters), through
 * `pg`, with the same number of concurrent annotators over a pool as large as
 * the app's (DATABASE_POOL_SIZE, 20). No HTTP, no auth or membership lookups,
 * no Prisma: what the hardware allows, to divide by.
 */
const CANDIDATES = `
  i."projectId" = $1 AND i."goldPreference" IS NULL AND i."goldRanking" IS NULL AND i."stopReason" IS NULL
  AND i."judgmentCount" < $3 AND i."activeLeases" < GREATEST($3::int - i."judgmentCount", 1)
  AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."itemId" = i."id" AND j."userId" = $2)
  AND NOT EXISTS (SELECT 1 FROM "Skip" s WHERE s."itemId" = i."id" AND s."userId" = $2)
  AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."itemId" = i."id" AND a."userId" = $2 AND a."open")`;

const LEASE = `
  WITH held AS (
    SELECT a."id", a."itemId" FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
    WHERE a."userId" = $2 AND a."open" AND a."expiresAt" > now() AND i."projectId" = $1 ORDER BY a."leasedAt" LIMIT 1
  ), picked AS (
    SELECT i."id" FROM "Item" i WHERE NOT EXISTS (SELECT 1 FROM held) AND ${CANDIDATES}
    ORDER BY i."judgmentCount", i."createdAt" LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED
  ), leased AS (
    INSERT INTO "Assignment" ("id", "itemId", "userId", "swapped", "leasedAt", "expiresAt", "open")
    SELECT $4, p."id", $2, $5, now(), now() + interval '30 minutes', true FROM picked p
    ON CONFLICT ("itemId", "userId") DO UPDATE SET "open" = true, "leasedAt" = EXCLUDED."leasedAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE NOT "Assignment"."open"
    RETURNING "id", "itemId"
  ), counted AS (
    UPDATE "Item" i SET "activeLeases" = i."activeLeases" + 1 FROM leased l WHERE i."id" = l."itemId" RETURNING i."id"
  )
  SELECT i."externalId", i."prompt", i."responseA", i."responseB", r."id" AS "assignmentId"
  FROM (SELECT "id", "itemId" FROM held UNION ALL SELECT "id", "itemId" FROM leased) r JOIN "Item" i ON i."id" = r."itemId"`;

const SUBMIT = `
  WITH target AS (
    SELECT a."id", a."itemId", a."swapped", a."open",
           char_length(i."promptText") + char_length(i."responseA") + char_length(i."responseB") AS "chars"
    FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
    WHERE i."projectId" = $1 AND i."externalId" = $2 AND a."userId" = $3 FOR NO KEY UPDATE OF a
  ), created AS (
    INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "flags", "rationale", "attributes", "guidelinesVersion",
                            "shownSwapped", "durationMs", "clientId", "metadata", "createdAt", "updatedAt")
    SELECT $4, t."itemId", $3, $5, ARRAY[]::text[], '', '{}'::jsonb, 1, t."swapped", $6, $4,
           jsonb_build_object('signals', '{}'::jsonb || jsonb_build_object('chars', t."chars"),
             'flags', CASE WHEN $6::int IS NOT NULL AND t."chars" >= 300 AND t."chars"::bigint * 1000 > 100 * $6::int
                           THEN '["too_fast"]'::jsonb ELSE '[]'::jsonb END || '[]'::jsonb),
           now(), now() FROM target t
    ON CONFLICT DO NOTHING RETURNING "id", "itemId"
  ), closed AS (
    UPDATE "Assignment" a SET "open" = false, "completedAt" = now() FROM target t, created c WHERE a."id" = t."id" RETURNING t."open" AS "wasOpen"
  ), counted AS (
    UPDATE "Item" i SET "judgmentCount" = i."judgmentCount" + 1, "activeLeases" = i."activeLeases" - (SELECT count(*)::int FROM closed WHERE "wasOpen")
    FROM created c WHERE i."id" = c."itemId" RETURNING i."id"
  )
  SELECT "id" FROM created`;

export async function runDatabaseBaseline(options: {
  databaseUrl: string;
  projectId: string;
  overlap: number;
  userIds: string[];
  durationMs: number;
  warmupMs: number;
  poolSize: number;
  /**
   * Named prepared statements (parsed once per connection, plans cached by
   * PostgreSQL's plan cache: custom plans for the first five executions, then
   * a generic one if it is not estimated costlier) instead of unnamed ones
   * (parsed and planned on every execution), as the app sends through Prisma.
   */
  named?: boolean;
  /** PostgreSQL's plan_cache_mode for the pool's sessions (auto, force_generic_plan, force_custom_plan). */
  planCacheMode?: string;
}): Promise<{ judgments: number; judgments_per_s: number; endpoints: Record<"lease" | "submit", EndpointReport>; errors: string[] }> {
  const { projectId, overlap, userIds, durationMs, warmupMs, named = false } = options;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize,
    ...(options.planCacheMode ? { options: `-c plan_cache_mode=${options.planCacheMode}` } : {}),
  });
  const statement = (name: string, text: string, values: unknown[]) => (named ? { name, text, values } : { text, values });
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  const latencies = { lease: [] as number[], submit: [] as number[] };
  const errors = new Set<string>();
  let judgments = 0;
  const inWindow = (began: number, ms: number) => began >= measureFrom && began + ms <= stopAt;
  const newId = () => `b-${randomBytes(9).toString("base64url")}`;

  async function annotate(userId: string) {
    while (performance.now() < stopAt) {
      let began = performance.now();
      let item: { externalId: string } | undefined;
      try {
        item = (await pool.query<{ externalId: string }>(statement("bench_lease", LEASE, [projectId, userId, overlap, newId(), randomInt(2) === 1]))).rows[0];
      } catch (error) {
        errors.add(`lease: ${(error as Error).message}`);
        continue;
      }
      const leaseMs = performance.now() - began;
      if (inWindow(began, leaseMs)) latencies.lease.push(leaseMs);
      if (!item) return;
      began = performance.now();
      try {
        const { rowCount } = await pool.query(statement("bench_submit", SUBMIT, [projectId, item.externalId, userId, newId(), randomInt(-3, 4), 1000 + randomInt(30_000)]));
        if (rowCount !== 1) throw new Error("the judgment was not stored");
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

/**
 * What the hardware gives for the simplest durable write: `concurrency`
 * clients over a pool of `poolSize`, each looping a one-row INSERT in its own
 * transaction (synchronous commit, as the app's statements), into a scratch
 * table dropped afterwards. The ceiling any write-per-judgment design meets
 * on this disk (group commit included).
 */
export async function runInsertBaseline(options: {
  databaseUrl: string;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  poolSize: number;
}): Promise<{ inserts: number; inserts_per_s: number; latency_ms: ReturnType<typeof summarize>; errors: string[] }> {
  const { durationMs, warmupMs } = options;
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize });
  const table = `bench_insert_probe_${randomBytes(4).toString("hex")}`;
  await pool.query(`CREATE TABLE ${table} ("id" bigserial PRIMARY KEY, "userId" text NOT NULL, "value" int NOT NULL, "createdAt" timestamptz NOT NULL DEFAULT now())`);
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  const latencies: number[] = [];
  const errors = new Set<string>();
  let inserts = 0;
  async function loop(n: number) {
    while (performance.now() < stopAt) {
      const began = performance.now();
      try {
        await pool.query(`INSERT INTO ${table} ("userId", "value") VALUES ($1, $2)`, [`u-${n}`, randomInt(1000)]);
      } catch (error) {
        errors.add((error as Error).message);
        continue;
      }
      const ms = performance.now() - began;
      if (began >= measureFrom && began + ms <= stopAt) {
        latencies.push(ms);
        inserts++;
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: options.concurrency }, (_, n) => loop(n)));
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await pool.end();
  }
  return { inserts, inserts_per_s: Math.round(inserts / (durationMs / 1000)), latency_ms: summarize(latencies), errors: [...errors].slice(0, 20) };
}
