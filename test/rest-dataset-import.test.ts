import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { runInProcess } from "@/test/cli";
import { POST } from "@/app/api/v1/projects/[slug]/items/route";
import { GET as sourceAgreement } from "@/app/api/v1/projects/[slug]/source-agreement/route";
import { GET as exportRoute } from "@/app/api/v1/projects/[slug]/export/route";
import { sourceAgreementJson } from "@/lib/validations/source-agreement";
import { run as importCli } from "@/cli/commands/import-items";
import { run as sourceAgreementCli } from "@/cli/commands/source-agreement";
import { run as exportCli } from "@/cli/commands/export";

/**
 * Dataset imports (issue 15) through the REST route and the CLI: the format
 * parameters are validated with clear errors, an hh file imports with its
 * references, and the source-agreement route and command read them back.
 */
vi.mock("@/cli/shared/database", () => ({ openDatabase: async () => undefined }));
withTestDb();
let lead: { token: string; id: string; email?: string };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pw-dataset-test-"));

beforeAll(async () => {
  process.env.TMPDIR = dir;
  lead = await userWithToken("lead", "LEAD");
  await db.user.create({ data: { email: `admin-${unique()}@example.com`, name: "Admin", role: "ADMIN" } });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function newProject() {
  const project = await db.project.create({ data: { slug: `ds-${unique()}`, name: "Datasets", scale: 3 } });
  await db.membership.create({ data: { userId: lead.id, projectId: project.id, role: "LEAD" } });
  return project;
}

async function upload(slug: string, body: string, query: string) {
  const request = new Request(`http://localhost/api/v1/projects/${slug}/items${query}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${lead.token}`, "Content-Type": "application/x-ndjson" },
    body,
  });
  const response = await POST(request, routeContext({ slug }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { message: string } } };
}

const hhLine = (q: string) => JSON.stringify({ chosen: `\n\nHuman: ${q}\n\nAssistant: good answer`, rejected: `\n\nHuman: ${q}\n\nAssistant: bad answer` });

describe("POST …/items?format=hh|trl|ratings", () => {
  it("imports an hh file with references and reports a re-import's duplicates", async () => {
    const project = await newProject();
    const file = [hhLine("one"), hhLine("two"), JSON.stringify({ chosen: "x" })].join("\n");
    const first = await upload(project.slug, file, "?format=hh&on_error=skip&source=hh-v1");
    expect(first).toMatchObject({ status: 200, body: { imported: 2, lines: 3, errors: [{ line: 3, reason: expect.stringMatching(/^rejected: is required/) }] } });
    expect(await db.referenceJudgment.count({ where: { projectId: project.id, source: "hh-v1" } })).toBe(2);
    const again = await upload(project.slug, [hhLine("one"), hhLine("two")].join("\n"), "?format=hh");
    expect(again).toMatchObject({ status: 200, body: { imported: 0, duplicates: 2 } });

    const response = await sourceAgreement(apiRequest(`/api/v1/projects/${project.slug}/source-agreement`, { token: lead.token }), routeContext({ slug: project.slug }));
    expect(response.status).toBe(200);
    const figures = sourceAgreementJson.parse(await response.json());
    expect(figures).toMatchObject({ sources: ["hh-v1"], reference_items: 2, judged_items: 0, overall: { total: 0, rate: null, interval: null } });

    const exported = await exportRoute(apiRequest(`/api/v1/projects/${project.slug}/export?format=hh&consensus=source`, { token: lead.token }), routeContext({ slug: project.slug }));
    expect(exported.status).toBe(200);
    const lines = (await exported.text()).trim().split("\n").map((l) => JSON.parse(l) as { chosen: string });
    expect(lines.map((l) => l.chosen).sort()).toEqual(["\n\nHuman: one\n\nAssistant: good answer", "\n\nHuman: two\n\nAssistant: good answer"]);
  });

  it.each([
    ["?format=parquet", /format: must be one of jsonl, json, csv, hh, trl, ratings/],
    ["?format=hh&pairs=all", /pairs: applies only to format=ratings/],
    ["?format=ratings&pairs=random", /pairs: must be one of all, best-vs-rest, adjacent/],
    ["?format=jsonl&source=x", /source: applies only to format=hh, trl or ratings/],
    ["?format=trl&source=has%20space", /source: must be 1–40 letters/],
  ])("refuses %s with a 400 that says why", async (query, message) => {
    const project = await newProject();
    const result = await upload(project.slug, hhLine("q"), query);
    expect(result.status).toBe(400);
    expect(result.body.error!.message).toMatch(message);
    expect(await db.item.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("refuses an export option that does not fit the format", async () => {
    const project = await newProject();
    const response = await exportRoute(apiRequest(`/api/v1/projects/${project.slug}/export?format=raw&consensus=source`, { token: lead.token }), routeContext({ slug: project.slug }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/consensus=source applies to trl and hh/);
  });
});

describe("CLI", () => {
  it("imports a ratings file with --pairs and prints the source agreement", async () => {
    const project = await newProject();
    const file = path.join(dir, "ratings.jsonl");
    fs.writeFileSync(file, JSON.stringify({ prompt: "p", completions: [{ text: "a", score: 3 }, { text: "b", score: 2 }, { text: "c", score: 1 }] }) + "\n");
    const result = await runInProcess(importCli, ["--project", project.slug, file, "--format", "ratings", "--pairs", "best-vs-rest"]);
    expect(result).toMatchObject({ code: 0, stdout: "Imported 2 items from 1 record.\n" });
    const agreement = await runInProcess(sourceAgreementCli, ["--project", project.slug]);
    expect(agreement.code).toBe(0);
    expect(agreement.stdout).toContain("Sources: ratings. 2 items with a reference label, 0 of them judged.");
    const exported = await runInProcess(exportCli, ["--project", project.slug, "--format", "trl", "--consensus", "source"]);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split("\n").map((l) => JSON.parse(l) as { chosen: string; rejected: string });
    expect(lines.map((l) => `${l.chosen}>${l.rejected}`).sort()).toEqual(["a>b", "a>c"]);
    const bad = await runInProcess(exportCli, ["--project", project.slug, "--format", "trl", "--consensus", "crowd"]);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining("--consensus: must be majority, reliability or source") });
  });

  it.each([
    [["--format", "xml"], "--format: must be one of jsonl, json, csv, hh, trl, ratings"],
    [["--format", "hh", "--pairs", "all"], "--pairs applies only to --format ratings"],
    [["--format", "ratings", "--pairs", "sometimes"], "--pairs: must be one of all, best-vs-rest, adjacent"],
    [["--format", "csv", "--source", "x"], "--source applies only to --format hh, trl or ratings"],
  ])("refuses %j with a usage error", async (args, message) => {
    const result = await runInProcess(importCli, ["--project", "any", path.join(dir, "none.jsonl"), ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
