/**
 * Bias and style-control benchmark: `npx tsx bench/bias.ts [N]` (default 100,000).
 * N synthetic judgments, three per item out of 40 annotators, six models,
 * responses of 50–800 words with some markdown, seeded. Times, separately,
 * what one view of the Agreement page's Bias section and one style-controlled
 * leaderboard cost in Node once the rows are read:
 *  - features: styleFeatures over both responses of every item (done once per item per view);
 *  - bias: computeBias (project + per annotator, 5 features, bins);
 *  - style: fitStyleControlled with 100 bootstrap rounds.
 * Also reports the bytes of response text a view reads from the database
 * (the part not timed here). Writes bench/results/bias.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createJudgmentCollector } from "../lib/agreement/collect-judgments";
import { computeBias } from "../lib/bias/compute-bias";
import { STYLE_FEATURES, styleFeatures } from "../lib/bias/style-features";
import { createSeededRng } from "../lib/ranking/bradley-terry";
import { fitStyleControlled, type StyledGame } from "../lib/ranking/style-control";

const n = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(n) || n < 0) {
  console.error("usage: npx tsx bench/bias.ts [N]");
  process.exit(2);
}
const rng = createSeededRng(7);
const models = ["m0", "m1", "m2", "m3", "m4", "m5"];
const words = ["the", "model", "answer", "is", "clear", "because", "data", "shows", "that", "we"];
function response(): string {
  const length = 50 + Math.floor(rng() * 750);
  const lines: string[] = [];
  if (rng() < 0.3) lines.push("## Overview");
  let line: string[] = [];
  for (let k = 0; k < length; k++) {
    line.push(rng() < 0.02 ? "**key**" : words[Math.floor(rng() * words.length)]!);
    if (line.length >= 12) {
      lines.push((rng() < 0.2 ? "- " : "") + line.join(" "));
      line = [];
    }
  }
  if (rng() < 0.1) lines.push("```", "code()", "```");
  lines.push(line.join(" "));
  return lines.join("\n");
}
const items = Math.ceil(n / 3);
const texts: [string, string][] = [];
const pairs: [string, string][] = [];
for (let i = 0; i < items; i++) {
  texts.push([response(), response()]);
  const a = Math.floor(rng() * 6);
  pairs.push([models[a]!, models[(a + 1 + Math.floor(rng() * 5)) % 6]!]);
}
const bytes = texts.reduce((s, [a, b]) => s + Buffer.byteLength(a) + Buffer.byteLength(b), 0);

let t = performance.now();
const F = STYLE_FEATURES.length;
const features = new Float64Array(items * 2 * F);
const perItem = texts.map(([a, b], i) => {
  const fa = styleFeatures(a);
  const fb = styleFeatures(b);
  STYLE_FEATURES.forEach((f, q) => {
    features[i * 2 * F + q] = fa[f];
    features[i * 2 * F + F + q] = fb[f];
  });
  return [fa, fb] as const;
});
const featuresMs = performance.now() - t;

const collector = createJudgmentCollector();
const games: StyledGame[] = [];
let made = 0;
for (let i = 0; i < items; i++) {
  const preferences: number[] = [];
  const first = Math.floor(rng() * 40);
  for (let k = 0; k < 3 && made < n; k++, made++) {
    const dWords = (perItem[i]![1].words - perItem[i]![0].words) / 100;
    const p = rng() < 1 / (1 + Math.exp(-0.4 * dWords)) ? 1 : -1;
    preferences.push(p);
    collector.add({ itemId: `q-${i}`, annotator: `a-${(first + 7 * k) % 40}`, preference: p, shownSwapped: rng() < 0.5 });
  }
  games.push({ modelA: pairs[i]![0], modelB: pairs[i]![1], a: perItem[i]![0], b: perItem[i]![1], preferences });
}
const table = collector.build();
t = performance.now();
const report = computeBias(table, features);
const biasMs = performance.now() - t;
t = performance.now();
const styled = fitStyleControlled(games, { bootstrap: 100 });
const styleMs = performance.now() - t;

const result = {
  judgments: n,
  items,
  response_text_mb: Math.round(bytes / 1e5) / 10,
  features_ms: Math.round(featuresMs),
  bias_ms: Math.round(biasMs),
  style_control_100_rounds_ms: Math.round(styleMs),
  rss_mb: Math.round(process.memoryUsage().rss / 1e6),
  check: { words_coef: report.features.words.fit?.coef ?? null, style_words: styled.style[0]!.coef },
};
console.log(JSON.stringify(result, null, 2));
const out = path.join(import.meta.dirname, "results");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "bias.json"), JSON.stringify(result, null, 2) + "\n");
