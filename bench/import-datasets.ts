/**
 * Dataset import benchmark: `npx tsx --conditions react-server bench/import-datasets.ts [N]`
 * (default 20,000). Generates N HH-RLHF records (two-turn transcripts, about
 * 1 KB each) as a stream and imports them (format hh, all-or-nothing) into a
 * fresh project on a throwaway in-memory PGlite, or on PostgreSQL when
 * DATABASE_URL is postgres(ql)://, then the same N pairs as plain JSONL items
 * into another: the difference is what parsing transcripts and storing the
 * reference judgments cost. Prints { n, hh_ms, jsonl_ms, … }. BENCH_IDS=1
 * gives the hh records sequential ids instead of content hashes.
 *
 * Measured 2026-11-29 on the shared 2-core box (PGlite, N = 20,000, noisy):
 * hh 34 s vs plain JSONL 21 s; with BENCH_IDS=1 hh 25 s vs 16 s. Most of the
 * gap is the hash ids landing at random places in the (projectId,
 * externalId) index (plain JSONL without ids pays the same); parsing the
 * transcripts costs ~0.04 ms a record per pass, the reference insert (one
 * statement per batch, an index lookup per row) ~nothing measurable. Joining
 * Item by a plain JOIN instead of LATERAL made PGlite scan the project's
 * items once per batch: 60 s.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { closeDb, createPrismaClient, db, dbKind, setDatabaseForTests } from "../lib/db";
import { pgliteOptions } from "../lib/db/pglite-extensions";
import { importItems } from "../lib/import/import-items";
import type { ImportFormat } from "../lib/validations/import-format";

const encoder = new TextEncoder();
const words = "the model answer explains reward preference human feedback policy gradient value token sample".split(" ");
const text = (n: number, length: number) => {
  let out = `${n}`;
  for (let i = 0; out.length < length; i++) out += ` ${words[(n * 7 + i * 13) % words.length]}`;
  return out;
};

function hhLine(n: number): string {
  const head = `\n\nHuman: ${text(n, 150)}\n\nAssistant: ${text(n + 1, 200)}\n\nHuman: ${text(n + 2, 100)}`;
  return JSON.stringify({ ...(process.env.BENCH_IDS ? { id: `hh-${n}` } : {}), chosen: `${head}\n\nAssistant: ${text(n + 3, 250)}`, rejected: `${head}\n\nAssistant: ${text(n + 4, 250)}` });
}

function jsonlLine(n: number): string {
  return JSON.stringify({
    id: `plain-${n}`,
    prompt: [
      { role: "user", content: text(n, 150) },
      { role: "assistant", content: text(n + 1, 200) },
      { role: "user", content: text(n + 2, 100) },
    ],
    response_a: text(n + 3, 250),
    response_b: text(n + 4, 250),
  });
}

async function* generate(n: number, line: (i: number) => string): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < n; at += 64) {
    const batch = Array.from({ length: Math.min(64, n - at) }, (_, i) => line(at + i));
    yield encoder.encode(`${batch.join("\n")}\n`);
  }
}

async function openDatabase(): Promise<() => Promise<void>> {
  if ((process.env.DATABASE_URL ?? "").startsWith("postgres")) {
    dbKind();
    return closeDb;
  }
  const pglite = new PGlite(pgliteOptions);
  const dir = path.resolve(__dirname, "../prisma/migrations");
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    if (fs.existsSync(file)) await pglite.exec(fs.readFileSync(file, "utf8"));
  }
  setDatabaseForTests(createPrismaClient(new PrismaPGlite(pglite)), "pglite");
  return async () => {
    await closeDb();
    await pglite.close();
  };
}

async function timeImport(n: number, format: ImportFormat, line: (i: number) => string): Promise<number> {
  const project = await db.project.create({ data: { slug: `bench-ds-${format}-${Date.now()}`, name: "Dataset import benchmark", scale: 3 } });
  const started = performance.now();
  const report = await importItems({ projectId: project.id, scale: 3, source: () => generate(n, line), format, onError: "abort", dataset: { seed: "bench" } });
  const ms = Math.round(performance.now() - started);
  if (report.imported !== n) throw new Error(`${format}: imported ${report.imported} of ${n} (${JSON.stringify(report.errors.slice(0, 3))})`);
  if (format === "hh" && (await db.referenceJudgment.count({ where: { projectId: project.id } })) !== n) throw new Error("missing reference judgments");
  await db.project.delete({ where: { id: project.id } });
  return ms;
}

async function main() {
  const n = Number(process.argv[2] ?? 20_000);
  const close = await openDatabase();
  const hhMs = await timeImport(n, "hh", hhLine);
  const jsonlMs = await timeImport(n, "jsonl", jsonlLine);
  console.log(JSON.stringify({ n, database: process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "pglite", hh_ms: hhMs, jsonl_ms: jsonlMs, hh_records_per_s: Math.round((n / hhMs) * 1000) }));
  await close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
