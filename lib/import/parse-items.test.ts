import { describe, expect, it } from "vitest";
import { parseItems, type ParsedItem } from "./parse-items";
import { detectFormat, type ImportFormat } from "@/lib/validations/import-format";
import { bytesSource } from "./sources";

const encode = (text: string) => new TextEncoder().encode(text);
const item = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, prompt: `prompt ${id}`, response_a: "A", response_b: "B", ...extra });

async function parse(data: string | Uint8Array, format: ImportFormat, options: { chunkBytes?: number; maxLineBytes?: number } = {}) {
  const out: ParsedItem[] = [];
  for await (const parsed of parseItems(bytesSource(data, { chunkBytes: options.chunkBytes }), { format, maxLineBytes: options.maxLineBytes })) {
    out.push(parsed);
  }
  return out;
}

/** `line: id` for rows, `line: reason` for errors: compact to compare. */
const summary = (results: ParsedItem[]) => results.map((r) => ("error" in r ? `${r.line}: ${r.error}` : `${r.line}: ${r.row.id ?? "(no id)"}`));

describe("parseItems — JSONL", () => {
  const file = [
    item("q1"),
    "",
    "{not json",
    "[1, 2]",
    '"just text"',
    JSON.stringify({ id: "q5", prompt: "p", response_a: "a" }),
    JSON.stringify({ id: "q6", prompt: "p", response_a: "a", response_b: "" }),
    JSON.stringify({ id: "q7", prompt: "p", response_a: ["a"], response_b: "b" }),
    JSON.stringify({ id: "q8", prompt: [{ role: "user", content: "u" }, { role: "assistant", content: "a" }], response_a: "a", response_b: "b" }),
    "   ",
    item("q10"),
  ].join("\n");

  it("reports every kind of bad line with its file line number", async () => {
    // Chunks of 7 bytes: every line is cut somewhere.
    expect(summary(await parse(file, "jsonl", { chunkBytes: 7 }))).toEqual([
      "1: q1",
      expect.stringMatching(/^3: not JSON: .+/),
      "4: not an object (got an array)",
      "5: not an object (got a string)",
      "6: response_b: is required (a non-empty string)",
      "7: response_b: must be a non-empty string",
      "8: response_a: must be a non-empty string (got an array)",
      "9: prompt: the last message must be the user's",
      "11: q10",
    ]);
  });

  it("reads a BOM, CRLF line ends and a last line without a newline", async () => {
    const crlf = "\uFEFF" + [item("a"), item("b"), "", item("c")].join("\r\n");
    for (const chunkBytes of [1, 2, 5, 1024]) {
      expect(summary(await parse(crlf, "jsonl", { chunkBytes }))).toEqual(["1: a", "2: b", "4: c"]);
    }
  });

  it("skips an over-long line without holding it, and goes on", async () => {
    const long = JSON.stringify({ id: "big", prompt: "x".repeat(5_000_000), response_a: "a", response_b: "b" });
    const results = await parse([item("a"), long, item("c")].join("\n"), "jsonl", { chunkBytes: 64 * 1024 });
    expect(summary(results)).toEqual(["1: a", "2: line is 5.0 MB, over the 1 MiB limit", "3: c"]);
    const small = await parse([item("a"), "x".repeat(1500)].join("\n"), "jsonl", { maxLineBytes: 1024 });
    expect(summary(small)).toEqual(["1: a", "2: line is 1,500 bytes, over the 1 KiB limit"]);
  });

  it("never holds more of an over-long line than the limit (128 MB streamed through)", async () => {
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    async function* hugeLine() {
      for (let i = 0; i < 2048; i++) {
        // Fresh 64 KiB chunks, as a file stream gives: kept ones would add up.
        yield new Uint8Array(64 * 1024).fill(0x78);
        if (i % 64 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
      }
      yield encode("\n" + item("after"));
    }
    const results: ParsedItem[] = [];
    for await (const parsed of parseItems(hugeLine(), { format: "jsonl" })) results.push(parsed);
    expect(summary(results)).toEqual(["1: line is 134.2 MB, over the 1 MiB limit", "2: after"]);
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });

  it("reports invalid UTF-8 on its own line only", async () => {
    const bytes = new Uint8Array([...encode(item("a") + "\n"), ...encode('{"id": "b'), 0xc3, 0x28, ...encode('"}\n'), ...encode(item("c"))]);
    expect(summary(await parse(bytes, "jsonl", { chunkBytes: 3 }))).toEqual(["1: a", "2: not valid UTF-8 text (save the file as UTF-8)", "3: c"]);
  });

  it("keeps multi-byte characters cut across chunks", async () => {
    const results = await parse(item("é", { response_a: "日本語 😀" }), "jsonl", { chunkBytes: 1 });
    expect(results).toEqual([{ line: 1, row: { id: "é", prompt: "prompt é", response_a: "日本語 😀", response_b: "B" } }]);
  });
});

describe("parseItems — JSON array", () => {
  it("streams elements with the line each starts on", async () => {
    const file = `\uFEFF[\n  ${item("a")},\n  {"id": "b", "prompt": "tricky ] } \\" [ {",\n   "response_a": "x",\n   "response_b": "y"},\n  42,\n  {"id": "d"}\n  ${item("e")},\n  ${item("f")}\n]\n`;
    for (const chunkBytes of [1, 3, 4096]) {
      expect(summary(await parse(file, "json", { chunkBytes }))).toEqual([
        "2: a",
        "3: b",
        "6: not an object (got a number)",
        "7: prompt: is required (a string or a list of chat messages); response_a: is required (a non-empty string); response_b: is required (a non-empty string)",
        "8: missing ',' before this element",
        "9: f",
      ]);
    }
  });

  it("reads a minified array on one line", async () => {
    expect(summary(await parse(`[${item("a")},${item("b")}]`, "json"))).toEqual(["1: a", "1: b"]);
  });

  it("refuses a file that is not an array, and a cut-off one", async () => {
    expect(summary(await parse(`\n${item("a")}\n`, "json"))).toEqual([
      "2: a JSON file must hold one array of items ([{…}, {…}]); for one item per line, choose JSONL",
    ]);
    expect(summary(await parse(`[\n${item("a")},\n{"id": "b", "prompt": "p`, "json"))).toEqual([
      "2: a",
      "3: the file ends inside this element (is the JSON cut off?)",
    ]);
    expect(summary(await parse(`[${item("a")}, `, "json"))).toEqual(["1: a", "1: the file ends before the closing ']' of the array"]);
  });

  it("limits the size of one element", async () => {
    const file = `[${item("a")},\n${item("b", { prompt: "x".repeat(3000) })},\n${item("c")}]`;
    expect(summary(await parse(file, "json", { maxLineBytes: 2048, chunkBytes: 100 }))).toEqual([
      "1: a",
      "2: element is 3,056 bytes, over the 2 KiB limit",
      "3: c",
    ]);
  });
});

describe("parseItems — CSV", () => {
  const header = "id,prompt,response_a,response_b,model_a,model_b,metadata,gold_preference,notes";

  it("reads quoted fields with newlines and doubled quotes, chat prompts, metadata and gold", async () => {
    const file = [
      header,
      'q1,"Say ""hi""","line one\r\nline two",B,m-x,,"{""topic"": ""ml""}",-2,ignored',
      `q2,"[{""role"": ""user"", ""content"": ""Hi""}]",A,B,,,,,`,
      "q3,[INST] not json,A,B,,,,,",
      ",,,,,,,,",
      "q5,p,A,,,,,,",
      "q6,p,A,B,,,{oops,,",
      "q7,p,A,B,,,,1.5,",
      "q8,p,A,B",
      'q9,"unterminated,A,B,,,,,',
    ].join("\r\n");
    const results = await parse(file, "csv", { chunkBytes: 5 });
    expect(results[0]).toEqual({
      line: 2,
      row: { id: "q1", prompt: 'Say "hi"', response_a: "line one\r\nline two", response_b: "B", model_a: "m-x", metadata: { topic: "ml" }, gold_preference: -2 },
    });
    expect(results[1]).toMatchObject({ line: 4, row: { prompt: [{ role: "user", content: "Hi" }] } });
    expect(results[2]).toMatchObject({ line: 5, row: { prompt: "[INST] not json" } });
    expect(summary(results.slice(3))).toEqual([
      "7: response_b: is required (a non-empty string)",
      expect.stringMatching(/^8: metadata: not JSON \(.+\)$/),
      "9: gold_preference: must be an integer",
      "10: has 4 fields, the header has 9",
      "11: unterminated quoted field (field 2)",
    ]);
  });

  it("stops at a header that lacks a required column", async () => {
    expect(summary(await parse("id,prompt,response_a\nq1,p,a\n", "csv"))).toEqual([
      "1: the CSV header lacks the column response_b (it names: id, prompt, response_a)",
    ]);
  });

  it("accepts a BOM and any column order", async () => {
    expect(summary(await parse("\uFEFFresponse_b,Prompt,response_a,id\nB,p,A,x\n", "csv", { chunkBytes: 2 }))).toEqual(["2: x"]);
  });
});

describe("detectFormat", () => {
  it("goes by extension first, then content type", () => {
    expect(detectFormat("items.jsonl")).toBe("jsonl");
    expect(detectFormat("items.NDJSON")).toBe("jsonl");
    expect(detectFormat("items.json", "application/octet-stream")).toBe("json");
    expect(detectFormat("export.csv")).toBe("csv");
    expect(detectFormat("upload", "text/csv; charset=utf-8")).toBe("csv");
    expect(detectFormat(undefined, "application/x-ndjson")).toBe("jsonl");
    expect(detectFormat("items.txt", "text/plain")).toBeUndefined();
  });
});
