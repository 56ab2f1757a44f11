/**
 * Agreement and leaderboard reads at scale, from the kept statistics
 * (docs/architecture.md, "Agreement and leaderboard statistics") and, for
 * comparison, by today's full walk over the judgments:
 *
 *   DATABASE_URL=postgresql://root@127.0.0.1:5432/pw_bench \
 *     npm run bench:seed && npx tsx --conditions react-server bench/agreement-stats.ts [--slug bench-large] [--full]
 *
 * Median of three after a warm-up, per read. `--full` also times the full
 * computation (every judgment read into Node, as before the kept statistics),
 * and checks that both give the same figures. Writes bench/results/agreement-stats.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { argValue, requirePostgresUrl } from "./lib/args";

async function main() {
  const url = requirePostgresUrl();
  process.env.DATABASE_URL = url;
  const slug = argValue("slug", "bench-large");
  const full = process.argv.includes("--full");
  const { db, closeDb } = await import("../lib/db");
  const { getProjectAgreement } = await import("../lib/agreement/project-agreement");
  const { getProjectLeaderboard } = await import("../lib/ranking/project-leaderboard");
  const { readProjectJudgmentTable } = await import("../lib/agreement/project-judgment-table");
  const { computeAgreementFromTable } = await import("../lib/agreement/compute-agreement");
  const { getPseudonymKey, pseudonymizer } = await import("../lib/export/pseudonym");

  const project = await db.project.findUniqueOrThrow({ where: { slug }, select: { id: true, scale: true } });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const time = async (name: string, f: () => Promise<unknown>, runs = 3) => {
    await f();
    const ms: number[] = [];
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      await f();
      ms.push(performance.now() - started);
    }
    const result = { median_ms: Math.round(median(ms)), max_ms: Math.round(Math.max(...ms)) };
    console.log(`${name.padEnd(34)} median ${result.median_ms} ms, max ${result.max_ms} ms`);
    return result;
  };

  const results: Record<string, unknown> = {
    judgments: await db.judgment.count({ where: { item: { projectId: project.id } } }),
    kept: {
      agreement_figures: await time("agreement (kept, no details)", () => getProjectAgreement({ projectId: project.id, details: false })),
      agreement_intervals: await time("agreement ?intervals=1 (kept)", () => getProjectAgreement({ projectId: project.id, details: false, intervals: true })),
      leaderboard: await time("leaderboard (kept)", () => getProjectLeaderboard({ projectId: project.id })),
    },
  };
  if (full) {
    const label = pseudonymizer(await getPseudonymKey(project.id));
    let reference: ReturnType<typeof computeAgreementFromTable> | undefined;
    results.full = {
      agreement: await time(
        "agreement (full walk, as before)",
        async () => {
          const { table } = await readProjectJudgmentTable({ projectId: project.id, label });
          reference = computeAgreementFromTable(table, { scale: project.scale });
        },
        1,
      ),
    };
    const kept = (await getProjectAgreement({ projectId: project.id, details: false })).agreement;
    const figures = ["percent_agreement", "mean_cohen_kappa", "fleiss_kappa", "krippendorff_alpha_nominal", "krippendorff_alpha_ordinal", "krippendorff_alpha_interval", "tie_rate"] as const;
    const gaps = Object.fromEntries(figures.map((f) => [f, Math.abs((kept[f] ?? NaN) - (reference![f] ?? NaN))]));
    console.log("largest |kept − full|:", Math.max(...Object.values(gaps)), gaps);
    results.max_difference = Math.max(...Object.values(gaps));
  }
  await closeDb();
  const file = path.join(__dirname, "results", "agreement-stats.json");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
