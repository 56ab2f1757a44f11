/**
 * Agreement benchmark: `npx tsx bench/agreement.ts [N]` (default 1,000,000).
 * N synthetic judgments, three annotators per item out of 50, seeded so every
 * run measures the same data. Times computeAgreement only (not generation)
 * and prints/writes { judgments, ms, rss_mb } to bench/results/agreement.json.
 *
 * With DATABASE_URL on PostgreSQL it also loads the same judgments into a
 * temporary table and times the database alone computing the core statistic
 * (percent agreement on A/tie/B over all pairs of judgments of an item, in
 * one GROUP BY), so the figure is also a ratio; and it times reading the N
 * rows back into Node, the part a dashboard adds before computing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import pg from "pg";
import path from "node:path";
import { computeAgreement } from "../lib/agreement/compute-agreement";
import type { AgreementJudgment } from "../lib/agreement/types";
import { createSeededRng } from "../lib/ranking/bradley-terry";

const ANNOTATORS = 50;
const PER_ITEM = 3;
const SCALE = 3;

function generate(n: number, seed: number): AgreementJudgment[] {
  const rng = createSeededRng(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const annotators = Array.from({ length: ANNOTATORS }, (_, a) => `a-${String(a).padStart(2, "0")}`);
  const bias = annotators.map(() => 0.3 * gaussian());
  const judgments: AgreementJudgment[] = [];
  for (let item = 0; judgments.length < n; item++) {
    const itemId = `q-${String(item).padStart(7, "0")}`;
    const quality = 1.5 * gaussian(); // how much better B is than A on this item
    const first = Math.floor(rng() * ANNOTATORS);
    // k·step < ANNOTATORS for k < PER_ITEM, so an item's annotators are distinct.
    const step = 1 + Math.floor(rng() * Math.floor((ANNOTATORS - 1) / (PER_ITEM - 1)));
    for (let k = 0; k < PER_ITEM && judgments.length < n; k++) {
      const a = (first + k * step) % ANNOTATORS;
      const raw = Math.round(quality + bias[a]! + gaussian());
      judgments.push({
        itemId,
        annotator: annotators[a]!,
        preference: Math.max(-SCALE, Math.min(SCALE, raw)),
        shownSwapped: rng() < 0.5,
        durationMs: Math.round(5_000 + 40_000 * rng() * rng()),
      });
    }
  }
  return judgments;
}

const n = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(n) || n < 0) {
  console.error("usage: npx tsx bench/agreement.ts [N]");
  process.exit(2);
}
const judgments = generate(n, 42);
const started = performance.now();
const result = computeAgreement(judgments, { scale: SCALE });
const ms = Math.round(performance.now() - started);
if (result.judgments !== n) throw new Error(`expected ${n} judgments after dedup, got ${result.judgments}`);
const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);

/** The same judgments in a temporary table; then the database alone computes percent agreement. */
async function databaseBaseline(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TEMP TABLE bench_judgment (item text, annotator text, preference int)`);
    for (let at = 0; at < judgments.length; at += 50_000) {
      const chunk = judgments.slice(at, at + 50_000);
      await client.query(`INSERT INTO bench_judgment SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`, [
        chunk.map((j) => j.itemId), chunk.map((j) => j.annotator), chunk.map((j) => j.preference),
      ]);
    }
    await client.query(`ANALYZE bench_judgment`);
    const sqlStarted = performance.now();
    const { rows } = await client.query<{ agreement: number }>(`
      WITH per_choice AS (SELECT item, sign(preference) AS choice, count(*)::float8 AS c FROM bench_judgment GROUP BY 1, 2),
           per_item AS (SELECT item, sum(c * (c - 1) / 2) AS agreeing, (sum(c) * (sum(c) - 1) / 2) AS pairs FROM per_choice GROUP BY 1)
      SELECT sum(agreeing) / nullif(sum(pairs), 0) AS agreement FROM per_item`);
    const sqlMs = Math.round(performance.now() - sqlStarted);
    const readStarted = performance.now();
    await client.query({ text: `SELECT item, annotator, preference FROM bench_judgment`, rowMode: "array" });
    const readMs = Math.round(performance.now() - readStarted);
    return { sqlMs, readMs, sqlAgreement: rows[0]?.agreement ?? null };
  } finally {
    await client.end();
  }
}

async function main() {
  const url = process.env.DATABASE_URL ?? "";
  const baseline = url.startsWith("postgres") ? await databaseBaseline(url) : null;
  const report = {
    judgments: n,
    ms,
    rss_mb: rssMb,
    ...(baseline
      ? {
          baseline_sql_ms: baseline.sqlMs,
          baseline: "PostgreSQL alone: percent agreement (A/tie/B, all pairs per item) in one GROUP BY over the same judgments",
          ratio: Math.round((ms / Math.max(1, baseline.sqlMs)) * 100) / 100,
          read_rows_ms: baseline.readMs,
          percent_agreement_js: result.percent_agreement,
          percent_agreement_sql: baseline.sqlAgreement === null ? null : Math.round(Number(baseline.sqlAgreement) * 1e6) / 1e6,
        }
      : {}),
  };
  const out = path.join(import.meta.dirname ?? __dirname, "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, "agreement.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
