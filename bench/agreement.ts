/**
 * Agreement benchmark: `npx tsx bench/agreement.ts [N]` (default 1,000,000).
 * N synthetic judgments, three annotators per item out of 50, seeded so every
 * run measures the same data. Times computeAgreement only (not generation)
 * and prints/writes { judgments, ms, rss_mb } to bench/results/agreement.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
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
const report = { judgments: n, ms, rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20) };
const out = path.join(import.meta.dirname ?? __dirname, "results");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "agreement.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report));
