import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { buildDataCard } from "./build-data-card";
import { countExportLines, exportProject } from "./export-project";
import { renderDataCardMarkdown } from "./render-data-card-markdown";
import { CHAT_PROMPT, collectLines, parseLines, seedExportFixture, seedItem, seedJudgment, seedProject, seedUsers } from "./test-fixtures";
import type { ExportFilters, ExportFormat } from "./types";

withTestDb();
let mixedId: string;
let textId: string;

beforeAll(async () => {
  ({ project: { id: mixedId } } = await seedExportFixture());
  const text = await seedProject({ scale: 3 });
  textId = text.id;
  const [u] = await seedUsers(1);
  const item = await seedItem(textId, { externalId: "t-01" });
  await seedJudgment(item.id, u!.id, { preference: -2 });
});

type Line = { prompt: unknown; chosen: unknown; rejected: unknown; item_id: string; both_bad: number };
const lines = async (projectId: string, filters: ExportFilters = {}, format: ExportFormat = "trl") =>
  parseLines<Line>(await collectLines(exportProject({ projectId, format, filters })));

/**
 * TRL's is_conversational looks at the first example only and treats the
 * whole dataset alike: a list of {role, content} messages, or a string.
 */
const kindOf = (value: unknown) =>
  Array.isArray(value) && value.every((m) => typeof m === "object" && m !== null && typeof m.role === "string" && typeof m.content === "string")
    ? "chat"
    : typeof value === "string"
      ? "text"
      : "other";
const kinds = (ls: Line[]) => new Set(ls.flatMap((l) => [kindOf(l.prompt), kindOf(l.chosen), kindOf(l.rejected)]));

describe("trl prompt form (prompt_format)", () => {
  it("auto: a project with any chat prompt gets conversational lines only, a text prompt as one user message", async () => {
    const ls = await lines(mixedId);
    expect(ls.length).toBeGreaterThan(2);
    expect(kinds(ls)).toEqual(new Set(["chat"]));
    const q1 = ls.find((l) => l.item_id === "q-01")!;
    expect(q1.prompt).toEqual([{ role: "user", content: "Prompt of q-01" }]);
    expect(q1.chosen).toEqual([{ role: "assistant", content: "A of q-01" }]);
    expect(ls.find((l) => l.item_id === "q-02")!.prompt).toEqual(CHAT_PROMPT);
  });

  it("auto: a text-only project stays text; chat forces conversational", async () => {
    expect(kinds(await lines(textId))).toEqual(new Set(["text"]));
    expect(kinds(await lines(textId, { promptFormat: "chat" }))).toEqual(new Set(["chat"]));
  });

  it("text flattens a chat as 'role: content' blocks separated by a blank line", async () => {
    const ls = await lines(mixedId, { promptFormat: "text" });
    expect(kinds(ls)).toEqual(new Set(["text"]));
    expect(ls.find((l) => l.item_id === "q-02")!.prompt).toBe("system: You are terse.\n\nuser: Explain RLHF.");
    expect(ls.find((l) => l.item_id === "q-01")!.chosen).toBe("A of q-01");
  });

  it("the trl data card says which form the lines are in", async () => {
    const card = await buildDataCard({ projectId: mixedId, format: "trl" });
    expect(card.filters.prompt_format).toBe("chat");
    expect((await buildDataCard({ projectId: textId, format: "trl" })).filters.prompt_format).toBe("text");
    expect(renderDataCardMarkdown(card)).toContain("prompt_format = chat");
  });
});

describe("both bad", () => {
  it("trl carries the share of judgments flagging both responses bad", async () => {
    const ls = await lines(mixedId);
    expect(ls.find((l) => l.item_id === "q-01")!.both_bad).toBeCloseTo(1 / 3, 12);
    expect(ls.find((l) => l.item_id === "q-02")!.both_bad).toBe(0);
  });

  it("both_bad=drop leaves out items at least half of whose judgments flag it, in every format and the line count", async () => {
    const project = await seedProject({ scale: 3 });
    const users = await seedUsers(2);
    const half = await seedItem(project.id, { externalId: "half" });
    await seedJudgment(half.id, users[0]!.id, { preference: -1, flags: ["both_bad"] });
    await seedJudgment(half.id, users[1]!.id, { preference: -2 });
    const none = await seedItem(project.id, { externalId: "none" });
    await seedJudgment(none.id, users[0]!.id, { preference: 1 });
    for (const format of ["trl", "hh", "raw"] as const) {
      const kept = await collectLines(exportProject({ projectId: project.id, format, filters: {} }));
      const dropped = await collectLines(exportProject({ projectId: project.id, format, filters: { bothBad: "drop" } }));
      expect(kept.length - dropped.length, format).toBe(format === "raw" ? 2 : 1);
      expect(await countExportLines({ projectId: project.id, format, filters: { bothBad: "drop" } }), format).toBe(dropped.length);
      expect(dropped.join("")).not.toContain("A of half");
    }
    const card = await buildDataCard({ projectId: project.id, filters: { bothBad: "drop" } });
    expect(card.counts.judgments).toBe(1);
    expect(card.filters.both_bad).toBe("drop");
  });
});

describe("the data card describes its export", () => {
  it("a raw export's card does not speak of ties; trl's and hh's do", async () => {
    const raw = await buildDataCard({ projectId: mixedId, filters: { ties: "drop" }, format: "raw" });
    expect(raw.format).toBe("raw");
    expect(raw.filters.ties).toBeNull();
    expect(renderDataCardMarkdown(raw)).not.toContain("ties =");
    expect(renderDataCardMarkdown(raw)).toContain("**Export format:** raw");
    expect((await buildDataCard({ projectId: mixedId, filters: { ties: "keep" }, format: "trl" })).filters.ties).toBe("keep");
    expect((await buildDataCard({ projectId: mixedId, filters: { ties: "keep" }, format: "hh" })).filters.ties).toBe("drop");
  });
});
