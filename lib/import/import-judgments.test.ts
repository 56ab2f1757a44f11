import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { exportProject } from "@/lib/export/export-project";
import { getPseudonymKey, pseudonymFor } from "@/lib/export/pseudonym";
import { collectLines, seedItem, seedJudgment, seedProject, seedUsers } from "@/lib/export/test-fixtures";
import { importJudgments, type ImportJudgmentsOptions } from "./import-judgments";
import { bytesSource } from "./sources";

withTestDb();
let projectId = "";
let admin: { id: string };
beforeAll(async () => {
  admin = await db.user.create({ data: { email: "admin-import@example.com", name: "Admin", role: "ADMIN" } });
});
beforeEach(async () => {
  const project = await seedProject({ scale: 3, guidelinesVersion: 4 });
  projectId = project.id;
  for (const id of ["q-1", "q-2", "q-3"]) await seedItem(projectId, { externalId: id });
});

const encode = (text: string) => new TextEncoder().encode(text);
const line = (fields: Record<string, unknown>) => JSON.stringify(fields);
const run = (data: string | Uint8Array, options: Partial<ImportJudgmentsOptions> = {}) =>
  importJudgments({ actor: admin, projectId, onError: "abort", source: () => bytesSource(data, { chunkBytes: 97 }), batchSize: 2, ...options });
const judgmentsHere = () => db.judgment.findMany({ where: { item: { projectId } }, include: { item: { select: { externalId: true } }, user: true }, orderBy: { id: "asc" } });
const counts = async () => Object.fromEntries((await db.item.findMany({ where: { projectId }, select: { externalId: true, judgmentCount: true } })).map((i) => [i.externalId, i.judgmentCount]));

function concat(parts: (string | Uint8Array)[]): Uint8Array {
  const bytes = parts.flatMap((part) => [typeof part === "string" ? encode(part) : part, encode("\n")]);
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of bytes) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

/** Good lines at 1, 16 and 17; every other line is bad in its own way. */
const mixed = () =>
  concat([
    line({ item_id: "q-1", annotator: "ext-1", preference: -2 }),
    "{oops",
    "[1, 2]",
    line({ annotator: "ext-1", preference: 1 }),
    line({ item_id: "q-2", preference: 1 }),
    line({ item_id: "q-2", annotator: "ext-1" }),
    line({ item_id: "q-2", annotator: "ext-1", preference: 1.5 }),
    line({ item_id: "q-2", annotator: "ext-1", preference: 4 }),
    line({ item_id: "q-2", annotator: "ext-1", preference: 1, scale: 5 }),
    line({ item_id: "q-2", annotator: "ext-1", preference: 1, choice: "A" }),
    line({ item_id: "nope", annotator: "ext-1", preference: 1 }),
    line({ item_id: "q-1", annotator: "ext-1", preference: 3 }),
    line({ item_id: "q-2", annotator: "ext-1", preference: 1, created_at: "yesterday" }),
    line({ item_id: "q-2", annotator: "ext-1", preference: 1, rationale: 7 }),
    new Uint8Array([...encode('{"item_id": "q-2", "annotator": "'), 0xff, ...encode('", "preference": 1}')]),
    line({ item_id: "q-2", annotator: "ext-2", preference: 0, shown_swapped: true, duration_ms: 1200 }),
    line({ item_id: "q-3", annotator: 1007, preference: 1, prompt: "ignored", scale: 3, choice: "B" }),
    line({ item_id: "q-3", annotator: "ext-3", preference: 1, duration_ms: -1 }),
  ]);

const mixedErrors = [
  { line: 2, reason: expect.stringMatching(/^not JSON/) },
  { line: 3, reason: "not an object (got an array)" },
  { line: 4, reason: expect.stringMatching(/^item_id: is required/) },
  { line: 5, reason: expect.stringMatching(/^annotator: is required/) },
  { line: 6, reason: expect.stringMatching(/^preference: is required/) },
  { line: 7, reason: "preference: must be an integer" },
  { line: 8, reason: "preference: 4 is outside the project's scale −3..3" },
  { line: 9, reason: expect.stringMatching(/^scale: the file's scale is 5, the project's is 3/) },
  { line: 10, reason: 'choice: is "A" but preference 1 means "B"' },
  { line: 11, reason: 'item_id: no item "nope" in this project (import the items first)' },
  { line: 12, reason: 'annotator "ext-1" already judged item "q-1" on line 1' },
  { line: 13, reason: "created_at: must be a date such as 2026-11-27T10:00:00.000Z" },
  { line: 14, reason: "rationale: must be a string (got a number)" },
  { line: 15, reason: "not valid UTF-8 text (save the file as UTF-8)" },
  { line: 18, reason: "duration_ms: must not be negative" },
];

describe("importJudgments", () => {
  it("reports every bad line with its number and imports nothing when aborting", async () => {
    const report = await run(mixed());
    expect(report.errors).toEqual(mixedErrors);
    expect(report).toMatchObject({ imported: 0, totalErrors: mixedErrors.length, lines: 18, annotatorsCreated: 0 });
    expect(await judgmentsHere()).toHaveLength(0);
    expect(await counts()).toEqual({ "q-1": 0, "q-2": 0, "q-3": 0 });
    expect(await db.user.count({ where: { external: true, email: { startsWith: "ext-" } } })).toBe(0);
  });

  it("imports the good lines and reports the bad ones when skipping", async () => {
    const report = await run(mixed(), { onError: "skip" });
    expect(report.errors).toEqual(mixedErrors);
    expect(report).toMatchObject({ imported: 3, duplicates: 0 });
    const stored = await judgmentsHere();
    expect(stored.map((j) => [j.item.externalId, j.user.name, j.preference])).toEqual(
      expect.arrayContaining([["q-1", "ext-1", -2], ["q-2", "ext-2", 0], ["q-3", "1007", 1]]),
    );
    expect(await counts()).toEqual({ "q-1": 1, "q-2": 1, "q-3": 1 });
  });

  it("stores every field of the raw format, with defaults for what is absent", async () => {
    const report = await run(
      [
        line({ item_id: "q-1", annotator: "ext-a", preference: -1, rationale: "B invents a citation.", flags: ["both_bad"], attributes: { helpfulness_a: 4 }, shown_swapped: true, duration_ms: 18250, guidelines_version: 2, created_at: "2026-11-27T10:00:00.000Z" }),
        line({ item_id: "q-2", annotator: "ext-a", preference: 2, rationale: null, flags: null }),
      ].join("\n"),
    );
    expect(report.errors).toEqual([]);
    const [full, bare] = await judgmentsHere();
    expect(full).toMatchObject({ preference: -1, rationale: "B invents a citation.", flags: ["both_bad"], attributes: { helpfulness_a: 4 }, shownSwapped: true, durationMs: 18250, guidelinesVersion: 2 });
    expect(full!.createdAt.toISOString()).toBe("2026-11-27T10:00:00.000Z");
    expect(full!.clientId).toMatch(/^import-[0-9a-f]{32}$/);
    // Made elsewhere: the side shown and the time are unknown, the guidelines those in force now.
    expect(bare).toMatchObject({ preference: 2, rationale: "", flags: [], attributes: {}, shownSwapped: null, durationMs: null, guidelinesVersion: 4 });
  });

const join = async (...users: { id: string }[]) => {
  for (const user of users) await db.membership.create({ data: { userId: user.id, projectId, role: "ANNOTATOR" } });
};

  it("matches members by pseudonym and by email, and creates external annotators for the rest", async () => {
    const [ada, grace] = await seedUsers(2);
    await join(ada!, grace!);
    const key = await getPseudonymKey(projectId);
    const report = await run(
      [
        line({ item_id: "q-1", annotator: pseudonymFor(ada!.id, key), preference: 1 }),
        line({ item_id: "q-1", annotator: grace!.email.toUpperCase(), preference: 2 }),
        line({ item_id: "q-1", annotator: "vendor-7", preference: 3 }),
        line({ item_id: "q-2", annotator: "vendor-7", preference: -3 }),
      ].join("\n"),
    );
    expect(report).toMatchObject({ imported: 4, annotatorsCreated: 1, errors: [] });
    const stored = await judgmentsHere();
    const byPreference = Object.fromEntries(stored.map((j) => [j.preference, j.user]));
    expect(byPreference[1]!.id).toBe(ada!.id);
    expect(byPreference[2]!.id).toBe(grace!.id);
    expect(byPreference[3]).toMatchObject({ name: "vendor-7", external: true });
    expect(byPreference[-3]!.id).toBe(byPreference[3]!.id);
    expect(byPreference[3]!.email).toMatch(/^ext-[0-9a-f]{64}@external\.invalid$/);
    const stored7 = await db.user.findUniqueOrThrow({ where: { id: byPreference[3]!.id }, select: { passwordHash: true } });
    expect(stored7.passwordHash).toBeNull();
    const membership = await db.membership.findUnique({ where: { userId_projectId: { userId: byPreference[3]!.id, projectId } } });
    expect(membership?.role).toBe("ANNOTATOR");
  });

  it("is idempotent: a re-import adds nothing and counts duplicates, leaving stored judgments unchanged", async () => {
    const file = [line({ item_id: "q-1", annotator: "ext-x", preference: 1 }), line({ item_id: "q-2", annotator: "ext-x", preference: -1 })].join("\n");
    expect(await run(file)).toMatchObject({ imported: 2, duplicates: 0, annotatorsCreated: 1 });
    const changed = [line({ item_id: "q-2", annotator: "ext-x", preference: 3 }), line({ item_id: "q-1", annotator: "ext-x", preference: 2 })].join("\n");
    expect(await run(changed)).toMatchObject({ imported: 0, duplicates: 2, annotatorsCreated: 0 });
    expect(await run(changed, { onError: "skip" })).toMatchObject({ imported: 0, duplicates: 2 });
    expect((await judgmentsHere()).map((j) => j.preference).sort()).toEqual([-1, 1]);
    expect(await counts()).toEqual({ "q-1": 1, "q-2": 1, "q-3": 0 });
  });

  it("leaves a judgment an annotator already made here as it is", async () => {
    const [ada] = await seedUsers(1);
    await join(ada!);
    const item = await db.item.findFirstOrThrow({ where: { projectId, externalId: "q-3" } });
    await seedJudgment(item.id, ada!.id, { preference: -3 });
    const report = await run(line({ item_id: "q-3", annotator: ada!.email, preference: 3 }));
    expect(report).toMatchObject({ imported: 0, duplicates: 1 });
    expect((await judgmentsHere())[0]!.preference).toBe(-3);
  });

  it("round-trips a raw export: the same judgments, annotators and fields", async () => {
    const [ada, grace] = await seedUsers(2);
    await join(ada!, grace!);
    for (const id of ["q-1", "q-2"]) {
      const item = await db.item.findFirstOrThrow({ where: { projectId, externalId: id } });
      await seedJudgment(item.id, ada!.id, { preference: -2, rationale: "short", flags: ["both_bad"], shownSwapped: true, durationMs: 900, createdAt: new Date("2026-03-01T00:00:00Z") });
      await seedJudgment(item.id, grace!.id, { preference: 1, attributes: { helpfulness_a: 3 } });
    }
    const file = (await collectLines(exportProject({ projectId, format: "raw" }))).join("");
    await db.judgment.deleteMany({ where: { item: { projectId } } });
    expect(await run(file)).toMatchObject({ imported: 4, annotatorsCreated: 0, errors: [] });
    const reexported = await collectLines(exportProject({ projectId, format: "raw" }));
    const strip = (l: string) => ({ ...JSON.parse(l), prompt: null, response_a: null, response_b: null, guidelines_version: null });
    expect(reexported.map(strip).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))).toEqual(
      file.trim().split("\n").map(strip).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    );
  });

  it("a dry run reports what an import would do and writes nothing", async () => {
    const file = [line({ item_id: "q-1", annotator: "dry-1", preference: 1 }), "{", line({ item_id: "q-2", annotator: "dry-2", preference: 1 }), line({ item_id: "q-3", annotator: "dry-2", preference: 1 })].join("\n");
    expect(await run(file, { onError: "skip", dryRun: true })).toMatchObject({ imported: 3, annotatorsCreated: 2, dryRun: true, totalErrors: 1 });
    expect(await run(file, { dryRun: true })).toMatchObject({ imported: 0, dryRun: true, totalErrors: 1 });
    expect(await db.user.count({ where: { email: { startsWith: "dry-" } } })).toBe(0);
    expect(await judgmentsHere()).toHaveLength(0);
    expect(await db.auditEvent.count({ where: { projectId } })).toBe(0);
  });

  it("records the import in the audit log", async () => {
    await run(line({ item_id: "q-1", annotator: "ext-audit", preference: 1 }));
    const events = await db.auditEvent.findMany({ where: { projectId, action: "judgments.imported" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, details: { imported: 1, duplicates: 0, bad_lines: 0, annotators_created: 1, on_error: "abort" } });
  });

  it("undoes its own rows when the file changes between the two passes", async () => {
    let opened = 0;
    const good = [line({ item_id: "q-1", annotator: "ext-c", preference: 1 }), line({ item_id: "q-2", annotator: "ext-c", preference: 1 }), line({ item_id: "q-3", annotator: "ext-c", preference: 1 })];
    const source = () => {
      opened++;
      return bytesSource(opened === 1 ? good.join("\n") : [...good.slice(0, 2), "{broken"].join("\n"));
    };
    await expect(importJudgments({ actor: admin, projectId, onError: "abort", source, batchSize: 1 })).rejects.toMatchObject({ code: "conflict" });
    expect(await judgmentsHere()).toHaveLength(0);
    expect(await counts()).toEqual({ "q-1": 0, "q-2": 0, "q-3": 0 });
  });

  it("attributes nothing to an account that is no member: an outsider's email, an unknown email and an outsider's pseudonym get one error naming nobody", async () => {
    const [outsider] = await seedUsers(1);
    const other = await seedProject();
    await db.membership.create({ data: { userId: outsider!.id, projectId: other.id, role: "LEAD" } });
    const refusal = { reason: "annotator: not a member of this project; use a member's email or an external name (without @)" };
    const fileFor = (annotator: string) => [line({ item_id: "q-1", annotator, preference: 1 }), line({ item_id: "q-2", annotator: "ext-ok", preference: 1 })].join("\n");
    const key = await getPseudonymKey(projectId);
    const reports = [];
    for (const annotator of [outsider!.email, "nobody-here@example.com", pseudonymFor(outsider!.id, key), pseudonymFor(outsider!.id, await getPseudonymKey(other.id))]) {
      for (const options of [{ dryRun: true }, { dryRun: true, onError: "skip" as const }, {}]) {
        const report = await run(fileFor(annotator), options);
        expect(report.errors).toEqual([{ line: 1, ...refusal }]);
        expect(JSON.stringify(report)).not.toContain(outsider!.email);
        reports.push(report);
      }
    }
    // The same report whether or not the email has an account.
    expect(reports.slice(0, 3)).toEqual(reports.slice(3, 6));
    expect(await judgmentsHere()).toHaveLength(0);
    expect(await db.membership.count({ where: { userId: outsider!.id, projectId } })).toBe(0);
  });

  it("keeps one vendor name's external annotators apart in two projects", async () => {
    const other = await seedProject({ scale: 3 });
    await seedItem(other.id, { externalId: "q-1" });
    expect(await run(line({ item_id: "q-1", annotator: "vendor-9", preference: 1 }))).toMatchObject({ imported: 1, annotatorsCreated: 1 });
    expect(await run(line({ item_id: "q-1", annotator: "vendor-9", preference: 1 }), { projectId: other.id })).toMatchObject({ imported: 1, annotatorsCreated: 1 });
    const vendors = await db.user.findMany({ where: { name: "vendor-9", external: true }, include: { memberships: true } });
    expect(vendors).toHaveLength(2);
    expect(vendors.map((v) => v.memberships.map((m) => m.projectId)).sort()).toEqual([[projectId], [other.id]].sort());
  });
});
