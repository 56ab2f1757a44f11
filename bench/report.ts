/**
 * Writes bench/RESULTS.md from bench/results/*.json: the machine, then one
 * row per target of docs/architecture.md ("Performance targets") with the measured figure, the database alone
 * doing the same work, the ratio, and whether the target is met; then the
 * load run per endpoint. bench/PERFORMANCE-NOTES.md (hand-written: what the
 * profiles showed, what changed) is appended when present.
 *   npm run bench:report        (DATABASE_URL: the server whose version to print)
 */
import fs from "node:fs";
import path from "node:path";
import { describeMachine } from "./lib/machine";

const dir = path.join(__dirname, "results");
function read<T>(name: string): (T & { mtime: string }) | null {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) return null;
  return { ...(JSON.parse(fs.readFileSync(file, "utf8")) as T), mtime: fs.statSync(file).mtime.toISOString().slice(0, 16).replace("T", " ") };
}

type Latency = { p50: number; p95: number; p99: number; count: number };
type Endpoint = { latency_ms: Latency; statuses: Record<string, number> };
type LoadRun = { judgments_per_s: number; endpoints: Record<string, Endpoint>; cpu_cores_busy: Record<string, number>; cpu_ms_per_judgment?: Record<string, number | null>; errors: string[] };
type Load = {
  summary: { annotators: number; items: number; overlap: number; duration_s: number; server: string; max_judgments_per_s: number | null; db_judgments_per_s: number | null; ratio_to_db: number | null; paced_rate: number | null; paced_judgments_per_s: number | null; paced_p95_ms: number | null; realistic_rate?: number | null; realistic_judgments_per_s?: number | null; realistic_p95_ms?: number | null; invariants_ok: boolean };
  runs: Record<string, LoadRun>;
  machine: { load_avg_1m: number };
};
type Export = { judgments: number; ms: number; rss_peak_mb: number; baseline_copy_ms: number; ratio: number; output_mb: number };
type Agreement = { judgments: number; ms: number; rss_mb: number; baseline_sql_ms?: number; ratio?: number; read_rows_ms?: number };
type Import = { items: number; ms: number; rss_peak_mb: number; baseline_ms?: number; ratio?: number; validate_ms: number; insert_ms: number };
type Seed = { items: number; judgments: number; ms: number; rows_per_s: number; phases: Record<string, number> };

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const mark = (ok: boolean | null) => (ok === null ? "—" : ok ? "✅ met" : "❌ missed");
const n = (value: number) => value.toLocaleString("en-US");

async function main() {
  const machine = await describeMachine(process.env.DATABASE_URL);
  const load = read<Load>("load");
  const exp = read<Export>("export");
  const agr = read<Agreement>("agreement");
  const imp = read<Import>("import");
  const seed = read<Seed>("seed");
  const rows: string[] = [];
  if (load) {
    const sum = load.summary;
    const scale = `${sum.annotators} annotators, ${n(sum.items)} items`;
    rows.push(`| submit + lease next, throughput (${scale}) | ≥ 1,000 judgments/s | ${sum.max_judgments_per_s ?? "—"} judgments/s (flat out) | ${sum.db_judgments_per_s ?? "—"} judgments/s | ${sum.ratio_to_db ?? "—"} | ${mark(sum.max_judgments_per_s === null ? null : sum.max_judgments_per_s >= 1000)} |`);
    const db = load.runs.db?.endpoints;
    const dbP95 = db ? Math.max(db.lease!.latency_ms.p95, db.submit!.latency_ms.p95) : null;
    rows.push(`| submit + lease next, p95 latency at ${sum.paced_rate ?? "—"} judgments/s offered | < 50 ms | ${sum.paced_p95_ms ?? "—"} ms (achieved ${sum.paced_judgments_per_s ?? "—"}/s) | ${dbP95 ?? "—"} ms (flat out) | ${sum.paced_p95_ms && dbP95 ? (sum.paced_p95_ms / dbP95).toFixed(2) : "—"} | ${mark(sum.paced_p95_ms === null ? null : sum.paced_p95_ms < 50 && (sum.paced_judgments_per_s ?? 0) >= (sum.paced_rate ?? 0) * 0.95)} |`);
    if (sum.realistic_p95_ms != null) {
      rows.push(`| the same, p95 latency at ${sum.realistic_rate}/s offered (each annotator one pair per ${Math.round(sum.annotators / (sum.realistic_rate ?? 1))} s) | < 50 ms | ${sum.realistic_p95_ms} ms (achieved ${sum.realistic_judgments_per_s}/s) | — | — | ${mark(sum.realistic_p95_ms < 50)} |`);
    }
  }
  if (exp) rows.push(`| export ${n(exp.judgments)} judgments as JSONL (${n(exp.output_mb)} MB) | < 10 s, < 300 MB RSS | ${s(exp.ms)}, ${exp.rss_peak_mb} MB | ${s(exp.baseline_copy_ms)} (COPY … TO STDOUT) | ${exp.ratio} | ${mark(exp.ms < 10_000 && exp.rss_peak_mb < 300)} |`);
  if (agr) rows.push(`| agreement over ${n(agr.judgments)} judgments | < 2 s | ${s(agr.ms)} | ${agr.baseline_sql_ms !== undefined ? `${s(agr.baseline_sql_ms)} (SQL percent agreement only)` : "—"} | ${agr.ratio ?? "—"} | ${mark(agr.ms < 2000)} |`);
  if (imp) rows.push(`| import ${n(imp.items)} items (validate + insert) | < 15 s | ${s(imp.ms)}, ${imp.rss_peak_mb} MB | ${imp.baseline_ms !== undefined ? `${s(imp.baseline_ms)} (pg multi-row INSERT)` : "—"} | ${imp.ratio ?? "—"} | ${mark(imp.ms < 15_000)} |`);

  const out: string[] = [];
  out.push("## Benchmarks", "");
  out.push(`Measured with \`npm run bench\` on PostgreSQL. Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ram_gb} GB RAM, ${machine.os}; Node ${machine.node}; PostgreSQL ${machine.postgres ?? "?"} (default configuration).`, "");
  out.push("| what | target (docs/architecture.md) | measured | database alone, same work | ratio | |", "| --- | --- | --- | --- | --- | --- |", ...rows, "");
  out.push("*Ratio* is the app's figure divided by the database doing the same work alone (higher = more overhead above what the hardware allows).", "");
  if (seed) out.push(`Seeding ${n(seed.items)} items and ${n(seed.judgments)} judgments (with their assignments) took ${s(seed.ms)} (${n(seed.rows_per_s)} rows/s; ${Object.entries(seed.phases).map(([k, v]) => `${k} ${s(v)}`).join(", ")}).`, "");
  if (load) {
    out.push(`### Load run (${load.summary.server === "next" ? "`next start`" : "route handlers without Next"}, ${load.summary.annotators} annotators, ${load.summary.duration_s} s per run, ${load.mtime} UTC, machine load ${load.machine.load_avg_1m})`, "");
    out.push("| run | endpoint | judgments/s | p50 ms | p95 ms | p99 ms | answers | CPU cores busy (server / PostgreSQL / driver) | server CPU ms per judgment |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const [name, run] of Object.entries(load.runs)) {
      // The insert run has no endpoints (its rate is in the note below); one-request runs send almost no GET …/next.
      for (const [endpoint, e] of Object.entries(run.endpoints ?? {})) {
        if (!e.latency_ms.count) continue;
        const answers = Object.entries(e.statuses).map(([k, v]) => `${k}×${v}`).join(" ") || "—";
        const cpu = run.cpu_cores_busy;
        out.push(`| ${name} | ${endpoint} | ${run.judgments_per_s} | ${e.latency_ms.p50} | ${e.latency_ms.p95} | ${e.latency_ms.p99} | ${answers} | ${cpu.server ?? 0} / ${cpu.postgres} / ${cpu.driver} | ${run.cpu_ms_per_judgment?.server ?? "—"} |`);
      }
    }
    const insert = (load.runs as Record<string, unknown>).insert as { inserts_per_s?: number } | undefined;
    if (insert?.inserts_per_s) out.push("", `Plain one-row INSERT transactions, same concurrency and pool: ${n(insert.inserts_per_s)}/s (the disk's durable-commit rate). \`saturate\` is the annotation screen's one request per judgment (\`next: true\`), \`saturate-two-call\` GET …/next then POST …/judgments.`);
    out.push("", `Invariants after every run (no item past the overlap, exactly \`overlap\` judgments per finished item, no (item, annotator) twice, counters equal rows, every 2xx judgment stored as sent): ${load.summary.invariants_ok ? "all held" : "**FAILED** (see bench/results/load.json)"}.`, "");
  }
  // The same saturating run against other servers, when those result files exist (see PERFORMANCE-NOTES.md).
  const variants: [string, string][] = [
    ["load-before", "without Next, lib/ as it was before issue 5 (six-round-trip lease, five-round-trip submit)"],
    ["load", "`next start`, this tree"],
    ["load-handlers", "the same route handlers without Next (bench/lib/handler-server.ts)"],
    ["load-proposals", "without Next, with bench/proposals/fewer-queries-per-request.patch applied"],
  ];
  const compared = variants.flatMap(([file, label]) => {
    const run = read<Load>(file)?.runs.saturate;
    const nextP95 = run?.endpoints.next?.latency_ms.count ? run.endpoints.next.latency_ms.p95 : "—";
    return run ? [`| ${label} | ${run.judgments_per_s} | ${nextP95} / ${run.endpoints.judgments!.latency_ms.p95} | ${run.cpu_cores_busy.server} | ${run.cpu_ms_per_judgment?.server ?? "—"} |`] : [];
  });
  if (compared.length > 1) {
    out.push("### Where the time goes: the same flat-out run on other servers", "");
    out.push("| server | judgments/s | p95 ms (next / judgments) | server CPU cores busy | server CPU ms per judgment |", "| --- | --- | --- | --- | --- |", ...compared, "");
  }
  const faults = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith("fault-") && f.endsWith(".json")) : [];
  if (faults.length) {
    out.push("### Faults (bench/faults/*.ts)", "");
    for (const file of faults) {
      const fault = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { name: string; at: string; checks: Record<string, boolean>; details: Record<string, unknown> };
      const figures = Object.entries(fault.details)
        .filter(([, v]) => typeof v === "number" || (v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "number")))
        .map(([k, v]) => `${k.replace(/_/g, " ")} ${typeof v === "number" ? n(v) : JSON.stringify(v)}`);
      out.push(`**${fault.name}** (${fault.at.slice(0, 16).replace("T", " ")} UTC, \`${String(fault.details.server ?? "next")}\`): ${Object.entries(fault.checks).map(([what, ok]) => `${ok ? "✅" : "❌"} ${what}`).join("; ")}.`, "");
      if (figures.length) out.push(`Figures: ${figures.join("; ")}.`, "");
    }
  }
  const notes = path.join(__dirname, "PERFORMANCE-NOTES.md");
  if (fs.existsSync(notes)) out.push(fs.readFileSync(notes, "utf8").trim(), "");
  fs.writeFileSync(path.join(__dirname, "RESULTS.md"), `${out.join("\n")}\n`);
  console.log(out.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
