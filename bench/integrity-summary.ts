/**
 * summarizeIntegrityRows (lib/quality/integrity/summarize-integrity.ts) over
 * synthetic judgments: the per-annotator side of the integrity flags,
 * duplicate rationales included, after the one query that reads the rows.
 *
 *   npx tsx --conditions react-server bench/integrity-summary.ts [judgments]
 *
 * 100 annotators; a rationale of ~80–150 characters on 70% of judgments, of
 * which 2% are copies of another and 2% near copies (a word added).
 */
import { summarizeIntegrityRows, type IntegrityRow } from "@/lib/quality/integrity/summarize-integrity";

const N = Number(process.argv[2] ?? 100_000);
let state = 12345;
const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 8);
const word = () => Array.from({ length: 3 + (next() % 6) }, () => String.fromCharCode(97 + (next() % 26))).join("");
const sentence = () => Array.from({ length: 12 + (next() % 10) }, word).join(" ");

const rows: IntegrityRow[] = [];
for (let i = 0; i < N; i++) {
  const roll = next() % 100;
  const earlier = rows[next() % Math.max(1, rows.length)]?.rationale;
  const rationale = roll < 70 ? sentence() : roll < 72 && earlier ? earlier : roll < 74 && earlier ? `${earlier} indeed` : null;
  rows.push({ id: `j${i}`, userId: `u${i % 100}`, preference: (next() % 7) - 3, shownSwapped: next() % 2 === 0, flags: roll === 99 ? ["too_fast"] : [], rationale });
}
summarizeIntegrityRows(rows.slice(0, 1000)); // warm up
const runs: number[] = [];
for (let r = 0; r < 5; r++) {
  const began = performance.now();
  const summary = summarizeIntegrityRows(rows);
  runs.push(performance.now() - began);
  if (summary.size !== 100) throw new Error("expected 100 annotators");
}
runs.sort((a, b) => a - b);
console.log(JSON.stringify({ judgments: N, annotators: 100, ms_median_of_5: Math.round(runs[2]!), ms_min: Math.round(runs[0]!) }));
