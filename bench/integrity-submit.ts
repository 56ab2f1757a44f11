/**
 * Micro-benchmark: the submit statement before and after it started storing
 * integrity metadata (lib/judgments/submit-judgment.ts, insertJudgment, with
 * lib/quality/integrity/integrity-metadata.ts's integrityMetadataSql): µs per
 * submit, the two interleaved on the same database, in a fresh schema, in
 * one transaction (so the per-commit WAL flush, equal for both, is left out).
 *
 *   BENCH_DATABASE_URL=postgresql://root@127.0.0.1:5432/<db> npx tsx bench/integrity-submit.ts [submits]
 *
 * Both statements are written out here with $n parameters, mirroring the app's.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error("set BENCH_DATABASE_URL to a local PostgreSQL database");
const N = Number(process.argv[2] ?? 2000);

const TARGET = (chars: boolean) => `
  WITH target AS (
    SELECT a."id", a."itemId", a."swapped", a."open"${chars ? `, char_length(i."promptText") + char_length(i."responseA") + char_length(i."responseB") AS "chars"` : ""}
    FROM "Assignment" a JOIN "Item" i ON i."id" = a."itemId"
    WHERE i."projectId" = $1 AND i."externalId" = $2 AND a."userId" = $3 FOR NO KEY UPDATE OF a
  ), created AS (`;
const REST = `
    ON CONFLICT DO NOTHING RETURNING *
  ), closed AS (
    UPDATE "Assignment" a SET "open" = false, "completedAt" = now() FROM target t, created c WHERE a."id" = t."id" RETURNING t."open" AS "wasOpen"
  ), counted AS (
    UPDATE "Item" i SET "judgmentCount" = i."judgmentCount" + 1, "activeLeases" = i."activeLeases" - (SELECT count(*)::int FROM closed WHERE "wasOpen")
    FROM created c WHERE i."id" = c."itemId" RETURNING i."id"
  )
  SELECT "id", "itemId", "userId", "preference", "flags", "rationale", "attributes", "guidelinesVersion",
         "shownSwapped", "durationMs", "clientId", "createdAt", "updatedAt" FROM created`;
const BEFORE = `${TARGET(false)}
    INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "flags", "rationale", "attributes", "guidelinesVersion",
                            "shownSwapped", "durationMs", "clientId", "createdAt", "updatedAt")
    SELECT $4, t."itemId", $3, $5::int, ARRAY(SELECT jsonb_array_elements_text($6::jsonb)), $7, $8::jsonb, 1,
           t."swapped", $9::int, $4, now(), now() FROM target t${REST}`;
const AFTER = `${TARGET(true)}
    INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "flags", "rationale", "attributes", "guidelinesVersion",
                            "shownSwapped", "durationMs", "clientId", "metadata", "createdAt", "updatedAt")
    SELECT $4, t."itemId", $3, $5::int, ARRAY(SELECT jsonb_array_elements_text($6::jsonb)), $7, $8::jsonb, 1,
           t."swapped", $9::int, $4,
           jsonb_build_object('signals', $10::jsonb || jsonb_build_object('chars', t."chars"),
             'flags', CASE WHEN $9::int IS NOT NULL AND t."chars" >= $11::int AND (t."chars")::bigint * 1000 > $12::bigint * $9::int
                           THEN '["too_fast"]'::jsonb ELSE '[]'::jsonb END || $13::jsonb),
           now(), now() FROM target t${REST}`;

async function main() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  await client.query(`CREATE SCHEMA "${schema}"; SET search_path TO "${schema}"`);
  try {
    const dir = path.resolve(__dirname, "../prisma/migrations");
    for (const name of fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()).sort()) {
      await client.query(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
    }
    await client.query(`INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'bench@example.com', 'Bench', now())`);
    await client.query(`INSERT INTO "Project" ("id", "slug", "name", "updatedAt") VALUES ('p1', 'bench', 'Bench', now())`);
    const text = "x".repeat(700);
    await client.query(
      `INSERT INTO "Item" ("id", "projectId", "externalId", "prompt", "promptText", "responseA", "responseB")
       SELECT 'i' || g, 'p1', 'q-' || g, to_jsonb($1::text), $1, $1, $1 FROM generate_series(1, $2::int) g`,
      [text, 2 * N],
    );
    await client.query(
      `INSERT INTO "Assignment" ("id", "itemId", "userId", "swapped", "expiresAt") SELECT 'a' || g, 'i' || g, 'u1', g % 2 = 0, now() + interval '1 hour' FROM generate_series(1, $1::int) g`,
      [2 * N],
    );
    await client.query(`UPDATE "Item" SET "activeLeases" = 1`);
    const signals = JSON.stringify({ hidden_ms: 0, pastes: 0, pasted_chars: 0, choice_input: "key", choice_changes: 1 });
    const times = { before: [] as number[], after: [] as number[] };
    // One transaction: the commit's WAL flush (the same for both, and most of a
    // submit's time on a busy disk) is left out, so the statements are compared.
    await client.query("BEGIN");
    for (let k = 1; k <= 2 * N; k++) {
      const after = k % 2 === 0;
      const base = [`p1`, `q-${k}`, "u1", `j${k}`, 1, "[]", "", "{}", 30_000];
      const params = after ? [...base, signals, 300, 100, "[]"] : base;
      const began = process.hrtime.bigint();
      const result = await client.query(after ? AFTER : BEFORE, params);
      const us = Number(process.hrtime.bigint() - began) / 1000;
      if (result.rowCount !== 1) throw new Error(`submit ${k} stored nothing`);
      if (k > 200) (after ? times.after : times.before).push(us);
    }
    await client.query("COMMIT");
    const stat = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { mean: Math.round(s.reduce((a, b) => a + b, 0) / s.length), median: Math.round(s[Math.floor(s.length / 2)]!), p95: Math.round(s[Math.floor(s.length * 0.95)]!) };
    };
    console.log(JSON.stringify({ submits_each: times.before.length, us_per_submit: { before: stat(times.before), after: stat(times.after) } }, null, 2));
  } finally {
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.end();
  }
}

void main();
