import { describe, expect, it } from "vitest";
import { parseItems, type ParsedItem } from "../parse-items";
import { bytesSource } from "../sources";
import { previewItems } from "../preview-items";

async function parse(text: string, format: "hh" | "trl" | "ratings", chunkBytes = 7) {
  const out: ParsedItem[] = [];
  for await (const parsed of parseItems(bytesSource(text, { chunkBytes }), { format, dataset: { seed: "s" } })) out.push(parsed);
  return out;
}

const record = (q: string) => ({ chosen: `\n\nHuman: ${q}\n\nAssistant: yes`, rejected: `\n\nHuman: ${q}\n\nAssistant: no` });

describe("dataset files", () => {
  it("reads JSONL with blank lines, one result per item, each with its line", async () => {
    const text = `\n${JSON.stringify(record("a"))}\n\n{"chosen": 1}\n${JSON.stringify({ prompt: "p", completions: [{ text: "x" }, { text: "y" }, { text: "z" }] })}\n`;
    const hh = await parse(text, "hh");
    expect(hh.map((p) => [p.line, "error" in p ? p.error : "ok"])).toEqual([
      [2, "ok"],
      [4, expect.stringMatching(/^chosen: must be a string \(got a number\)/)],
      [5, expect.stringMatching(/^chosen: is required/)],
    ]);
    const ratings = await parse(text, "ratings");
    expect(ratings.filter((p) => p.line === 5 && "row" in p)).toHaveLength(3);
  });

  it("reads a JSON array too, however the chunks fall", async () => {
    const text = `  \n [${JSON.stringify(record("a"))},\n ${JSON.stringify(record("b"))}]\n`;
    for (const chunkBytes of [1, 3, 64 * 1024]) {
      const parsed = await parse(text, "hh", chunkBytes);
      expect(parsed.map((p) => ("row" in p ? p.line : p.error))).toEqual([2, 3]);
      expect(parsed.every((p) => "reference" in p && p.reference?.source === "hh")).toBe(true);
    }
  });

  it("previews with the import's pairs rule", async () => {
    const text = JSON.stringify({ prompt: "p", completions: [{ text: "x", score: 1 }, { text: "y", score: 3 }, { text: "z", score: 2 }] }) + "\n";
    const all = await previewItems(bytesSource(text), { format: "ratings", scale: 3, dataset: { seed: "" } });
    const best = await previewItems(bytesSource(text), { format: "ratings", scale: 3, dataset: { seed: "", pairs: "best-vs-rest" } });
    expect(all).toHaveLength(3);
    expect(best).toHaveLength(2);
    for (const entry of best) expect("row" in entry && [entry.row.response_a, entry.row.response_b]).toContain("y");
  });
});
