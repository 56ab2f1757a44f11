import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { exportProject } from "./export-project";
import { rawLine } from "./format-raw";
import { getPseudonymKey, pseudonymFor } from "./pseudonym";
import { CHAT_PROMPT, collectLines, parseLines, seedExportFixture, seedItem, seedJudgment, seedProject, seedUsers } from "./test-fixtures";
import type { RawLine } from "./format-raw";
import type { TrlLine } from "./format-trl";
import type { ExportItem, Prompt } from "./types";

withTestDb();
let projectId: string;
let users: Awaited<ReturnType<typeof seedExportFixture>>["users"];

beforeAll(async () => {
  ({ project: { id: projectId }, users } = await seedExportFixture());
});

const run = async (options: Omit<Parameters<typeof exportProject>[0], "projectId">) => collectLines(exportProject({ projectId, ...options }));

describe("raw export", () => {
  it("is exactly rawLine() of every judgment, ordered by (item id, judgment id)", async () => {
    const key = await getPseudonymKey(projectId);
    const judgments = await db.judgment.findMany({ where: { item: { projectId } }, orderBy: [{ itemId: "asc" }, { id: "asc" }], include: { item: true } });
    const expected = judgments.map((j) => {
      const item: ExportItem = { ...j.item, prompt: j.item.prompt as Prompt, metadata: j.item.metadata };
      return JSON.stringify(rawLine({ ...j, preference: j.preference!, ranking: undefined }, item, { scale: 3 }, pseudonymFor(j.userId, key))) + "\n";
    });
    const lines = await run({ format: "raw" });
    expect(lines).toHaveLength(15);
    // Byte for byte, so the texts PostgreSQL JSON-escapes (q-07) match JSON.stringify.
    expect(lines).toEqual(expected);
  });

  it("matches JSON.stringify for every character PostgreSQL escapes for it", async () => {
    // Every ASCII character from U+0001 (text cannot hold U+0000), Latin-1,
    // the JSON-valid line separators, a BOM and an astral emoji.
    const all = Array.from({ length: 0x7f }, (_, i) => String.fromCharCode(i + 1)).join("") + "\u0080\u00ff\u2028\u2029\ufeff🙂";
    const project = await seedProject();
    const [user] = await seedUsers(1);
    const item = await seedItem(project.id, { externalId: all, prompt: all, responseA: all, responseB: `${all}${all}`, modelA: all, modelB: null, metadata: { [all]: all } });
    const judgment = await seedJudgment(item.id, user!.id, { preference: 2, rationale: all, flags: [all], attributes: { [all]: [all] } });
    const key = await getPseudonymKey(project.id);
    const lines = await collectLines(exportProject({ projectId: project.id, format: "raw" }));
    const exportItem: ExportItem = { ...item, prompt: all, metadata: item.metadata };
    expect(lines).toEqual([JSON.stringify(rawLine({ ...judgment, preference: judgment.preference!, ranking: undefined }, exportItem, { scale: 3 }, pseudonymFor(user!.id, key))) + "\n"]);
    expect((JSON.parse(lines[0]!) as RawLine).response_a).toBe(all);
  });

  it("writes each field of a judgment as docs/formats.md says", async () => {
    const lines = parseLines<RawLine>(await run({ format: "raw" }));
    const key = await getPseudonymKey(projectId);
    const line = lines.find((l) => l.item_id === "q-01" && l.annotator === pseudonymFor(users[2]!.id, key));
    expect(line).toEqual({
      item_id: "q-01",
      annotator: pseudonymFor(users[2]!.id, key),
      preference: 1,
      choice: "B",
      strength: 1,
      scale: 3,
      rationale: "",
      attributes: {},
      flags: ["both_bad"],
      shown_swapped: true,
      duration_ms: 1000,
      guidelines_version: 1,
      created_at: "2026-01-20T08:30:00.250Z",
      integrity: {},
      prompt: "Prompt of q-01",
      response_a: "A of q-01",
      response_b: "B of q-01",
      model_a: "model-x",
      model_b: "model-y",
      metadata: { topic: "ml" },
    });
    const chat = lines.find((l) => l.item_id === "q-02");
    expect(chat?.prompt).toEqual(CHAT_PROMPT);
    expect(chat?.model_a).toBeNull();
    const tricky = lines.filter((l) => l.item_id === "q-07");
    expect(tricky.map((l) => [l.shown_swapped, l.duration_ms])).toEqual([[true, 500], [false, null], [true, 1500], [null, 2000]]);
  });

  it("names annotators by stable pseudonyms, one per user, unless identities are asked for", async () => {
    const first = parseLines<RawLine>(await run({ format: "raw" }));
    const second = parseLines<RawLine>(await run({ format: "raw" }));
    expect(second.map((l) => l.annotator)).toEqual(first.map((l) => l.annotator));
    const names = new Set(first.map((l) => l.annotator));
    expect(names.size).toBe(4);
    for (const name of names) expect(name).toMatch(/^a-[0-9a-f]{8}$/);
    for (const user of users) expect(names.has(user.id)).toBe(false);

    const withIdentities = parseLines<RawLine>(await run({ format: "raw", identities: true }));
    expect(new Set(withIdentities.map((l) => l.annotator))).toEqual(new Set(users.map((u) => u.email)));
    expect(withIdentities.map((l) => l.preference)).toEqual(first.map((l) => l.preference));
  });
});

describe("trl export", () => {
  it("matches the consensus and margin recomputed from the raw export of the same project", async () => {
    const raw = parseLines<RawLine>(await run({ format: "raw" }));
    const byItem = new Map<string, RawLine[]>();
    for (const line of raw) byItem.set(line.item_id, [...(byItem.get(line.item_id) ?? []), line]);
    const trl = parseLines<TrlLine>(await run({ format: "trl" }));

    const expectedIds: string[] = [];
    for (const [itemId, judged] of byItem) {
      const mean = judged.reduce((s, l) => s + l.preference, 0) / judged.length;
      if (mean === 0) continue;
      expectedIds.push(itemId);
      const side = mean < 0 ? "A" : "B";
      const line = trl.find((l) => l.item_id === itemId)!;
      const text = (l: RawLine, s: string) => (s === "A" ? l.response_a : l.response_b);
      // The fixture mixes text and chat prompts, so (prompt_format=auto) every line is conversational.
      const asCompletion = (s: string) => [{ role: "assistant", content: s }];
      const prompt = judged[0]!.prompt;
      expect(line.margin).toBeCloseTo(Math.abs(mean), 12);
      expect(line.agreement).toBeCloseTo(judged.filter((l) => l.choice === side).length / judged.length, 12);
      expect(line.n_judgments).toBe(judged.length);
      expect(line.chosen).toEqual(asCompletion(text(judged[0]!, side)));
      expect(line.rejected).toEqual(asCompletion(text(judged[0]!, side === "A" ? "B" : "A")));
      expect(line.chosen_model).toBe(side === "A" ? judged[0]!.model_a : judged[0]!.model_b);
      expect(line.prompt).toEqual(typeof prompt === "string" ? [{ role: "user", content: prompt }] : prompt);
    }
    expect(trl.map((l) => l.item_id)).toEqual(expectedIds);
    expect(expectedIds).toEqual(["q-01", "q-02", "q-04", "q-05", "q-07"]);
  });

  it("writes chat prompts as message lists with assistant completions", async () => {
    const line = parseLines<TrlLine>(await run({ format: "trl" })).find((l) => l.item_id === "q-02");
    expect(line).toMatchObject({ prompt: CHAT_PROMPT, chosen: [{ role: "assistant", content: "B of q-02" }], rejected: [{ role: "assistant", content: "A of q-02" }], margin: 2.5, agreement: 1, chosen_model: "model-y", rejected_model: null });
  });

  it("drops tie items unless ties=keep, which marks them", async () => {
    const kept = parseLines<TrlLine>(await run({ format: "trl", filters: { ties: "keep" } }));
    expect(kept.map((l) => l.item_id)).toEqual(["q-01", "q-02", "q-03", "q-04", "q-05", "q-07"]);
    expect(kept.find((l) => l.item_id === "q-03")).toMatchObject({ tie: true, margin: 0, chosen: [{ role: "assistant", content: "A of q-03" }], rejected: [{ role: "assistant", content: "B of q-03" }], agreement: 0 });
    expect(kept.filter((l) => l.tie)).toHaveLength(1);
  });
});

describe("hh export", () => {
  it("writes transcripts for non-tie items, chat prompts turn by turn", async () => {
    const lines = parseLines<{ chosen: string; rejected: string }>(await run({ format: "hh", filters: { ties: "keep" } }));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ chosen: "\n\nHuman: Prompt of q-01\n\nAssistant: A of q-01", rejected: "\n\nHuman: Prompt of q-01\n\nAssistant: B of q-01" });
    expect(lines[1]).toEqual({
      chosen: "\n\nHuman: You are terse.\n\nExplain RLHF.\n\nAssistant: B of q-02",
      rejected: "\n\nHuman: You are terse.\n\nExplain RLHF.\n\nAssistant: A of q-02",
    });
  });
});
