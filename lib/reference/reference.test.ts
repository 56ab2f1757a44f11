import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { importItems, type ImportItemsOptions } from "@/lib/import/import-items";
import { bytesSource } from "@/lib/import/sources";
import { collectLines, parseLines, seedItem, seedJudgment, seedProject, seedUsers } from "@/lib/export/test-fixtures";
import { getPseudonymKey, pseudonymizer } from "@/lib/export/pseudonym";
import { countExportLines, exportProject } from "@/lib/export/export-project";
import { getProjectAgreement } from "@/lib/agreement/project-agreement";
import { getProjectLeaderboard } from "@/lib/ranking/project-leaderboard";
import { leaseNextItem } from "@/lib/assignment/lease-next-item";
import { buildDataCard } from "@/lib/export/build-data-card";
import { renderDataCardMarkdown } from "@/lib/export/render-data-card-markdown";
import { readItemReferences } from "./store";
import { computeSourceAgreement, getSourceAgreement, wilsonInterval } from "./source-agreement";

withTestDb();
let users: Awaited<ReturnType<typeof seedUsers>>;
beforeAll(async () => {
  users = await seedUsers(3);
});

const SEED = "fixed-seed";
function run(projectId: string, lines: string[], options: Partial<ImportItemsOptions> = {}) {
  const data = lines.join("\n") + "\n";
  return importItems({ projectId, scale: 3, format: "hh", onError: "skip", source: () => bytesSource(data, { chunkBytes: 97 }), dataset: { seed: SEED }, ...options });
}

// Real-looking HH-RLHF records, quirks included: a multi-turn transcript, a
// double space after "Assistant:", trailing spaces and newlines, a turn whose
// text holds blank lines, "Human:" with no space after the colon.
const hh = [
  {
    chosen: "\n\nHuman: What kind of noises did dinosaurs make?\n\nAssistant: Humans and dinosaurs didn’t live at the same time, so it’s really hard to say.\n\nHuman: yes they did\n\nAssistant:  to guess, and that would probably require lots of reading and a certain amount of imagination, so we’re not really prepared to do that. ",
    rejected: "\n\nHuman: What kind of noises did dinosaurs make?\n\nAssistant: Humans and dinosaurs didn’t live at the same time, so it’s really hard to say.\n\nHuman: yes they did\n\nAssistant: you can read\n\n",
  },
  { chosen: "\n\nHuman:Can you list some vegetables?\n\nAssistant: Sure:\n\n- carrots\n- peas", rejected: "\n\nHuman:Can you list some vegetables?\n\nAssistant: No." },
  { chosen: "\n\nHuman: hi \n\nAssistant: Hello! How can I help?", rejected: "\n\nHuman: hi \n\nAssistant:   hey" },
];
const hhLines = hh.map((record) => JSON.stringify(record));

describe("hh import and round trip", () => {
  it("imports good lines with references, reports bad ones by line, and gives the transcripts back byte for byte", async () => {
    const project = await seedProject({ scale: 3 });
    const report = await run(project.id, [
      hhLines[0]!,
      JSON.stringify({ chosen: "\n\nHuman: a\n\nAssistant: b", rejected: "\n\nHuman: c\n\nAssistant: d" }),
      hhLines[1]!,
      "{broken",
      hhLines[2]!,
      JSON.stringify({ chosen: "\n\nHuman: a\n\nAssistant: b", rejected: "\n\nHuman: a\n\nAssistant:" }),
    ]);
    expect(report).toMatchObject({ imported: 3, duplicates: 0, lines: 6, totalErrors: 3 });
    expect(report.errors).toEqual([
      { line: 2, reason: expect.stringMatching(/^chosen and rejected differ before the last assistant turn/) },
      { line: 4, reason: expect.stringMatching(/^not JSON/) },
      { line: 6, reason: "rejected: the last assistant turn is empty (an item needs two non-empty responses)" },
    ]);
    const refs = await db.referenceJudgment.findMany({ where: { projectId: project.id }, include: { item: true } });
    expect(refs).toHaveLength(3);
    expect(await readItemReferences(project.id, refs[0]!.item.externalId)).toEqual([{ source: "hh", preference: refs[0]!.preference }]);
    for (const ref of refs) {
      expect(ref.source).toBe("hh");
      expect(Math.abs(ref.preference)).toBe(1);
      expect(ref.item.judgmentCount).toBe(0);
    }
    expect((await db.item.findFirstOrThrow({ where: { projectId: project.id, prompt: { not: "" }, promptText: { contains: "dinosaurs" } } })).prompt).toEqual([
      { role: "user", content: "What kind of noises did dinosaurs make?" },
      { role: "assistant", content: "Humans and dinosaurs didn’t live at the same time, so it’s really hard to say." },
      { role: "user", content: "yes they did" },
    ]);

    const lines = parseLines<{ chosen: string; rejected: string }>(await collectLines(exportProject({ projectId: project.id, format: "hh", filters: { consensus: "source" } })));
    const sortKey = (r: { chosen: string }) => r.chosen;
    expect([...lines].sort((x, y) => sortKey(x).localeCompare(sortKey(y)))).toEqual([...hh].sort((x, y) => sortKey(x).localeCompare(sortKey(y))));
    expect(await countExportLines({ projectId: project.id, format: "hh", filters: { consensus: "source" } })).toBe(3);
    // Without consensus=source nothing is written: the reference is not a judgment.
    expect(await collectLines(exportProject({ projectId: project.id, format: "hh" }))).toEqual([]);

    // A re-import reports every record as a duplicate and stores no second reference.
    const again = await run(project.id, hhLines, { dataset: { seed: "another-seed" } });
    expect(again).toMatchObject({ imported: 0, duplicates: 3, totalErrors: 0 });
    expect(await db.referenceJudgment.count({ where: { projectId: project.id } })).toBe(3);
  });

  it("an all-or-nothing import with a bad line stores neither items nor references; a dry run stores nothing", async () => {
    const project = await seedProject();
    const abort = await run(project.id, [hhLines[0]!, "[]"], { onError: "abort" });
    expect(abort).toMatchObject({ imported: 0, totalErrors: 1, errors: [{ line: 2, reason: "not an object (got an array)" }] });
    const dry = await run(project.id, hhLines, { dryRun: true });
    expect(dry).toMatchObject({ imported: 3, dryRun: true });
    expect(await db.item.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db.referenceJudgment.count({ where: { projectId: project.id } })).toBe(0);
  });
});

describe("trl and ratings imports", () => {
  it("imports the trl forms and counts a ratings record once however many pairs it makes", async () => {
    const project = await seedProject({ allowTie: false });
    const trl = await run(project.id, [
      JSON.stringify({ prompt: "2+2=", chosen: " 4", rejected: " 5" }),
      JSON.stringify({ prompt: [{ role: "user", content: "Hi" }], chosen: [{ role: "assistant", content: "Hello" }], rejected: [{ role: "assistant", content: "Go away" }] }),
      JSON.stringify({ chosen: [{ role: "user", content: "Q" }, { role: "assistant", content: "good" }], rejected: [{ role: "user", content: "Q" }, { role: "assistant", content: "bad" }] }),
      JSON.stringify({ prompt: "p", chosen: "a" }),
    ], { format: "trl" });
    expect(trl).toMatchObject({ imported: 3, lines: 4, errors: [{ line: 4, reason: "rejected: is required" }] });

    const ratings = await run(project.id, [
      JSON.stringify({ id: "u1", prompt: "Say hi", completions: [{ text: "hi", score: 5 }, { text: "hello", score: 5 }, { text: "go", score: 1 }] }),
      JSON.stringify({ prompt: "Say bye", completions: [{ text: "bye", score: 3 }, { response: "ciao", score: 4 }] }),
    ], { format: "ratings", dataset: { seed: SEED, source: "ultra", pairs: "all", allowTie: false } });
    expect(ratings).toMatchObject({ imported: 4, lines: 2, totalErrors: 0 });
    const refs = await db.referenceJudgment.findMany({ where: { projectId: project.id, source: "ultra" } });
    // The equal-score pair (hi, hello) has no reference: the project allows no ties.
    expect(refs).toHaveLength(3);
    expect(await db.item.count({ where: { projectId: project.id, externalId: { startsWith: "u1-" } } })).toBe(3);
  });
});

describe("reference judgments are never counted nor served", () => {
  it("leaves judgment counts, leasing, agreement and the leaderboard as they were, and shows only when asked", async () => {
    const project = await seedProject({ overlap: 2 });
    await db.project.update({ where: { id: project.id }, data: { status: "ACTIVE" } });
    await run(project.id, [
      JSON.stringify({ prompt: "p1", chosen: "c1", rejected: "r1", chosen_model: "m1", rejected_model: "m2" }),
      JSON.stringify({ prompt: "p2", chosen: "c2", rejected: "r2", chosen_model: "m1", rejected_model: "m2" }),
    ], { format: "trl" });
    const items = await db.item.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } });
    for (const item of items) expect(item.judgmentCount).toBe(0);
    const lease = await leaseNextItem({ userId: users[0]!.id, projectId: project.id });
    expect(lease).not.toBeNull();
    expect(JSON.stringify(lease)).not.toMatch(/source|reference/i);

    await seedJudgment(items[0]!.id, users[1]!.id, { preference: 2 });
    await seedJudgment(items[1]!.id, users[1]!.id, { preference: -1 });
    await seedJudgment(items[1]!.id, users[2]!.id, { preference: -2 });
    const before = { agreement: await getProjectAgreement({ projectId: project.id }), leaderboard: await getProjectLeaderboard({ projectId: project.id, bootstrap: 10 }) };
    const saved = await db.referenceJudgment.findMany({ where: { projectId: project.id } });
    await db.referenceJudgment.deleteMany({ where: { projectId: project.id } });
    const without = { agreement: await getProjectAgreement({ projectId: project.id }), leaderboard: await getProjectLeaderboard({ projectId: project.id, bootstrap: 10 }) };
    expect(before).toEqual(without);
    await db.referenceJudgment.createMany({ data: saved });

    const raw = parseLines<{ annotator: string; item_id: string }>(await collectLines(exportProject({ projectId: project.id, format: "raw" })));
    expect(raw.filter((l) => l.annotator.startsWith("source:"))).toHaveLength(0);
    const withRef = parseLines<{ annotator: string; preference: number; item_id: string }>(await collectLines(exportProject({ projectId: project.id, format: "raw", filters: { includeReference: true } })));
    expect(withRef.filter((l) => l.annotator === "source:trl").map((l) => [l.item_id, l.preference]).sort()).toEqual(
      saved.map((r) => [items.find((i) => i.id === r.itemId)!.externalId, r.preference]).sort(),
    );
    expect(await countExportLines({ projectId: project.id, format: "raw", filters: { includeReference: true } })).toBe(withRef.length);
    await expect(openBad(project.id)).rejects.toThrow(/consensus=source applies to trl and hh/);
  });
});

const openBad = (projectId: string) => collectLines(exportProject({ projectId, format: "raw", filters: { consensus: "source" } }));

describe("agreement with the source", () => {
  it("computes the worked example", () => {
    // i1: ref A; judgments A, A, B → consensus A (sum −2+… <0): agrees.
    // i2: ref B; judgments A, A     → consensus A: overturned.
    // i3: ref A; judgments A, B     → sum 0, tie: differs.
    // i4: ref B; no judgment         → not compared.
    const rows = [
      { externalId: "i1", source: "hh", reference: -1, annotator: "x", preference: -2 },
      { externalId: "i1", source: "hh", reference: -1, annotator: "y", preference: -1 },
      { externalId: "i1", source: "hh", reference: -1, annotator: "z", preference: 1 },
      { externalId: "i2", source: "hh", reference: 1, annotator: "x", preference: -1 },
      { externalId: "i2", source: "hh", reference: 1, annotator: "y", preference: -3 },
      { externalId: "i3", source: "hh", reference: -1, annotator: "x", preference: -1 },
      { externalId: "i3", source: "hh", reference: -1, annotator: "z", preference: 1 },
      { externalId: "i4", source: "hh", reference: 1, annotator: null, preference: null },
    ];
    const result = computeSourceAgreement(rows);
    expect(result).toMatchObject({ sources: ["hh"], reference_items: 4, judged_items: 3, total_overturned: 2 });
    expect(result.overall).toMatchObject({ agree: 1, total: 3, rate: 1 / 3 });
    expect(result.overall.interval!.low).toBeCloseTo(0.0615, 3);
    expect(result.overall.interval!.high).toBeCloseTo(0.7923, 3);
    expect(result.per_annotator.map((a) => [a.annotator, a.agree, a.total])).toEqual([["x", 2, 3], ["y", 1, 2], ["z", 0, 2]]);
    expect(result.overturned.map((o) => [o.item_id, o.reference, o.consensus])).toEqual([["i2", "B", "A"], ["i3", "A", "tie"]]);
    expect(wilsonInterval(0, 0)).toBeNull();
    const all = wilsonInterval(10, 10)!;
    expect(all.high).toBeCloseTo(1, 12);
    expect(all.low).toBeCloseTo(0.7225, 3);
  });

  it("reads a project's figures, and the export filter writes the agreeing or the disagreeing items", async () => {
    const project = await seedProject();
    await run(project.id, [
      JSON.stringify({ id: "s1", prompt: "p1", chosen: "good1", rejected: "bad1" }),
      JSON.stringify({ id: "s2", prompt: "p2", chosen: "good2", rejected: "bad2" }),
      JSON.stringify({ id: "s3", prompt: "p3", chosen: "good3", rejected: "bad3" }),
    ], { format: "trl" });
    const items = await db.item.findMany({ where: { projectId: project.id }, include: { references: true } });
    const byId = new Map(items.map((i) => [i.externalId, i]));
    const goodSide = (id: string) => Math.sign(byId.get(id)!.references[0]!.preference);
    // s1: both annotators agree with the source; s2: both pick the rejected one; s3: not judged.
    await seedJudgment(byId.get("s1")!.id, users[0]!.id, { preference: 2 * goodSide("s1") });
    await seedJudgment(byId.get("s1")!.id, users[1]!.id, { preference: 1 * goodSide("s1") });
    await seedJudgment(byId.get("s2")!.id, users[0]!.id, { preference: -3 * goodSide("s2") });
    await seedJudgment(byId.get("s2")!.id, users[1]!.id, { preference: -1 * goodSide("s2") });
    const figures = await getSourceAgreement({ projectId: project.id });
    expect(figures).toMatchObject({ reference_items: 3, judged_items: 2, overall: { agree: 1, total: 2 }, total_overturned: 1 });
    expect(figures.overturned.map((o) => o.item_id)).toEqual(["s2"]);
    expect(figures.per_annotator.map((a) => [a.agree, a.total])).toEqual([[1, 2], [1, 2]]);

    const trl = (sourceAgreement: "agree" | "disagree", consensus?: "source") =>
      collectLines(exportProject({ projectId: project.id, format: "trl", filters: { sourceAgreement, consensus } })).then((l) => parseLines<{ item_id: string; chosen: string }>(l));
    expect((await trl("agree")).map((l) => [l.item_id, l.chosen])).toEqual([["s1", "good1"]]);
    expect((await trl("disagree")).map((l) => [l.item_id, l.chosen])).toEqual([["s2", "bad2"]]);
    expect((await trl("disagree", "source")).map((l) => [l.item_id, l.chosen])).toEqual([["s2", "good2"]]);
    expect(await countExportLines({ projectId: project.id, format: "trl", filters: { sourceAgreement: "agree" } })).toBe(1);

    const card = await buildDataCard({ projectId: project.id });
    expect(card.source_agreement).toMatchObject({ sources: ["trl"], reference_items: 3, judged_items: 2, agree: 1, rate: 0.5, overturned: 1 });
    expect(card.source_agreement!.sentence).toBe(
      "On 2 judged items imported with a label from trl, the annotators' consensus picked the source's choice on 1 (50.0%, 95% CI 9.5%–90.5%) and overturned it on 1.",
    );
    expect(renderDataCardMarkdown(card)).toContain("## Agreement with the source");
    expect((await buildDataCard({ projectId: (await seedProject()).id })).source_agreement).toBeNull();
  });

  it("reads from the project's references the same figures as the walk over every item did", async () => {
    const project = await seedProject();
    const other = await seedProject();
    const items = [];
    for (let i = 0; i < 8; i++) items.push(await seedItem(project.id, { externalId: `x${i}` }));
    const otherItem = await seedItem(other.id, { externalId: "x0" });
    // References on x0..x4 (x2 from two sources: "a" is read), none on x5..x7; another project's reference is never read.
    const refs: [number, string, number][] = [[0, "hh", 1], [1, "hh", -1], [2, "b", 0], [2, "a", -1], [3, "hh", 1], [4, "hh", 0]];
    for (const [n, source, preference] of refs) {
      await db.referenceJudgment.create({ data: { id: `r-${n}-${source}`, projectId: project.id, itemId: items[n]!.id, source, preference } });
    }
    await db.referenceJudgment.create({ data: { id: "r-other", projectId: other.id, itemId: otherItem.id, source: "hh", preference: 1 } });
    const votes: [number, number, number][] = [[0, 0, 2], [0, 1, -1], [1, 0, -3], [1, 2, -2], [2, 1, 1], [2, 2, 1], [3, 0, -1], [5, 0, 3], [6, 1, -1], [7, 2, 1]];
    for (const [n, u, preference] of votes) await seedJudgment(items[n]!.id, users[u]!.id, { preference });
    await seedJudgment(otherItem.id, users[0]!.id, { preference: -2 });

    // The previous query: every item of the project, its first reference by a lateral lookup.
    const rows = await db.$queryRawUnsafe<{ externalId: string; source: string; reference: number; userId: string | null; preference: number | null }[]>(
      `SELECT i."externalId", r."source", r."preference" AS "reference", j."userId", j."preference"
       FROM "Item" i
       CROSS JOIN LATERAL (SELECT r."source", r."preference" FROM "ReferenceJudgment" r WHERE r."itemId" = i."id" ORDER BY r."source" LIMIT 1) r
       LEFT JOIN "Judgment" j ON j."itemId" = i."id"
       WHERE i."projectId" = $1
       ORDER BY i."id", j."id"`,
      project.id,
    );
    const label = pseudonymizer(await getPseudonymKey(project.id));
    const previous = computeSourceAgreement(
      rows.map((row) => ({ externalId: row.externalId, source: row.source, reference: row.reference, annotator: row.userId === null ? null : label(row.userId), preference: row.preference })),
      2,
    );
    const figures = await getSourceAgreement({ projectId: project.id, limit: 2 });
    expect(figures).toEqual(previous);
    expect(figures).toMatchObject({ sources: ["a", "hh"], reference_items: 5, judged_items: 4 });
    expect(await getSourceAgreement({ projectId: (await seedProject()).id })).toMatchObject({ reference_items: 0, judged_items: 0, sources: [] });
  });
});
