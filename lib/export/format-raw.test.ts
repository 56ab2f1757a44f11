import { describe, expect, it } from "vitest";
import { encodeItem, rawLine, rawLineWriter } from "./format-raw";
import type { ExportItem, ExportJudgment } from "./types";

const item: ExportItem = {
  id: "item-1",
  externalId: "q-0001",
  prompt: "Explain RLHF in one paragraph.",
  responseA: "A answer",
  responseB: "B answer",
  modelA: "model-x",
  modelB: "model-y",
  metadata: { topic: "ml" },
};

const judgment: ExportJudgment = {
  id: "j-1",
  itemId: "item-1",
  userId: "user-1",
  preference: -2,
  flags: ["both_bad"],
  rationale: "B invents a citation.",
  attributes: { helpfulness_a: 4 },
  guidelinesVersion: 2,
  shownSwapped: true,
  durationMs: 18250,
  createdAt: new Date("2026-11-27T10:00:00.000Z"),
  integrity: { signals: { hidden_ms: 0, chars: 1200 }, flags: ["too_fast"] },
};

// docs/formats.md, "raw", in the contract's order.
const RAW_KEYS = [
  "item_id", "annotator", "preference", "choice", "strength", "scale", "rationale", "attributes", "flags",
  "shown_swapped", "duration_ms", "guidelines_version", "created_at", "integrity", "prompt", "response_a", "response_b",
  "model_a", "model_b", "metadata",
];

describe("rawLine", () => {
  it("writes the raw object of docs/formats.md, field by field and in order", () => {
    const line = rawLine(judgment, item, { scale: 3 }, "a-3f9c2e01");
    expect(Object.keys(line)).toEqual(RAW_KEYS);
    expect(line).toEqual({
      item_id: "q-0001",
      annotator: "a-3f9c2e01",
      preference: -2,
      choice: "A",
      strength: 2,
      scale: 3,
      rationale: "B invents a citation.",
      attributes: { helpfulness_a: 4 },
      flags: ["both_bad"],
      shown_swapped: true,
      duration_ms: 18250,
      guidelines_version: 2,
      created_at: "2026-11-27T10:00:00.000Z",
      integrity: { signals: { hidden_ms: 0, chars: 1200 }, flags: ["too_fast"] },
      prompt: "Explain RLHF in one paragraph.",
      response_a: "A answer",
      response_b: "B answer",
      model_a: "model-x",
      model_b: "model-y",
      metadata: { topic: "ml" },
    });
  });

  it("derives choice and strength from the sign and size of the preference", () => {
    const at = (preference: number) => rawLine({ ...judgment, preference }, item, { scale: 3 }, "a");
    expect([at(-3).choice, at(-3).strength]).toEqual(["A", 3]);
    expect([at(1).choice, at(1).strength]).toEqual(["B", 1]);
    expect([at(0).choice, at(0).strength]).toEqual(["tie", 0]);
  });

  it("keeps unknown side and duration as null and passes ISO strings through", () => {
    const line = rawLine({ ...judgment, shownSwapped: null, durationMs: null, createdAt: "2026-01-02T03:04:05.006Z" }, item, { scale: 2 }, "a");
    expect(line.shown_swapped).toBeNull();
    expect(line.duration_ms).toBeNull();
    expect(line.created_at).toBe("2026-01-02T03:04:05.006Z");
    expect(line.scale).toBe(2);
  });

  it("writes a chat prompt as its message list", () => {
    const prompt = [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }];
    expect(rawLine(judgment, { ...item, prompt }, { scale: 3 }, "a").prompt).toEqual(prompt);
  });
});

describe("rawLineWriter", () => {
  const tricky = 'quote " backslash \\ newline \n tab \t bell \u0007 nul-ish \u001f del \u007f emoji 🙂 é \u2028';
  const cases: Array<[string, ExportItem, ExportJudgment]> = [
    ["the contract's example", item, judgment],
    ["a tie with no flags and no attributes", item, { ...judgment, preference: 0, flags: [], attributes: {} }],
    ["unknown side and duration", item, { ...judgment, preference: 3, shownSwapped: null, durationMs: null }],
    ["a chat prompt and null models", { ...item, prompt: [{ role: "user", content: tricky }], modelA: null, modelB: null, metadata: {} }, judgment],
    ["escapes everywhere", { ...item, externalId: tricky, responseA: tricky, responseB: "", metadata: { k: [1, "x", null], n: { d: 1.5 } } },
      { ...judgment, rationale: tricky, flags: ["both_bad", tricky], attributes: { nested: { a: [1, 2] }, s: tricky } }],
    ["a string createdAt", item, { ...judgment, createdAt: "2026-11-27T10:00:00.120Z" }],
    ["no integrity metadata (older judgments)", item, { ...judgment, integrity: undefined }],
  ];

  it.each(cases)("gives exactly JSON.stringify(rawLine) plus a newline: %s", (_name, it_, j) => {
    const write = rawLineWriter(encodeItem(it_), { scale: 3 });
    const annotator = 'a-"odd"';
    expect(write(j, annotator)).toBe(JSON.stringify(rawLine(j, it_, { scale: 3 }, annotator)) + "\n");
  });

  it("writes one line per call, each ending in a newline", () => {
    const write = rawLineWriter(encodeItem(item), { scale: 3 });
    const text = write(judgment, "a-1") + write({ ...judgment, preference: 1 }, "a-2");
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(JSON.parse(lines[1]!)).toMatchObject({ annotator: "a-2", choice: "B" });
  });
});
