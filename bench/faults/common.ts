import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { seedLarge, type SeedResult } from "../seed-large";
import { createAnnotators, removeAnnotators, type LoadAnnotator } from "../lib/load-fixtures";
import { requirePostgresUrl } from "../lib/args";

/**
 * What the fault scripts share: a migrated PostgreSQL database of their own
 * (DATABASE_URL, e.g. postgresql://root@127.0.0.1:5432/pw_bench_faults), a
 * project of a few thousand items and annotators with tokens, fresh each run.
 */
export async function prepareFaultRun(options: { annotators: number; items: number; prefix: string }): Promise<{
  url: string;
  client: pg.Client;
  seed: SeedResult;
  annotators: LoadAnnotator[];
}> {
  const url = requirePostgresUrl();
  await migrateDatabase(resolveDatabaseTarget(url));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seed = await seedLarge(client, { items: options.items, judgments: 0, overlap: 3, annotators: 10, slug: `faults-${options.items}` });
  await removeAnnotators(client, options.prefix);
  const annotators = await createAnnotators(client, { projectId: seed.projectId, prefix: options.prefix, count: options.annotators });
  return { url, client, seed, annotators };
}

/**
 * Prints the outcome, writes it to bench/results/<file>.json (or to
 * FAULT_RESULTS_DIR, which the CI run of test/faults uses so it does not
 * overwrite the recorded figures), and exits 0 when every check holds, 1 otherwise.
 */
export function finish(name: string, file: string, checks: Record<string, boolean>, details: unknown): never {
  console.log(JSON.stringify(details, null, 2));
  const out = path.join(process.env.FAULT_RESULTS_DIR ?? path.join(__dirname, "..", "results"), `${file}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ name, at: new Date().toISOString(), checks, details }, null, 2)}\n`);
  const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([what]) => what);
  for (const [what, ok] of Object.entries(checks)) console.log(`${ok ? "✓" : "✖"} ${what}`);
  if (failed.length) {
    console.error(`✖ ${name}: ${failed.length} check(s) failed`);
    process.exit(1);
  }
  console.log(`✓ ${name}: all checks hold`);
  process.exit(0);
}
