import { beforeEach, describe, expect, it } from "vitest";
// The importer's hot path is raw SQL, which needs search_path set on PostgreSQL
// test schemas; see the stopgap's note (test/db.ts should set it itself).
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { importItems, type ImportItemsOptions } from "./import-items";
import { bytesSource } from "./sources";

withTestDb();
let projectId = "";
beforeEach(async () => {
  const project = await db.project.create({ data: { slug: `p-${Math.random().toString(36).slice(2)}`, name: "Import test", scale: 3 } });
  projectId = project.id;
});

const encode = (text: string) => new TextEncoder().encode(text);
const item = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, prompt: `prompt ${id}`, response_a: `A ${id}`, response_b: `B ${id}`, ...extra });
const count = () => db.item.count({ where: { projectId } });

function run(data: string | Uint8Array, options: Partial<ImportItemsOptions> = {}) {
  return importItems({ projectId, scale: 3, format: "jsonl", onError: "abort", source: () => bytesSource(data, { chunkBytes: 4096 }), ...options });
}

/** One line of every kind a lead will send us, good ones at lines 1, 12 and 13. */
function mixedFile(): Uint8Array {
  const lines: (string | Uint8Array)[] = [
    item("good-1"),
    "{oops",
    "[1, 2, 3]",
    JSON.stringify({ id: "missing", prompt: "p", response_a: "a" }),
    item("empty", { response_b: "" }),
    item("wrong-type", { response_a: 42 }),
    item("huge", { response_a: "x".repeat(5_000_000) }),
    new Uint8Array([...encode('{"id": "bad-utf8", "prompt": "'), 0xff, 0xfe, ...encode('"}')]),
    item("good-1", { response_a: "again" }),
    item("gold", { gold_preference: 4 }),
    item("chat", { prompt: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] }),
    item("good-12", { gold_preference: -3 }),
    item("existing"),
  ];
  const parts = lines.flatMap((line) => [typeof line === "string" ? encode(line) : line, encode("\n")]);
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const expectedErrors = [
  { line: 2, reason: expect.stringMatching(/^not JSON: /) },
  { line: 3, reason: "not an object (got an array)" },
  { line: 4, reason: "response_b: is required (a non-empty string)" },
  { line: 5, reason: "response_b: must be a non-empty string" },
  { line: 6, reason: "response_a: must be a non-empty string (got a number)" },
  { line: 7, reason: "line is 5.0 MB, over the 1 MiB limit" },
  { line: 8, reason: "not valid UTF-8 text (save the file as UTF-8)" },
  { line: 9, reason: 'duplicate id "good-1" (first on line 1)' },
  { line: 10, reason: "gold_preference: 4 is outside the project's scale −3..3" },
  { line: 11, reason: "prompt: the last message must be the user's" },
];

async function addExisting() {
  await db.item.create({ data: { projectId, externalId: "existing", prompt: "old", responseA: "old A", responseB: "old B" } });
}

describe("importItems", () => {
  it("abort: reports every bad line with its number and imports nothing", async () => {
    await addExisting();
    const report = await run(mixedFile());
    expect(report.errors).toEqual(expectedErrors);
    expect(report).toMatchObject({ imported: 0, valid: 2, duplicates: 1, duplicateIds: ["existing"], totalErrors: 10, lines: 13, dryRun: false });
    expect(await count()).toBe(1);
  });

  it("skip: imports the good lines, reports the bad ones, leaves existing ids alone", async () => {
    await addExisting();
    const report = await run(mixedFile(), { onError: "skip", source: bytesSource(mixedFile()) });
    expect(report.errors).toEqual(expectedErrors);
    expect(report).toMatchObject({ imported: 2, duplicates: 1, duplicateIds: ["existing"], totalErrors: 10, lines: 13 });
    const items = await db.item.findMany({ where: { projectId }, orderBy: { externalId: "asc" } });
    expect(items.map((i) => [i.externalId, i.responseA, i.goldPreference])).toEqual([
      ["existing", "old A", null],
      ["good-1", "A good-1", null],
      ["good-12", "A good-12", -3],
    ]);
  });

  it("stores every field, with the prompt's plain text for search", async () => {
    const chat = [{ role: "system", content: "Be brief." }, { role: "user", content: "Explain RLHF." }];
    const report = await run(item("c1", { prompt: chat, model_a: "model-x", model_b: "model-y", metadata: { topic: "ml" }, gold_preference: 0 }));
    expect(report).toMatchObject({ imported: 1, totalErrors: 0 });
    const stored = await db.item.findFirstOrThrow({ where: { projectId } });
    expect(stored).toMatchObject({
      externalId: "c1",
      prompt: chat,
      promptText: "system: Be brief.\nuser: Explain RLHF.",
      responseA: "A c1",
      responseB: "B c1",
      modelA: "model-x",
      modelB: "model-y",
      metadata: { topic: "ml" },
      goldPreference: 0,
    });
  });

  it("stores a gold item's explanation and tolerance, and refuses them where they do not fit", async () => {
    const file = [
      item("g1", { gold_preference: 2, gold_explanation: "A cites <b>sources</b>", gold_min_strength: 2 }),
      item("g2", { gold_min_strength: 1 }),
      item("g3", { gold_preference: 0, gold_min_strength: 1 }),
      item("g4", { gold_preference: 3, gold_min_strength: 4 }),
      item("g5", { gold_preference: 1, gold_min_strength: 2 }),
      item("g6", { gold_explanation: "why" }),
    ].join("\n");
    const report = await run(file, { onError: "skip" });
    expect(report.imported).toBe(1);
    expect(report.errors).toEqual([
      { line: 2, reason: "gold_min_strength: only with a gold_preference" },
      { line: 3, reason: "gold_min_strength: a tie gold item has no strength; leave it out" },
      { line: 4, reason: "gold_min_strength: 4 is more than the project's scale (3)" },
      { line: 5, reason: "gold_min_strength: 2 is more than the gold answer's own strength (1)" },
      { line: 6, reason: "gold_explanation: only with a gold_preference" },
    ]);
    expect(await db.item.findFirstOrThrow({ where: { projectId, externalId: "g1" } })).toMatchObject({
      goldPreference: 2,
      goldExplanation: "A cites <b>sources</b>",
      goldMinStrength: 2,
    });
  });

  it("re-importing says all duplicates and changes nothing, even with new content", async () => {
    const file = [item("a"), item("b"), item("c")].join("\n");
    expect(await run(file)).toMatchObject({ imported: 3, duplicates: 0 });
    const changed = [item("a", { response_a: "NEW" }), item("b"), item("c")].join("\n");
    for (const onError of ["abort", "skip"] as const) {
      expect(await run(changed, { onError })).toMatchObject({ imported: 0, duplicates: 3, duplicateIds: ["a", "b", "c"], totalErrors: 0 });
    }
    expect(await count()).toBe(3);
    expect((await db.item.findFirstOrThrow({ where: { projectId, externalId: "a" } })).responseA).toBe("A a");
  });

  it("gives items without an id a stable content hash, so re-imports find them", async () => {
    const noId = (n: number) => JSON.stringify({ prompt: `p${n}`, response_a: "a", response_b: "b" });
    const file = [noId(1), noId(2), noId(1)].join("\n");
    const first = await run(file, { onError: "skip" });
    expect(first.imported).toBe(2);
    expect(first.errors).toEqual([{ line: 3, reason: expect.stringMatching(/^same prompt and responses as line 1 \(id "h-[0-9a-f]{16}"\)$/) }]);
    expect(await run([noId(1), noId(2)].join("\n"))).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it("counts duplicates right across batch boundaries", async () => {
    await run([item("b"), item("d")].join("\n"));
    const ids = ["a", "b", "c", "d", "e"];
    const report = await run(ids.map((id) => item(id)).join("\n"), { batchSize: 2 });
    expect(report).toMatchObject({ imported: 3, duplicates: 2, duplicateIds: ["b", "d"], lines: 5 });
    expect(await count()).toBe(5);
  });

  it("dry run reports what the import would do and writes nothing", async () => {
    await addExisting();
    const abort = await run(mixedFile(), { dryRun: true });
    expect(abort).toMatchObject({ imported: 0, valid: 2, duplicates: 1, totalErrors: 10, dryRun: true });
    const skip = await run(mixedFile(), { dryRun: true, onError: "skip" });
    expect(skip).toMatchObject({ imported: 2, valid: 2, duplicates: 1, totalErrors: 10, dryRun: true });
    expect(skip.errors).toEqual(expectedErrors);
    expect(await count()).toBe(1);
  });

  it("imports a JSON array and a CSV file, with their line numbers", async () => {
    const json = `[\n${item("j1")},\n${item("j2", { response_b: "" })},\n${item("j3")}\n]`;
    const fromJson = await run(json, { format: "json", onError: "skip" });
    expect(fromJson).toMatchObject({ imported: 2, errors: [{ line: 3, reason: "response_b: must be a non-empty string" }] });
    const csv = 'id,prompt,response_a,response_b,gold_preference\nc1,"two\nlines",A,B,1\nc2,p,A,,\nc3,p,"quoted ""A""",B,-9\nc4,p,A,B,\n';
    const fromCsv = await run(csv, { format: "csv", onError: "skip" });
    expect(fromCsv.errors).toEqual([
      { line: 4, reason: "response_b: is required (a non-empty string)" },
      { line: 5, reason: "gold_preference: -9 is outside the project's scale −3..3" },
    ]);
    expect(fromCsv).toMatchObject({ imported: 2, lines: 4 });
    expect((await db.item.findFirstOrThrow({ where: { projectId, externalId: "c1" } })).prompt).toBe("two\nlines");
  });

  it("abort needs a source it can open twice", async () => {
    const attempt = run(item("a"), { source: bytesSource(item("a")) });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(await count()).toBe(0);
  });

  it("abort: if the file changes between validation and insert, nothing stays imported", async () => {
    await addExisting();
    const good = [item("a"), item("b"), item("existing"), item("c")].join("\n");
    const changed = [item("a"), item("b"), item("existing"), "{broken"].join("\n");
    let opened = 0;
    const source = () => bytesSource(opened++ === 0 ? good : changed);
    await expect(run("", { source, batchSize: 1 })).rejects.toMatchObject({ code: "conflict" });
    expect(await db.item.findMany({ where: { projectId }, select: { externalId: true } })).toEqual([{ externalId: "existing" }]);
  });

  it("abort: if reading fails half-way through the insert pass, what it inserted is removed", async () => {
    const lines = Array.from({ length: 10 }, (_, i) => item(`r${i}`)).join("\n") + "\n";
    let opened = 0;
    async function* failing() {
      yield encode(lines.slice(0, lines.length / 2));
      throw new Error("disk went away");
    }
    const source = () => (opened++ === 0 ? bytesSource(lines) : failing());
    await expect(run("", { source, batchSize: 2 })).rejects.toThrow("disk went away");
    expect(await count()).toBe(0);
  });

  it("reports progress in lines and bytes, both passes", async () => {
    const file = Array.from({ length: 25 }, (_, i) => item(`p${i}`)).join("\n");
    const seen: { lines: number; bytes: number; phase: string }[] = [];
    await run(file, { batchSize: 10, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => `${p.phase}:${p.lines}`)).toEqual(["validate:10", "validate:20", "validate:25", "import:10", "import:20", "import:25"]);
    expect(seen.at(-1)?.bytes).toBe(encode(file).length);
  });
});
