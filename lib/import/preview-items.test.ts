import { describe, expect, it } from "vitest";
import { previewItems } from "./preview-items";
import { bytesSource, readChunks, stripBom } from "./sources";

const encode = (text: string) => new TextEncoder().encode(text);
const line = (n: number) => JSON.stringify({ id: `q${n}`, prompt: `p${n}`, response_a: "a", response_b: "b" });

describe("previewItems", () => {
  it("gives the first rows and errors with the ids the import will use", async () => {
    const file = [line(1), "nope", JSON.stringify({ prompt: "no id", response_a: "a", response_b: "b" }), line(4), line(5), line(6)].join("\n");
    const entries = await previewItems(() => bytesSource(file), { format: "jsonl", scale: 3, limit: 5 });
    expect(entries.map((e) => ("error" in e ? `${e.line}: error` : `${e.line}: ${e.externalId}`))).toEqual([
      "1: q1",
      "2: error",
      expect.stringMatching(/^3: h-[0-9a-f]{16}$/),
      "4: q4",
      "5: q5",
    ]);
  });

  it("applies the import's row rules: gold within the scale, no id twice", async () => {
    const file = [line(1), JSON.stringify({ id: "g", prompt: "p", response_a: "a", response_b: "b", gold_preference: 9 }), line(1)].join("\n");
    const entries = await previewItems(() => bytesSource(file), { format: "jsonl", scale: 3, limit: 5 });
    expect(entries.map((e) => ("error" in e ? `${e.line}: ${e.error}` : `${e.line}: ok`))).toEqual([
      "1: ok",
      "2: gold_preference: 9 is outside the project's scale −3..3",
      '3: duplicate id "q1" (first on line 1)',
    ]);
  });

  it("stops reading once it has enough, and closes the stream", async () => {
    let pulled = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(encode(line(pulled) + "\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    const entries = await previewItems(stream, { format: "jsonl", scale: 3, limit: 3 });
    expect(entries).toHaveLength(3);
    expect(pulled).toBeLessThan(10);
    expect(cancelled).toBe(true);
  });
});

describe("sources", () => {
  async function collect(chunks: AsyncIterable<Uint8Array>) {
    const out: number[] = [];
    for await (const chunk of chunks) out.push(...chunk);
    return out;
  }

  it("strips a BOM however the chunks cut it, and nothing else", async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x42]);
    for (const chunkBytes of [1, 2, 3, 4]) {
      expect(await collect(stripBom(bytesSource(withBom, { chunkBytes })))).toEqual([0x41, 0x42]);
    }
    expect(await collect(stripBom(bytesSource(new Uint8Array([0xef, 0x41]), { chunkBytes: 1 })))).toEqual([0xef, 0x41]);
    expect(await collect(stripBom(bytesSource(new Uint8Array([0xef, 0xbb]))))).toEqual([0xef, 0xbb]);
    expect(await collect(stripBom(bytesSource("")))).toEqual([]);
  });

  it("reads web streams and async iterables alike", async () => {
    const stream = new Blob(["hello"]).stream();
    expect(await collect(readChunks(stream))).toEqual([...encode("hello")]);
    expect(await collect(readChunks(bytesSource("hello", { chunkBytes: 2 })))).toEqual([...encode("hello")]);
  });
});
