/**
 * Quality benchmark: `npm run bench:quality [-- N]` (default 100,000
 * judgments). Seeds a simulated campaign (the mix of 12 annotators,
 * 3–5 judgments per item, a tenth of items gold, answered as CheckAnswer
 * rows) into a fresh database (a new PGlite folder under .tmp, or
 * DATABASE_URL when it is set), then times what a request costs:
 * computeProjectQuality (the quality page, REST and CLI: the keyset walk over
 * the judgments, the gold and re-check queries, one Dawid–Skene fit) and
 * fitExportReliability (what `consensus=reliability` adds before an export's
 * first line). Each is run 3 times; the median is reported, with the fit
 * alone and the process's RSS. Writes bench/results/quality.json.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

const root = path.resolve(__dirname, "..");
const target = Number(process.argv[2] ?? 100_000);

async function main() {
  const folder = path.join(root, ".tmp", `bench-quality-${randomBytes(4).toString("hex")}`);
  const databaseUrl = process.env.DATABASE_URL ?? `pglite:${folder}`;
  process.env.DATABASE_URL = databaseUrl;
  const { migrateDatabase } = await import("../lib/db/migrate");
  const { resolveDatabaseTarget } = await import("../lib/db/database-url");
  await migrateDatabase(resolveDatabaseTarget(databaseUrl));
  const { closeDb } = await import("../lib/db");
  const { simulateCampaign } = await import("../lib/quality/simulate-campaign");
  const { seedCampaign } = await import("../lib/quality/test-campaign");
  const { computeProjectQuality } = await import("../lib/quality/project-quality");
  const { fitExportReliability } = await import("../lib/quality/fit-project-reliability");

  const campaign = simulateCampaign({ seed: 42, items: Math.ceil(target / 4), goldShare: 0.1, swapShare: 0.5 });
  const seedStarted = performance.now();
  const { project } = await seedCampaign(campaign, { slug: `bench-${randomBytes(3).toString("hex")}` });
  const seedMs = performance.now() - seedStarted;

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const time = async (f: () => Promise<unknown>) => {
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const started = performance.now();
      await f();
      runs.push(performance.now() - started);
    }
    return Math.round(median(runs));
  };
  const quality = await computeProjectQuality(project.id);
  const qualityMs = await time(() => computeProjectQuality(project.id));
  const exportFitMs = await time(() => fitExportReliability(project.id));

  const { fitDawidSkene } = await import("../lib/quality/fit-dawid-skene");
  const { prepareEmInput } = await import("../lib/quality/prepare-em-input");
  const input = prepareEmInput(campaign.judgments.map((j) => ({ itemId: j.itemId, annotatorId: j.annotatorId, preference: j.preference })), campaign.gold);
  const fitMs = await time(async () => fitDawidSkene(input));

  const result = {
    judgments: quality.judgments,
    gold_answers: quality.gold_answers,
    items: quality.items,
    database: databaseUrl.startsWith("pglite:") ? "pglite" : "postgresql",
    seed_ms: Math.round(seedMs),
    quality_ms: qualityMs,
    export_fit_ms: exportFitMs,
    fit_only_ms: fitMs,
    iterations: quality.model.iterations,
    rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    load_average: os.loadavg()[0],
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  writeFileSync(path.join(root, "bench", "results", "quality.json"), `${JSON.stringify(result, null, 2)}\n`);
  await closeDb();
  if (!process.env.DATABASE_URL || databaseUrl.startsWith("pglite:")) rmSync(folder, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
