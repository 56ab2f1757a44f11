import { beforeEach, describe, expect, it } from "vitest";
import { withTestDb } from "@/test/db";
import { db } from "@/lib/db";
import { importItems } from "@/lib/import/import-items";
import { bytesSource } from "@/lib/import/sources";

withTestDb();
let projectId = "";
beforeEach(async () => {
  const project = await db.project.create({ data: { slug: `r-${Math.random().toString(36).slice(2)}`, name: "Ranking import", scale: 3 } });
  projectId = project.id;
});

const responses = (k: number) => Array.from({ length: k }, (_, i) => (i === 1 ? { text: `answer ${i}`, model: "m-1" } : { text: `answer ${i}` }));
const line = (value: Record<string, unknown>) => JSON.stringify({ prompt: "Rank these", ...value });

function run(text: string, format: "jsonl" | "csv" = "jsonl", onError: "abort" | "skip" = "skip") {
  return importItems({ projectId, scale: 3, format, onError, source: () => bytesSource(new TextEncoder().encode(text), { chunkBytes: 4096 }) });
}

describe("importing ranking items", () => {
  it("stores the responses and a gold ranking, and refuses bad lines by number", async () => {
    const file = [
      line({ id: "r-good", responses: responses(4) }),
      line({ id: "r-gold", responses: responses(3), gold_ranking: [[2], [0, 1]], gold_explanation: "2 is right" }),
      line({ id: "both", responses: responses(3), response_a: "a", response_b: "b" }),
      line({ id: "two", responses: responses(2) }),
      line({ id: "ten", responses: responses(10) }),
      line({ id: "gold-range", responses: responses(3), gold_ranking: [[0], [1], [3]] }),
      line({ id: "gold-missing", responses: responses(3), gold_ranking: [[0], [1]] }),
      line({ id: "gold-pref", responses: responses(3), gold_preference: 1 }),
      line({ id: "gold-on-pair", response_a: "a", response_b: "b", gold_ranking: [[0], [1]] }),
      line({ id: "no-text", responses: [{ text: "a" }, { text: "" }, { text: "c" }] }),
      line({ id: "neither" }),
    ].join("\n");
    const report = await run(file);
    expect(report.imported).toBe(2);
    expect(report.errors).toEqual([
      { line: 3, reason: expect.stringContaining("give either responses (a ranking item) or response_a/response_b (a pair), not both") },
      { line: 4, reason: "responses: must hold 3–9 responses" },
      { line: 5, reason: "responses: must hold 3–9 responses" },
      { line: 6, reason: "gold_ranking: index 3 is out of range: this item has 3 responses (0..2)" },
      { line: 7, reason: "gold_ranking: every response must be ranked: missing 2" },
      { line: 8, reason: "gold_preference: a ranking item's gold answer is a gold_ranking" },
      { line: 9, reason: "gold_ranking: only for a ranking item (one with responses)" },
      { line: 10, reason: expect.stringContaining("must be a non-empty string") },
      { line: 11, reason: "response_a: is required (a non-empty string); response_b: is required (a non-empty string)" },
    ]);
    const items = await db.item.findMany({ where: { projectId }, orderBy: { externalId: "asc" } });
    expect(items.map((item) => [item.externalId, item.responses, item.goldRanking, item.responseA])).toEqual([
      ["r-gold", [{ text: "answer 0" }, { text: "answer 1", model: "m-1" }, { text: "answer 2" }], [[2], [0, 1]], ""],
      ["r-good", responses(4), null, ""],
    ]);
  });

  it("reads a responses column in CSV and hashes ranking items without ids", async () => {
    const cell = (value: unknown) => `"${JSON.stringify(value).replaceAll('"', '""')}"`;
    const csv = ["prompt,responses,gold_ranking", `Rank,${cell(responses(3))},`, `Rank,${cell(responses(3))},`, `Rank,not json,`].join("\n");
    const report = await run(csv, "csv");
    expect(report.imported).toBe(1);
    expect(report.errors).toEqual([
      { line: 3, reason: expect.stringMatching(/^same prompt and responses as line 2 \(id "h-[0-9a-f]{16}"\)$/) },
      { line: 4, reason: expect.stringMatching(/^responses: not JSON/) },
    ]);
    const again = await run(csv.split("\n").slice(0, 2).join("\n"), "csv");
    expect(again).toMatchObject({ imported: 0, duplicates: 1 });
  });
});
