import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/export-project";
import { buildDataCard } from "@/lib/export/build-data-card";
import { collectLines, seedExportFixture } from "@/lib/export/test-fixtures";
import { runInProcess } from "@/test/cli";
import { run } from "./export";

// The test database is handed to lib/db directly; the CLI's schema check looks for a file on disk.
vi.mock("../shared/database", () => ({ openDatabase: async () => undefined }));

withTestDb();
let slug: string;
let projectId: string;
let lead: { email: string };
const dir = mkdtempSync(path.join(tmpdir(), "pairwise-export-"));

beforeAll(async () => {
  await db.user.create({ data: { email: "first-admin@example.com", name: "Admin", role: "ADMIN" } });
  const { project } = await seedExportFixture();
  ({ slug, id: projectId } = project);
  lead = await db.user.create({ data: { email: "lead@example.com", name: "Lead", role: "LEAD", memberships: { create: { projectId, role: "LEAD" } } } });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runInProcess(run, args);

describe("export command", () => {
  it("writes a file whose lines are exactly exportProject's, for every format", async () => {
    for (const format of ["raw", "trl", "hh"] as const) {
      const file = path.join(dir, `${format}.jsonl`);
      const result = await cli(["--project", slug, "--format", format, "--out", file, "--ties", "keep"]);
      expect(result.code).toBe(0);
      const expected = await collectLines(exportProject({ projectId, format, filters: { ties: "keep" } }));
      expect(readFileSync(file, "utf8")).toBe(expected.join(""));
      expect(result.stderr).toBe(`Wrote ${expected.length} ${format} line${expected.length === 1 ? "" : "s"} to ${file}.\n`);
      expect(existsSync(`${file}.partial`)).toBe(false);
    }
  });

  it("streams to stdout, with the filters mapped to the export's", async () => {
    const result = await cli(["--project", slug, "--format", "trl", "--min-judgments", "3", "--min-agreement", "0.7", "--exclude-gold", "--from", "2026-01-01", "--to", "2026-01-15"]);
    expect(result.code).toBe(0);
    const filters = { minJudgments: 3, minAgreement: 0.7, excludeGold: true, from: new Date("2026-01-01"), to: new Date("2026-01-15") };
    expect(result.stdout).toBe((await collectLines(exportProject({ projectId, format: "trl", filters }))).join(""));
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it("writes the data card as JSON, or markdown", async () => {
    const json = await cli(["--project", slug, "--format", "card"]);
    expect(json.code).toBe(0);
    const card = JSON.parse(json.stdout) as Awaited<ReturnType<typeof buildDataCard>>;
    const expected = await buildDataCard({ projectId });
    // Two cards made one after the other: their times differ, every figure is the same.
    expect({ ...card, generated_at: null, quality_as_of: null }).toEqual({ ...expected, generated_at: null, quality_as_of: null });
    expect(Date.parse(card.quality_as_of)).toBeLessThanOrEqual(Date.parse(expected.quality_as_of));
    const md = await cli(["--project", slug, "--format", "card", "--markdown"]);
    expect(md.stdout).toMatch(/^# /);
  });

  it("audits each export as the first admin, or as --as", async () => {
    const before = await db.auditEvent.count({ where: { projectId, action: "export.downloaded" } });
    await cli(["--project", slug, "--format", "raw"]);
    await cli(["--project", slug, "--format", "hh", "--as", lead.email]);
    const events = await db.auditEvent.findMany({ where: { projectId, action: "export.downloaded" }, orderBy: { createdAt: "asc" }, include: { actor: { select: { email: true } } } });
    expect(events).toHaveLength(before + 2);
    expect(events.slice(-2).map((e) => [e.actor?.email, (e.details as { format: string }).format])).toEqual([
      ["first-admin@example.com", "raw"],
      ["lead@example.com", "hh"],
    ]);
  });

  it("refuses identities to a lead (exit 1), and bad arguments (exit 2)", async () => {
    const refused = await cli(["--project", slug, "--format", "raw", "--identities", "--as", lead.email]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Only an admin/);
    expect(refused.stdout).toBe("");
    const admin = await cli(["--project", slug, "--format", "raw", "--identities"]);
    expect(admin.stdout).toContain('"annotator":"user0-');
    expect((await cli(["--project", slug, "--format", "csv"])).code).toBe(2);
    expect((await cli(["--project", slug, "--format", "raw", "--min-agreement", "2"])).code).toBe(2);
    expect((await cli(["--project", slug, "--format", "raw", "--bogus"])).code).toBe(2);
    expect((await cli(["--format", "raw"])).code).toBe(2);
    expect((await cli(["--project", "nope", "--format", "raw"])).code).toBe(1);
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: export/);
  });

  it("leaves no file behind when the export is refused", async () => {
    const file = path.join(dir, "refused.jsonl");
    expect((await cli(["--project", slug, "--format", "raw", "--identities", "--as", lead.email, "--out", file])).code).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
