/**
 * `npm test`: the unit and integration suite (Vitest) on PGlite, again on
 * PostgreSQL when TEST_DATABASE_URL is set, then the browser suite (Playwright
 * in Chromium against the production build, on PostgreSQL when
 * TEST_DATABASE_URL is set, else PGlite; the build is made first), and one closing line
 * `N passed, N failed` that sums them all. `npm test -- unit` or `-- e2e` runs one part.
 */
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const resultsDir = path.join(root, "test-results");
fs.mkdirSync(resultsDir, { recursive: true });

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  return result.status ?? 1;
}

type Counts = { passed: number; failed: number; skipped: number };

function vitestCounts(file: string): Counts | null {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightCounts(file: string): Counts | null {
  if (!fs.existsSync(file)) return null;
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

const only = process.argv[2]; // "unit" | "e2e" | undefined (both)
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function add(label: string, counts: Counts | null, status: number) {
  if (!counts) {
    console.error(`✖ ${label}: no report was written (exit ${status}).`);
    totals.failed += 1;
    exitCode = 1;
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (status !== 0 || counts.failed) exitCode = 1;
  console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

// The production build of this tree, first: the browser suite tests it, and so does the two-server test
// (test/two-servers.test.ts, in the PostgreSQL Vitest run; run alone it builds if there is no build).
// PAIRWISE_SKIP_BUILD=1 reuses the last one.
let buildOk = true;
if (only !== "unit" && (process.env.PAIRWISE_SKIP_BUILD !== "1" || !fs.existsSync(path.join(root, ".next", "BUILD_ID")))) {
  if (run(bin("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }) !== 0) {
    console.error("✖ next build failed: the browser suite cannot run.");
    totals.failed += 1;
    exitCode = 1;
    buildOk = false;
  }
}

if (only !== "e2e") {
  // PGlite always; PostgreSQL as well when TEST_DATABASE_URL is set, so one run covers both databases.
  const targets: { label: string; env: NodeJS.ProcessEnv }[] = [
    { label: "unit and integration on PGlite (vitest)", env: { ...process.env, TEST_DATABASE_URL: "" } },
  ];
  if (process.env.TEST_DATABASE_URL) {
    targets.push({ label: "unit and integration on PostgreSQL (vitest)", env: process.env });
  }
  for (const [index, target] of targets.entries()) {
    const file = path.join(resultsDir, `vitest-${index}.json`);
    fs.rmSync(file, { force: true });
    console.log(`\n▶ ${target.label}`);
    const status = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], target.env);
    add(target.label, vitestCounts(file), status);
  }
}

if (only !== "unit") {
  if (buildOk || fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    const file = path.join(resultsDir, "e2e.json");
    fs.rmSync(file, { force: true });
    console.log("\n▶ browser (playwright)");
    const status = run(bin("playwright"), ["test"]);
    add("browser (playwright)", playwrightCounts(file), status);
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(exitCode);
