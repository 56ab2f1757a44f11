/**
 * Memory held by paused exports (issue 8 item 14): eight exports of a ~40 MB
 * project (400 items of ~100 kB text, 3 judgments each) are started and each
 * read for one chunk, then left unread, as slow or stalled downloads are.
 * Measured once with batches bounded by count only (the old behaviour, 1,000
 * items a query) and once with the default byte bound (DEFAULT_BATCH_BYTES).
 * Run on PostgreSQL (a throwaway schema in TEST_DATABASE_URL is created and dropped):
 *   TEST_DATABASE_URL=postgresql://root@127.0.0.1:5432/<db> \
 *     node --expose-gc --import tsx --conditions react-server bench/export-paused.ts
 * Writes bench/results/export-paused.json.
 */
import fs from "node:fs";
import path from "node:path";
import { createTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { exportProject, toReadableStream } from "@/lib/export";
import { DEFAULT_BATCH_BYTES } from "@/lib/export/read-item-groups";

const ITEMS = 400;
const RESPONSE_CHARS = 50_000;
const EXPORTS = 8;
const MB = 1024 * 1024;

function heldBytes(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

async function seed(): Promise<string> {
  const project = await db.project.create({ data: { slug: "bench-paused", name: "Paused exports", status: "ACTIVE" } });
  await db.$executeRawUnsafe(
    `INSERT INTO "Item" ("id", "projectId", "externalId", "prompt", "promptText", "responseA", "responseB", "judgmentCount")
     SELECT 'pi' || lpad(g::text, 6, '0'), $1, 'q-' || g, to_jsonb('Prompt ' || g), 'Prompt ' || g,
            left(repeat(md5(g::text || 'a'), ${Math.ceil(RESPONSE_CHARS / 32)}), ${RESPONSE_CHARS}),
            left(repeat(md5(g::text || 'b'), ${Math.ceil(RESPONSE_CHARS / 32)}), ${RESPONSE_CHARS}), 3
       FROM generate_series(1, ${ITEMS}) g`,
    project.id,
  );
  for (let u = 1; u <= 3; u++) await db.user.create({ data: { id: `pu${u}`, email: `paused-${u}@example.com`, name: `U${u}` } });
  await db.$executeRawUnsafe(
    `INSERT INTO "Judgment" ("id", "itemId", "userId", "preference", "guidelinesVersion", "clientId", "createdAt", "updatedAt")
     SELECT 'pj' || g || '-' || u, 'pi' || lpad(g::text, 6, '0'), 'pu' || u, (g + u) % 7 - 3, 1, 'pc' || g || '-' || u, now(), now()
       FROM generate_series(1, ${ITEMS}) g CROSS JOIN generate_series(1, 3) u`,
  );
  return project.id;
}

/** Starts the exports, reads one chunk of each, and reports what stays held while they sit paused. */
async function measure(projectId: string, batchBytes: number): Promise<{ heldMB: number; rssMB: number }> {
  const before = heldBytes();
  const readers = [];
  for (let i = 0; i < EXPORTS; i++) {
    const reader = toReadableStream(exportProject({ projectId, format: "raw", batchBytes })).getReader();
    await reader.read();
    readers.push(reader);
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // let the prefetched batches arrive
  const held = heldBytes() - before;
  const rss = process.memoryUsage().rss;
  for (const reader of readers) await reader.cancel();
  return { heldMB: Math.round(held / MB), rssMB: Math.round(rss / MB) };
}

async function main() {
  if (!process.env.TEST_DATABASE_URL) throw new Error("Set TEST_DATABASE_URL to a local PostgreSQL database (a schema is created and dropped).");
  if (!(globalThis as { gc?: unknown }).gc) console.warn("run with node --expose-gc for steady figures");
  const t = await createTestDb();
  try {
    const projectId = await seed();
    const countOnly = await measure(projectId, Number.POSITIVE_INFINITY);
    const byteBound = await measure(projectId, DEFAULT_BATCH_BYTES);
    const result = {
      when: new Date().toISOString(),
      project: { items: ITEMS, text_mb: Math.round((ITEMS * 2 * RESPONSE_CHARS) / MB), judgments: ITEMS * 3 },
      paused_exports: EXPORTS,
      count_only_batches: countOnly,
      byte_bounded_batches: { ...byteBound, batch_bytes: DEFAULT_BATCH_BYTES },
    };
    console.log(JSON.stringify(result, null, 2));
    const dir = path.resolve(__dirname, "results");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "export-paused.json"), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await t.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
