import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { freePort } from "@/test/free-port";

const root = path.resolve(__dirname, "../..");

/**
 * The SIGKILL fault in CI, at a small size: bench/faults/sigkill-server.ts
 * plays 50 annotators against the REST route handlers (served by plain
 * node:http, so no production build is needed here), kills the server's
 * process group mid-request, starts it again, and exits non-zero unless every
 * judgment answered 2xx is stored as sent, nothing is duplicated or past the
 * overlap, and annotating resumes. PostgreSQL only: it needs a second process
 * on the same database. (The PostgreSQL-restart fault stays a script: stopping
 * the server would break the test files running beside it.)
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("server killed with SIGKILL under load", () => {
  it("loses no acknowledged judgment and annotating resumes after a restart", async () => {
    const base = new URL(process.env.TEST_DATABASE_URL!);
    const name = `pw_fault_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(base.toString());
    url.pathname = `/${name}`;
    const results = fs.mkdtempSync(path.join(os.tmpdir(), "pw-fault-"));
    try {
      await migrateDatabase({ kind: "postgres", url: url.toString() });
      const port = String(await freePort());
      const run = spawnSync(
        path.join(root, "node_modules/.bin/tsx"),
        ["--conditions", "react-server", "bench/faults/sigkill-server.ts", "--server", "handlers", "--port", port],
        { cwd: root, encoding: "utf8", timeout: 150_000, env: { ...process.env, DATABASE_URL: url.toString(), FAULT_RESULTS_DIR: results } },
      );
      expect(run.status, `${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`).toBe(0);
      expect(run.stdout).toContain("all checks hold");
      const report = JSON.parse(fs.readFileSync(path.join(results, "fault-sigkill.json"), "utf8")) as { checks: Record<string, boolean> };
      expect(Object.values(report.checks).every(Boolean)).toBe(true);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(results, { recursive: true, force: true });
    }
  }, 200_000);
});
