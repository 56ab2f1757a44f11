/**
 * Import benchmark: `npx tsx --conditions react-server bench/import.ts [N]`
 * (default 100,000; `--conditions react-server` makes lib/db's `server-only`
 * import a no-op). Generates N JSONL lines of about 1 KB as a stream (never a
 * file, never an array), imports them into a fresh project in all-or-nothing
 * mode (two passes: validate, then insert) and prints/writes
 * { items, ms, rss_peak_mb, database, … } to bench/results/import.json.
 *
 * Database: PostgreSQL when DATABASE_URL is postgres(ql):// (migrated with
 * `prisma migrate deploy`), else a throwaway in-memory PGlite — whose data
 * lives in this process, so its RSS includes the database itself.
 * BENCH_BATCH_CHARS overrides the importer's batch size (characters of text
 * per INSERT) to compare settings.
 *
 * On PostgreSQL it also times the same rows inserted by the database alone:
 * the same N lines, JSON.parse'd and sent through `pg` as multi-row INSERTs
 * of 2,000 rows (unnest of arrays), with no validation, no duplicate check
 * and no two-pass all-or-nothing — the floor any importer stands on.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { closeDb, createPrismaClient, db, dbKind, setDatabaseForTests } from "../lib/db";
import { pgliteOptions } from "../lib/db/pglite-extensions";
import { pgliteDriver } from "../lib/db/prepared";
import { importItems } from "../lib/import/import-items";

const encoder = new TextEncoder();
const words = "the model answer explains reward preference human feedback policy gradient value token sample".split(" ");

// A pool of texts made once, so the benchmark times the import, not string building.
const pool = Array.from({ length: 101 }, (_, seed) => {
  let out = "";
  for (let i = 0; out.length < 400; i++) out += `${words[(seed * 7 + i * 13) % words.length]} `;
  return out;
});
const text = (n: number, length: number) => `${n} ${pool[n % pool.length]!.slice(0, length)}`;

function line(n: number): string {
  return JSON.stringify({
    id: `bench-${n}`,
    prompt: n % 10 === 0 ? [{ role: "system", content: "Be helpful." }, { role: "user", content: text(n, 180) }] : text(n, 200),
    response_a: text(n + 1, 350),
    response_b: text(n + 2, 350),
    model_a: "model-x",
    model_b: "model-y",
    metadata: { topic: words[n % words.length], index: n },
  });
}

/** N lines in ~64 KB chunks, made as they are read. */
async function* generate(n: number): AsyncGenerator<Uint8Array> {
  let batch: string[] = [];
  for (let i = 0; i < n; i++) {
    batch.push(line(i));
    if (batch.length === 64) {
      yield encoder.encode(`${batch.join("\n")}\n`);
      batch = [];
    }
  }
  if (batch.length) yield encoder.encode(`${batch.join("\n")}\n`);
}

async function openDatabase(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL ?? "";
  if (url.startsWith("postgres")) {
    dbKind(); // opens lib/db's PostgreSQL client
    return closeDb;
  }
  const pglite = new PGlite(pgliteOptions);
  const dir = path.resolve(__dirname, "../prisma/migrations");
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    if (fs.existsSync(file)) await pglite.exec(fs.readFileSync(file, "utf8"));
  }
  setDatabaseForTests(createPrismaClient(new PrismaPGlite(pglite)), "pglite", pgliteDriver(pglite));
  return async () => {
    await closeDb();
    await pglite.close();
  };
}

/** The same N items inserted through `pg` alone, in 2,000-row INSERTs; returns milliseconds. */
async function databaseBaseline(url: string, n: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const projectId = `bench-import-base-${randomBytes(4).toString("hex")}`;
  try {
    await client.query(`INSERT INTO "Project" ("id", "slug", "name", "updatedAt") VALUES ($1, $1, 'Import baseline', now())`, [projectId]);
    const started = performance.now();
    for (let at = 0; at < n; at += 2000) {
      const rows = Array.from({ length: Math.min(2000, n - at) }, (_, i) => JSON.parse(line(at + i)) as Record<string, unknown>);
      const text = (key: string) => rows.map((r) => r[key] as string);
      await client.query(
        `INSERT INTO "Item" ("id", "projectId", "externalId", "prompt", "promptText", "responseA", "responseB", "modelA", "modelB", "metadata")
         SELECT $1 || '-' || ext, $1, ext, prompt, left(prompt::text, 200), a, b, ma, mb, meta
         FROM unnest($2::text[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[]) AS t(ext, prompt, a, b, ma, mb, meta)`,
        [projectId, text("id"), rows.map((r) => JSON.stringify(r.prompt)), text("response_a"), text("response_b"), text("model_a"), text("model_b"), rows.map((r) => JSON.stringify(r.metadata))],
      );
    }
    return Math.round(performance.now() - started);
  } finally {
    await client.query(`DELETE FROM "Project" WHERE "id" = $1`, [projectId]);
    await client.query(`VACUUM "Item"`).catch(() => undefined);
    await client.end();
  }
}

async function main() {
  const n = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(n) || n < 1) throw new Error("usage: bench/import.ts [N]");
  const close = await openDatabase();
  const project = await db.project.create({ data: { slug: `bench-import-${Date.now()}`, name: "Import benchmark", scale: 3 } });
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const sample = () => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  const started = performance.now();
  let validatedAt = started;
  const report = await importItems({
    projectId: project.id,
    batchChars: process.env.BENCH_BATCH_CHARS ? Number(process.env.BENCH_BATCH_CHARS) : undefined,
    scale: 3,
    source: () => generate(n),
    format: "jsonl",
    onError: "abort",
    onProgress: (progress) => {
      sample();
      if (progress.phase === "validate") validatedAt = performance.now();
    },
  });
  const finished = performance.now();
  const ms = Math.round(finished - started);
  clearInterval(timer);
  sample();
  const stored = await db.item.count({ where: { projectId: project.id } });
  if (report.imported !== n || stored !== n) throw new Error(`imported ${report.imported}, stored ${stored}, expected ${n}`);
  await db.project.delete({ where: { id: project.id } });
  // Dead rows of past runs would otherwise pile up and slow the next run's inserts.
  if (dbKind() === "postgres") await db.$executeRawUnsafe(`VACUUM "Item"`).catch(() => undefined);
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  const result = {
    items: n,
    ms,
    rss_peak_mb: mb(rssPeak),
    rss_start_mb: mb(rssStart),
    rss_growth_mb: mb(rssPeak - rssStart),
    database: dbKind(),
    mode: "abort (validate pass + insert pass)",
    validate_ms: Math.round(validatedAt - started),
    insert_ms: Math.round(finished - validatedAt),
    file_mb: Math.round((n * line(1).length) / 1e6),
  };
  await close();
  const url = process.env.DATABASE_URL ?? "";
  if (url.startsWith("postgres")) {
    const baselineMs = await databaseBaseline(url, n);
    Object.assign(result, {
      baseline_ms: baselineMs,
      baseline: "pg alone: JSON.parse + 2,000-row INSERT … SELECT FROM unnest(…), no validation",
      ratio: Math.round((ms / baselineMs) * 100) / 100,
    });
  }
  const out = path.join(__dirname, "results");
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "import.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
