/**
 * Markdown render benchmark (issue 8, item 3): `npm run bench:markdown [-- --skip-before-large]`.
 * For each hostile or large text it times the render and the longest
 * event-loop stall meanwhile (perf_hooks monitorEventLoopDelay), two ways:
 *   before: the pipeline run synchronously on the request's thread (what
 *           renderMarkdown did until issue 8);
 *   after:  renderMarkdown, on worker threads under the render budget, then
 *           the same text again (answered from the cache).
 * Prints a table and writes bench/results/markdown.json. `--skip-before-large`
 * skips the 0.5 and 1 MB "before" runs, which take tens of seconds each.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { renderMarkdownNow } from "../lib/markdown/pipeline.mjs";
import { renderMarkdown, resetMarkdownRenderer } from "../lib/markdown/render-markdown";
import { readRenderBudget } from "../lib/markdown/render-budget";

// A realistic model answer (headings, lists, code, a table), repeated to size.
const ANSWER = [
  "## Reward models",
  "A **reward model** scores a response; *pairwise* data trains it with the Bradley–Terry loss:",
  "- collect two responses per prompt\n- ask which is better, and by how much\n- fit `r(x, y)` so that `σ(r_A − r_B)` matches",
  "```python\ndef loss(r_a, r_b, pref):\n    return -log(sigmoid(pref * (r_a - r_b)))\n```",
  "| model | score |\n|:--|--:|\n| A | 0.91 |\n| B | 0.72 |",
  "> Ties are kept, see [the docs](https://example.org/docs).",
].join("\n\n");
const sized = (chars: number) => ANSWER.repeat(Math.ceil(chars / ANSWER.length)).slice(0, chars);

const CASES: { name: string; text: string; large?: boolean }[] = [
  { name: "ordinary 10 KB answer", text: sized(10_000) },
  { name: "ordinary 100 KB answer (import limit)", text: sized(100_000) },
  { name: 'nested emphasis "*"×3000+"a"+"*"×3000 (6 KB)', text: "*".repeat(3000) + "a" + "*".repeat(3000) },
  { name: '"*a"×20000 (40 KB)', text: "*a".repeat(20_000) },
  { name: "0.5 MB answer", text: sized(500_000), large: true },
  { name: "1 MB answer", text: sized(1_000_000), large: true },
];

type Run = { ms: number; stall_ms: number; outcome: string };

async function measure(work: () => Promise<string> | string): Promise<Run> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // Let the monitor's timer run once before the work starts, so a synchronous render shows as one long stall.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const started = performance.now();
  let outcome: string;
  try {
    const html = await work();
    outcome = html.includes("pw-render-note") ? "plain text (over budget)" : "formatted";
  } catch (error) {
    outcome = `threw ${(error as Error).name}: ${(error as Error).message.slice(0, 40)}`;
  }
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  // The histogram counts delay beyond the resolution, in nanoseconds.
  return { ms: Math.round(ms), stall_ms: Math.round(histogram.max / 1e6), outcome };
}

async function main() {
  const skipLarge = process.argv.includes("--skip-before-large");
  const budget = readRenderBudget();
  console.log(`Render budget: ${budget.workers} worker(s), ${budget.timeoutMs} ms, ${budget.maxChars.toLocaleString("en-US")} characters\n`);
  // Start the pool (threads load the pipeline) before timing anything.
  await renderMarkdown("warm *up*");
  const rows = [];
  for (const { name, text, large } of CASES) {
    const before = large && skipLarge ? null : await measure(() => renderMarkdownNow(text));
    const after = await measure(() => renderMarkdown(text));
    const cached = await measure(() => renderMarkdown(text));
    rows.push({ case: name, chars: text.length, before, after, cached });
    const show = (run: Run | null) => (run ? `${run.ms} ms, stall ${run.stall_ms} ms, ${run.outcome}` : "skipped");
    console.log(`${name}\n  before: ${show(before)}\n  after:  ${show(after)}\n  cached: ${show(cached)}`);
  }
  await resetMarkdownRenderer();
  const out = path.join(__dirname, "results", "markdown.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ budget, rows }, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
