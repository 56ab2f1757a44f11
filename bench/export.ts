/**
 * Export benchmark (docs/architecture.md, "Performance targets": 1M judgments as JSONL in under 10 s, peak RSS
 * under 300 MB, PostgreSQL). Run:
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench_export \
 *     npx tsx --conditions react-server bench/export.ts [N]
 * It owns that database: the first run (or a run with another N) empties it
 * and fills one project with N judgments (⌈N/3⌉ items × 3 annotators) in bulk
 * SQL; later runs reuse the data. Writes bench/results/export.json.
 */
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { closeDb } from "@/lib/db";
import { exportProject, toNodeStream } from "@/lib/export";

const ANNOTATORS = 3;
const SLUG = "bench-export";

/** Texts sized like a short chat exchange: ~200-character prompt, two ~800-character responses (~2 kB a raw line). */
async function ensureBenchProject(client: pg.Client, judgments: number): Promise<string> {
  const found = await client.query<{ id: string; n: string }>(
    `SELECT p."id", (SELECT count(*) FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId" WHERE i."projectId" = p."id") AS n
       FROM "Project" p WHERE p."slug" = $1`, [SLUG]);
  if (found.rows[0] && Number(found.rows[0].n) === judgments) return found.rows[0].id;
  console.log(`filling ${judgments} judgments…`);
  const started = Date.now();
  await client.query(`TRUNCATE "Judgment", "Item", "Project", "User", "AppSetting" CASCADE`);
  const items = Math.ceil(judgments / ANNOTATORS);
  await client.query(`INSERT INTO "Project" ("id", "slug", "name", "guidelines", "overlap", "updatedAt")
    VALUES ('bench-project', $1, 'Export bench', '# Guidelines\n\nPrefer the more helpful response.', ${ANNOTATORS}, now())`, [SLUG]);
  await client.query(`INSERT INTO "User" ("id", "email", "name", "updatedAt")
    SELECT 'bench-u' || u, 'bench-u' || u || '@example.com', 'Bench ' || u, now() FROM generate_series(1, ${ANNOTATORS}) u`);
  await client.query(`INSERT INTO "Item" ("id", "projectId", "externalId", "prompt", "responseA", "responseB", "modelA", "modelB", "metadata", "judgmentCount")
    SELECT 'bi' || lpad(g::text, 9, '0'), 'bench-project', 'q-' || g,
           to_jsonb('Prompt ' || g || ': ' || repeat('explain the idea. ', 10)),
           'Response A to ' || g || '. ' || repeat('Alpha words "quoted" here. ', 30),
           'Response B to ' || g || '. ' || repeat(E'Beta words\\nnew line here. ', 30),
           'model-x', 'model-y', jsonb_build_object('topic', 'bench', 'n', g), ${ANNOTATORS}
      FROM generate_series(1, $1::int) g`, [items]);
  await client.query(`INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "flags", "rationale", "attributes",
      "guidelinesVersion", "shownSwapped", "durationMs", "clientId", "createdAt", "updatedAt")
    SELECT 'bj' || lpad(g::text, 9, '0') || '-' || u, 'bi' || lpad(g::text, 9, '0'), 'bench-u' || u,
           greatest(-3, least(3, (g % 5) - 2 + (g * u * 7) % 3 - 1)), CASE WHEN g % 50 = 0 THEN ARRAY['both_bad'] ELSE ARRAY[]::text[] END,
           'Rationale for ' || g, jsonb_build_object('helpfulness_a', 1 + g % 5), 1, (g + u) % 2 = 0,
           1000 + (g * u) % 30000, 'bench-c-' || g || '-' || u, timestamp '2026-01-01' + g * interval '1 second', now()
      FROM generate_series(1, $1::int) g CROSS JOIN generate_series(1, ${ANNOTATORS}) u
     WHERE (g - 1) * ${ANNOTATORS} + u <= $2`, [items, judgments]);
  // A live database is vacuumed; without this the first reads set hint bits
  // and autovacuum starts mid-measurement.
  await client.query(`VACUUM ANALYZE "Item"`);
  await client.query(`VACUUM ANALYZE "Judgment"`);
  console.log(`filled in ${Date.now() - started} ms`);
  return "bench-project";
}

/** The same rows and columns as the raw export, as PostgreSQL's own COPY writes them. */
const BASELINE_SQL = `SELECT i."externalId", j."userId", j."preference", j."rationale", j."attributes", j."flags", j."shownSwapped",
  j."durationMs", j."guidelinesVersion", j."createdAt", i."prompt", i."responseA", i."responseB", i."modelA", i."modelB", i."metadata"
  FROM "Judgment" j JOIN "Item" i ON i."id" = j."itemId" WHERE i."projectId" = 'bench-project' ORDER BY j."itemId", j."id"`;

/** COPY … TO STDOUT through psql into /dev/null; a plain pg cursor where psql is missing. */
async function baselineMs(url: string, client: pg.Client): Promise<{ ms: number; how: string }> {
  const started = Date.now();
  if (spawnSync("psql", ["--version"]).status === 0) {
    const out = fs.openSync("/dev/null", "w");
    const child = spawn("psql", [url, "-X", "-q", "-c", `COPY (${BASELINE_SQL}) TO STDOUT`], { stdio: ["ignore", out, "inherit"] });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    fs.closeSync(out);
    if (code !== 0) throw new Error(`psql exited with ${code}`);
    return { ms: Date.now() - started, how: "psql COPY (SELECT …) TO STDOUT > /dev/null" };
  }
  await client.query(`BEGIN`);
  await client.query(`DECLARE bench_cursor NO SCROLL CURSOR FOR ${BASELINE_SQL}`);
  while ((await client.query({ text: `FETCH 10000 FROM bench_cursor`, rowMode: "array" })).rows.length > 0);
  await client.query(`COMMIT`);
  return { ms: Date.now() - started, how: "pg cursor, FETCH 10000" };
}

async function main() {
  const judgments = Number(process.argv[2] ?? 1_000_000);
  const url = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("set DATABASE_URL to the PostgreSQL bench database (see the header)");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const projectId = await ensureBenchProject(client, judgments);

  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 100);
  // The consumer a download has: bytes to a file. Lines are counted in the
  // written bytes (memchr-fast) rather than by wrapping the generator.
  let lines = 0;
  let bytes = 0;
  const sink = fs.createWriteStream("/dev/null");
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      done(null, chunk);
    },
  });
  const started = Date.now();
  await pipeline(toNodeStream(exportProject({ projectId, format: "raw" })), counter, sink);
  const ms = Date.now() - started;
  clearInterval(sampler);
  if (lines !== judgments) throw new Error(`exported ${lines} lines, expected ${judgments}`);

  const baseline = await baselineMs(url, client);
  const result = {
    judgments,
    ms,
    rss_peak_mb: Math.round(rssPeak / 1024 / 1024),
    baseline_copy_ms: baseline.ms,
    ratio: Math.round((ms / baseline.ms) * 100) / 100,
    output_mb: Math.round(bytes / 1024 / 1024),
    baseline: baseline.how,
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  const file = path.join(__dirname, "results", "export.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  await client.end();
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
