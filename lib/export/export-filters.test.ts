import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { countExportLines, exportProject, openExport, type ExportOptions } from "./export-project";
import { collectLines, parseLines, seedExportFixture, seedItem, seedJudgment, seedProject, seedUsers } from "./test-fixtures";
import type { RawLine } from "./format-raw";
import type { ExportFilters, ExportFormat } from "./types";

withTestDb();
let projectId: string;

beforeAll(async () => {
  ({ project: { id: projectId } } = await seedExportFixture());
});

const raw = async (filters: ExportFilters) => parseLines<RawLine>(await collectLines(exportProject({ projectId, format: "raw", filters })));
const itemsOf = (lines: Array<{ item_id: string }>) => [...new Set(lines.map((l) => l.item_id))];

describe("filters", () => {
  it("min_judgments leaves out items with fewer judgments", async () => {
    expect(itemsOf(await raw({ minJudgments: 3 }))).toEqual(["q-01", "q-04", "q-07"]);
    expect(itemsOf(await raw({ minJudgments: 2 }))).toEqual(["q-01", "q-02", "q-03", "q-04", "q-07"]);
  });

  it("min_agreement leaves out items whose judgments agree less with their consensus", async () => {
    // q-01 2/3, q-02 1, q-03 0 (a tie nobody chose), q-04 1, q-05 1, q-07 3/4
    expect(itemsOf(await raw({ minAgreement: 0.75 }))).toEqual(["q-02", "q-04", "q-05", "q-07"]);
    expect(itemsOf(await raw({ minAgreement: 0.7, minJudgments: 2 }))).toEqual(["q-02", "q-04", "q-07"]);
  });

  it("exclude_gold leaves out gold items", async () => {
    expect(itemsOf(await raw({ excludeGold: true }))).toEqual(["q-01", "q-02", "q-03", "q-05", "q-07"]);
  });

  it("the date range keeps judgments from `from` (inclusive) to `to` (exclusive)", async () => {
    const late = await raw({ from: new Date("2026-01-20T08:30:00.250Z") });
    expect(late.map((l) => [l.item_id, l.created_at])).toEqual([["q-01", "2026-01-20T08:30:00.250Z"], ["q-05", "2026-02-01T00:00:00.000Z"]]);
    const january = await raw({ from: new Date("2026-01-15T00:00:00Z"), to: new Date("2026-02-01T00:00:00.000Z") });
    expect(january.map((l) => l.item_id)).toEqual(["q-01"]);
    expect(await raw({ to: new Date("2026-01-10T12:00:00.000Z") })).toEqual([]);
  });

  it("applies the date range before min_judgments and the consensus", async () => {
    // Before Jan 15, q-01 has only −3 and −2: two judgments, full agreement.
    const trl = parseLines<{ item_id: string; n_judgments: number; agreement: number }>(
      await collectLines(exportProject({ projectId, format: "trl", filters: { to: new Date("2026-01-15T00:00:00Z"), minJudgments: 2, minAgreement: 1 } })),
    );
    expect(trl.map((l) => [l.item_id, l.n_judgments, l.agreement])).toEqual([["q-01", 2, 1], ["q-02", 2, 1], ["q-04", 3, 1]]);
  });

  it("refuses filters that make no sense, with a typed error", async () => {
    const bad = [{ minAgreement: 1.5 }, { minJudgments: -1 }, { minJudgments: 1.5 }, { from: new Date("2026-02-01"), to: new Date("2026-01-01") }, { from: new Date("nope") }];
    for (const filters of bad) {
      await expect(collectLines(exportProject({ projectId, format: "raw", filters }))).rejects.toMatchObject({ code: "bad_request" });
    }
  });

  it("reports an unknown project as not found", async () => {
    const error = await collectLines(exportProject({ projectId: "missing", format: "raw" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("not_found");
    await expect(countExportLines({ projectId: "missing", format: "trl" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("openExport refuses before any line is streamed, so a route can still answer 400 or 404", async () => {
    await expect(openExport({ projectId: "missing", format: "raw" })).rejects.toMatchObject({ code: "not_found" });
    await expect(openExport({ projectId, format: "csv" as ExportFormat })).rejects.toMatchObject({ code: "bad_request" });
    await expect(openExport({ projectId, format: "trl", filters: { minAgreement: -0.1 } })).rejects.toMatchObject({ code: "bad_request" });
    const lines = await openExport({ projectId, format: "hh" });
    expect(await collectLines(lines)).toHaveLength(5);
  });
});

describe("countExportLines", () => {
  const cases: Array<[ExportFormat, ExportFilters]> = [
    ["raw", {}], ["trl", {}], ["hh", {}], ["trl", { ties: "keep" }], ["hh", { ties: "keep" }],
    ["raw", { minJudgments: 3, excludeGold: true }], ["trl", { minAgreement: 0.75 }], ["raw", { from: new Date("2026-01-15T00:00:00Z") }],
  ];
  it.each(cases)("counts exactly the lines of the %s export with %o", async (format, filters) => {
    const lines = await collectLines(exportProject({ projectId, format, filters }));
    expect(await countExportLines({ projectId, format, filters })).toBe(lines.length);
  });
});

describe("abort", () => {
  it("stops the generator at the next line with an AbortError", async () => {
    const controller = new AbortController();
    const lines = exportProject({ projectId, format: "raw", signal: controller.signal, batchSize: 2 });
    const first = await lines.next();
    expect(first.done).toBe(false);
    controller.abort();
    await expect(lines.next()).rejects.toMatchObject({ name: "AbortError" });
    expect((await lines.next()).done).toBe(true);
  });

  it("writes nothing when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(exportProject({ projectId, format: "trl", signal: controller.signal }).next()).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("batches", () => {
  let bigId: string;
  beforeAll(async () => {
    const project = await seedProject();
    bigId = project.id;
    const users = await seedUsers(3);
    for (let i = 0; i < 23; i++) {
      const item = await seedItem(project.id, { externalId: `big-${String(i).padStart(2, "0")}` });
      // Every fifth item is unjudged, so some batches come back short of items.
      if (i % 5 === 4) continue;
      for (let u = 0; u < 3; u++) await seedJudgment(item.id, users[u]!.id, { preference: ((i + u) % 7) - 3 });
    }
  });

  it("an export of many batches comes out complete and in (item id, judgment id) order", async () => {
    const expected = await db.judgment.findMany({ where: { item: { projectId: bigId } }, orderBy: [{ itemId: "asc" }, { id: "asc" }], select: { preference: true, item: { select: { externalId: true } } } });
    const options: ExportOptions = { projectId: bigId, format: "raw", batchSize: 2 };
    const lines = parseLines<RawLine>(await collectLines(exportProject(options)));
    expect(lines.map((l) => [l.item_id, l.preference])).toEqual(expected.map((j) => [j.item.externalId, j.preference]));
    expect(lines).toHaveLength(57);
    expect(await collectLines(exportProject(options))).toEqual(await collectLines(exportProject({ ...options, batchSize: undefined })));
    for (const batchSize of [1, 3, 18, 19]) {
      expect(await collectLines(exportProject({ projectId: bigId, format: "trl", filters: { ties: "keep" }, batchSize }))).toEqual(
        await collectLines(exportProject({ projectId: bigId, format: "trl", filters: { ties: "keep" } })),
      );
      expect(await countExportLines({ projectId: bigId, format: "raw", batchSize })).toBe(57);
    }
  });
});
