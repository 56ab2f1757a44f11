import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { apiRequest, routeContext, unique, userWithToken } from "@/test/api-fixtures";
import { POST, GET } from "@/app/api/v1/projects/[slug]/items/route";

/**
 * `POST /api/v1/projects/{slug}/items` end to end through the route handler:
 * every kind of bad line is reported with its line number, a file with bad
 * lines imports nothing unless ?on_error=skip, and re-imports report duplicates.
 */
withTestDb();
let lead: { token: string; id: string };
// Uploads are spooled here, so the test can see that none is left behind.
const spool = fs.mkdtempSync(path.join(os.tmpdir(), "pw-import-test-"));

beforeAll(async () => {
  process.env.TMPDIR = spool;
  lead = await userWithToken("lead", "LEAD");
});
afterAll(async () => {
  fs.rmSync(spool, { recursive: true, force: true });
});

async function newProject(scale = 3) {
  const project = await db.project.create({ data: { slug: `imp-${unique()}`, name: "Import", scale } });
  await db.membership.create({ data: { userId: lead.id, projectId: project.id, role: "LEAD" } });
  return project;
}

const line = (fields: Record<string, unknown>) => JSON.stringify({ prompt: "Explain RLHF.", response_a: "A", response_b: "B", ...fields });

async function upload(slug: string, body: string | Uint8Array<ArrayBuffer>, options: { query?: string; contentType?: string; headers?: Record<string, string> } = {}) {
  const headers = new Headers({ Authorization: `Bearer ${lead.token}`, "Content-Type": options.contentType ?? "application/x-ndjson", ...options.headers });
  const request = new Request(`http://localhost/api/v1/projects/${slug}/items${options.query ?? ""}`, { method: "POST", headers, body });
  const response = await POST(request, routeContext({ slug }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { errors?: { line: number; reason: string }[] } };
}

const itemCount = (projectId: string) => db.item.count({ where: { projectId } });

describe("POST /api/v1/projects/{slug}/items", () => {
  it("imports a JSONL body and reports duplicates on a re-import, changing nothing", async () => {
    const project = await newProject();
    const file = [line({ id: "q-1", model_a: "x", model_b: "y" }), line({ id: "q-2", gold_preference: -2 }), ""].join("\n");
    const first = await upload(project.slug, file);
    expect(first).toMatchObject({ status: 200, body: { imported: 2, duplicates: 0, errors: [], lines: 2 } });
    expect(await db.item.findUniqueOrThrow({ where: { projectId_externalId: { projectId: project.id, externalId: "q-2" } } })).toMatchObject({ goldPreference: -2 });

    const changed = [line({ id: "q-1", response_a: "changed" }), line({ id: "q-2" }), line({ id: "q-3" })].join("\n");
    const again = await upload(project.slug, changed);
    expect(again).toMatchObject({ status: 200, body: { imported: 1, duplicates: 2, duplicate_ids: ["q-1", "q-2"], errors: [] } });
    expect((await db.item.findFirstOrThrow({ where: { projectId: project.id, externalId: "q-1" } })).responseA).toBe("A");

    const all = await upload(project.slug, changed);
    expect(all).toMatchObject({ status: 200, body: { imported: 0, duplicates: 3 } });
    const audits = await db.auditEvent.findMany({ where: { projectId: project.id, action: "items.imported" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => a.details)).toEqual([
      expect.objectContaining({ imported: 2, duplicates: 0, via: "rest", format: "jsonl" }),
      expect.objectContaining({ imported: 1, duplicates: 2 }),
      expect.objectContaining({ imported: 0, duplicates: 3 }),
    ]);
  });

  it("reports every kind of bad line with its number and imports nothing", async () => {
    const project = await newProject();
    const encoder = new TextEncoder();
    const parts: (string | Uint8Array)[] = [
      line({ id: "ok-1" }), //                                            1
      "{not json", //                                                     2
      JSON.stringify({ id: "m", prompt: "p", response_a: "a" }), //       3 missing response_b
      line({ id: "e", response_a: "" }), //                               4 empty response
      line({ id: "w", response_b: 42 }), //                               5 wrong type
      line({ id: "big", prompt: "x".repeat(5 * 1024 * 1024) }), //        6 a 5 MB line
      new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), //            7 invalid UTF-8
      line({ id: "ok-1" }), //                                            8 duplicate id
      line({ id: "g", gold_preference: 9 }), //                           9 gold outside the scale
      "[1, 2]", //                                                       10 not an object
      line({ id: "ok-2" }), //                                           11
    ];
    const chunks = parts.flatMap((part) => [typeof part === "string" ? encoder.encode(part) : part, encoder.encode("\n")]);
    const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((offset, chunk) => (body.set(chunk, offset), offset + chunk.length), 0);

    const result = await upload(project.slug, body);
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ imported: 0, duplicates: 0, total_errors: 9, error: { code: "unprocessable" } });
    const reasons = new Map(result.body.errors!.map((e) => [e.line, e.reason]));
    expect([...reasons.keys()]).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reasons.get(2)).toMatch(/^not JSON/);
    expect(reasons.get(3)).toBe("response_b: is required (a non-empty string)");
    expect(reasons.get(4)).toBe("response_a: must be a non-empty string");
    expect(reasons.get(5)).toBe("response_b: must be a non-empty string (got a number)");
    expect(reasons.get(6)).toMatch(/5\.\d MB, over the 1 MiB limit/);
    expect(reasons.get(7)).toMatch(/UTF-8/);
    expect(reasons.get(8)).toBe('duplicate id "ok-1" (first on line 1)');
    expect(reasons.get(9)).toMatch(/gold_preference: 9 is outside/);
    expect(reasons.get(10)).toBe("not an object (got an array)");
    expect(await itemCount(project.id)).toBe(0);

    const skipped = await upload(project.slug, body, { query: "?on_error=skip" });
    expect(skipped).toMatchObject({ status: 200, body: { imported: 2, total_errors: 9 } });
    expect((await db.item.findMany({ where: { projectId: project.id }, select: { externalId: true } })).map((i) => i.externalId).sort()).toEqual(["ok-1", "ok-2"]);
  });

  it("with ?dry_run=true validates and counts but writes nothing", async () => {
    const project = await newProject();
    const result = await upload(project.slug, [line({ id: "a" }), line({ id: "b" })].join("\n"), { query: "?dry_run=true" });
    expect(result).toMatchObject({ status: 200, body: { imported: 2, dry_run: true } });
    expect(await itemCount(project.id)).toBe(0);
  });

  it("answers 422 for an empty body and for a file of only bad lines, even with skip", async () => {
    const project = await newProject();
    expect(await upload(project.slug, "")).toMatchObject({ status: 422, body: { imported: 0, lines: 0, error: { message: "The body holds no items." } } });
    const bad = await upload(project.slug, "nope\n{}\n", { query: "?on_error=skip" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors!.map((e) => e.line)).toEqual([1, 2]);
  });

  it("reads JSON arrays and CSV by Content-Type, and refuses multipart uploads", async () => {
    const project = await newProject();
    const json = await upload(project.slug, `[${line({ id: "j-1" })}, ${line({ id: "j-2" })}]`, { contentType: "application/json" });
    expect(json).toMatchObject({ status: 200, body: { imported: 2 } });
    const csv = await upload(project.slug, 'id,prompt,response_a,response_b\nc-1,"Hi, there",A,B\n', { contentType: "text/csv" });
    expect(csv).toMatchObject({ status: 200, body: { imported: 1 } });
    const form = await upload(project.slug, "--x\r\n", { contentType: "multipart/form-data; boundary=x" });
    expect(form).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
  });

  it("refuses a body declared over 500 MB with 413 before reading it", async () => {
    const project = await newProject();
    const result = await upload(project.slug, line({}), { headers: { "Content-Length": String(600_000_000) } });
    expect(result).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
  });

  it("leaves no temporary file behind", () => {
    expect(fs.readdirSync(spool)).toEqual([]);
  });
});

describe("GET /api/v1/projects/{slug}/items", () => {
  it("pages through the items with a cursor and filters them", async () => {
    const project = await newProject();
    const lines = Array.from({ length: 7 }, (_, i) => line({ id: `p-${i}`, prompt: `Prompt ${i} ${"long ".repeat(60)}`, model_a: i % 2 ? "odd" : "even" }));
    await upload(project.slug, lines.join("\n"));
    const get = async (query: string) => {
      const response = await GET(apiRequest(`/projects/${project.slug}/items${query}`, { token: lead.token }), routeContext({ slug: project.slug }));
      return { status: response.status, body: (await response.json()) as { items: { item_id: string; prompt_preview: string }[]; next_cursor: string | null } };
    };
    const first = await get("?limit=3");
    expect(first.body.items.map((i) => i.item_id)).toEqual(["p-0", "p-1", "p-2"]);
    expect(first.body.items[0]!.prompt_preview).toHaveLength(200);
    const second = await get(`?limit=3&cursor=${first.body.next_cursor}`);
    expect(second.body.items.map((i) => i.item_id)).toEqual(["p-3", "p-4", "p-5"]);
    const last = await get(`?limit=3&cursor=${second.body.next_cursor}`);
    expect(last.body).toMatchObject({ items: [{ item_id: "p-6" }], next_cursor: null });
    expect((await get("?model=odd")).body.items.map((i) => i.item_id)).toEqual(["p-1", "p-3", "p-5"]);
    expect((await get("?limit=500")).status).toBe(400);
    expect((await get("?cursor=garbage")).status).toBe(400);
    expect((await get("?colour=red")).status).toBe(400);
  });
});
