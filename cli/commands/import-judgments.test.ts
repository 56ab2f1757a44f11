import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { seedItem, seedProject } from "@/lib/export/test-fixtures";
import { runInProcess } from "@/test/cli";
import { run } from "./import-judgments";

// The test database is handed to lib/db directly; the CLI's schema check looks for a file on disk.
vi.mock("../shared/database", () => ({ openDatabase: async () => undefined }));

withTestDb();
let slug: string;
let projectId: string;
const dir = mkdtempSync(path.join(tmpdir(), "pairwise-judgments-"));

beforeAll(async () => {
  await db.user.create({ data: { email: "first-admin@example.com", name: "Admin", role: "ADMIN" } });
  const ann = await db.user.create({ data: { email: "annotator@example.com", name: "Ann", role: "ANNOTATOR" } });
  const project = await seedProject();
  ({ slug, id: projectId } = project);
  // Judgments are attributed to members only: Ann annotates here.
  await db.membership.create({ data: { userId: ann.id, projectId, role: "ANNOTATOR" } });
  for (const id of ["q-1", "q-2"]) await seedItem(projectId, { externalId: id });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, lines: string[]): string {
  const target = path.join(dir, name);
  writeFileSync(target, lines.join("\n") + "\n");
  return target;
}

const cli = (args: string[]) => runInProcess(run, args);

const j = (item_id: string, annotator: string, preference: unknown) => JSON.stringify({ item_id, annotator, preference });

describe("judgments import command", () => {
  it("imports nothing from a file with bad lines, listing them, and exits 1", async () => {
    const bad = file("bad.jsonl", [j("q-1", "v-1", 1), j("q-9", "v-1", 1), j("q-2", "v-1", "much")]);
    const result = await cli(["--project", slug, bad]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('line 2: item_id: no item "q-9" in this project');
    expect(result.stdout).toContain("line 3: preference: must be an integer (got a string)");
    expect(result.stderr).toMatch(/nothing was imported/);
    expect(await db.judgment.count()).toBe(0);
  });

  it("skips bad lines when asked, then finds everything already there on a re-run", async () => {
    const mixed = file("mixed.jsonl", [j("q-1", "v-1", 1), j("q-9", "v-1", 1), j("q-2", "annotator@example.com", -2)]);
    const first = await cli(["--project", slug, mixed, "--skip-bad-lines"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Imported 2 judgments from 3 lines.");
    expect(first.stdout).toContain("1 external annotator created (no login).");
    const again = await cli(["--project", slug, mixed, "--skip-bad-lines", "--json"]);
    expect(JSON.parse(again.stdout)).toEqual({ imported: 0, duplicates: 2, errors: [{ line: 2, reason: expect.any(String) }], total_errors: 1, lines: 3, annotators_created: 0, dry_run: false });
    expect(await db.judgment.count()).toBe(2);
    const events = await db.auditEvent.findMany({ where: { projectId, action: "judgments.imported" } });
    expect(events.map((e) => (e.details as { via: string; filename: string }).filename)).toEqual(["bad.jsonl", "mixed.jsonl", "mixed.jsonl"]);
  });

  it("refuses a non-lead (exit 1), a missing file (exit 1) and bad arguments (exit 2)", async () => {
    const ok = file("ok.jsonl", [j("q-1", "v-2", 1)]);
    const refused = await cli(["--project", slug, ok, "--as", "annotator@example.com"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Only a lead/);
    expect((await cli(["--project", slug, path.join(dir, "missing.jsonl")])).code).toBe(1);
    expect((await cli(["--project", slug])).code).toBe(2);
    expect((await cli(["--project", slug, ok, "--bogus"])).code).toBe(2);
    expect((await cli(["--help"])).stdout).toMatch(/^usage: judgments import/);
  });
});
