/**
 * Reliability-model benchmark: `npm run bench:dawid-skene [-- N ...]`
 * (default 1,000,000 and 3,000,000 judgments). Each campaign is the issue's
 * mix of annotators (accurate, noisy, spammers, always-left) scaled to 240
 * annotators, 3–5 judgments per item, generated in seeded chunks by
 * lib/quality/simulate-campaign and streamed into the agreement collector,
 * as a server or the CLI would read them. Times preparing the typed input
 * and fitting (with SQUAREM, and plain EM for comparison) and reports
 * iterations, consensus accuracy against the known truth next to majority
 * vote, and RSS; writes bench/results/dawid-skene.json. fit_ms is wall
 * time, cpu_ms the process's CPU time over the fit (on a shared machine the
 * wall time includes waiting for a core; load_average says how busy it was).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createJudgmentCollector } from "../lib/agreement/collect-judgments";
import { consensusOf } from "../lib/export/consensus";
import { fitDawidSkene } from "../lib/quality/fit-dawid-skene";
import { emInputFromTable } from "../lib/quality/prepare-em-input";
import { consensusColumn, DIRECTIONS } from "../lib/quality/read-consensus";
import { DEFAULT_PROFILES, simulateCampaign } from "../lib/quality/simulate-campaign";
import type { DawidSkeneFit } from "../lib/quality/types";

const ANNOTATORS = Array.from({ length: 240 }, (_, a) => DEFAULT_PROFILES[a % DEFAULT_PROFILES.length]!);
const CHUNK_ITEMS = 50_000;

function run(target: number) {
  const collector = createJudgmentCollector();
  const truth: number[] = [];
  let majorityRight = 0;
  let judgments = 0;
  for (let chunk = 0; judgments < target; chunk++) {
    const c = simulateCampaign({ seed: 1_000 + chunk, items: CHUNK_ITEMS, annotators: ANNOTATORS });
    let at = 0;
    while (at < c.judgments.length && judgments < target) {
      const itemId = c.judgments[at]!.itemId;
      const prefs: number[] = [];
      for (; at < c.judgments.length && c.judgments[at]!.itemId === itemId && judgments < target; at++, judgments++) {
        const j = c.judgments[at]!;
        prefs.push(j.preference);
        collector.add({ itemId: `${chunk}/${itemId}`, annotator: j.annotatorId, preference: j.preference });
      }
      const t = c.truth.get(itemId)!;
      truth.push(DIRECTIONS.indexOf(t));
      if (consensusOf(prefs)!.choice === t) majorityRight++;
    }
  }
  const prepareStarted = performance.now();
  const input = emInputFromTable(collector.build());
  const prepareMs = performance.now() - prepareStarted;

  const measure = (accelerate: boolean) => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const fit = fitDawidSkene(input, { accelerate });
    const fitMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { fit, fitMs, cpuMs: (used.user + used.system) / 1000 };
  };
  const accuracy = (fit: DawidSkeneFit) => {
    const consensus = consensusColumn(fit);
    let right = 0;
    for (let i = 0; i < consensus.length; i++) if (consensus[i] === truth[i]) right++;
    return right / consensus.length;
  };
  const fast = measure(true);
  const plain = measure(false);
  const round = (x: number, d = 0) => Math.round(x * 10 ** d) / 10 ** d;
  const passes = (f: DawidSkeneFit) => f.iterations + f.evaluations;
  return {
    judgments: input.label.length,
    items: input.itemIds.length,
    annotators: input.annotatorIds.length,
    prepare_ms: round(prepareMs),
    squarem: { fit_ms: round(fast.fitMs), cpu_ms: round(fast.cpuMs), iterations: fast.fit.iterations, evaluations: fast.fit.evaluations, converged: fast.fit.converged, ms_per_pass: round(fast.fitMs / passes(fast.fit), 1) },
    plain_em: { fit_ms: round(plain.fitMs), cpu_ms: round(plain.cpuMs), iterations: plain.fit.iterations, evaluations: plain.fit.evaluations, converged: plain.fit.converged, ms_per_pass: round(plain.fitMs / passes(plain.fit), 1) },
    accuracy_dawid_skene: round(accuracy(fast.fit), 4),
    accuracy_dawid_skene_plain: round(accuracy(plain.fit), 4),
    accuracy_majority: round(majorityRight / truth.length, 4),
    rss_mb: round(process.memoryUsage().rss / 2 ** 20),
  };
}

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes) {
  if (!Number.isInteger(n) || n < 1) {
    console.error("usage: npm run bench:dawid-skene [-- N ...]");
    process.exit(2);
  }
}
const results = [];
for (const n of sizes.length ? sizes : [1_000_000, 3_000_000]) {
  const result = run(n);
  console.log(JSON.stringify(result));
  results.push(result);
}
const out = path.join(import.meta.dirname ?? __dirname, "results");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "dawid-skene.json"), `${JSON.stringify({ node: process.version, load_average: os.loadavg().map((x) => Math.round(x * 10) / 10), results }, null, 2)}\n`);
