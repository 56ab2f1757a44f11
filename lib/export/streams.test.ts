import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { chunkLines, toNodeStream, toReadableStream } from "./streams";

/** A line source that records how far it was read and whether it was closed. */
function source(count: number) {
  const state = { produced: 0, closed: false };
  async function* lines() {
    try {
      for (let i = 0; i < count; i++) {
        state.produced++;
        yield `{"n":${i}}\n`;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, lines: lines() };
}

/** Event-loop turns until the source stops being read: whatever the stream would buffer, it has by then (no wall-clock sleep). */
async function untilIdle(state: { produced: number }): Promise<void> {
  for (let seen = -1; seen !== state.produced; ) {
    seen = state.produced;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe("chunkLines", () => {
  it("joins whole lines into chunks of about the given size", async () => {
    const chunks = await collect(chunkLines(source(10).lines, 20));
    expect(chunks.join("")).toBe(Array.from({ length: 10 }, (_, i) => `{"n":${i}}\n`).join(""));
    for (const chunk of chunks) expect(chunk.endsWith("\n")).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it("yields nothing for no lines", async () => {
    expect(await collect(chunkLines(source(0).lines))).toEqual([]);
  });
});

describe("toReadableStream", () => {
  it("streams every line as UTF-8 bytes", async () => {
    const text = await new Response(toReadableStream(source(1000).lines, 256)).text();
    expect(text.split("\n")).toHaveLength(1001);
    expect(text.startsWith('{"n":0}\n{"n":1}\n')).toBe(true);
  });

  it("reads lines only as the consumer pulls (back-pressure)", async () => {
    const { state, lines } = source(10_000);
    const reader = toReadableStream(lines, 64).getReader();
    await reader.read();
    await untilIdle(state);
    // One chunk handed out and at most one more buffered: a handful of lines, not 10,000.
    expect(state.produced).toBeLessThan(50);
    await reader.cancel();
  });

  it("closes the generator when the consumer cancels", async () => {
    const { state, lines } = source(10_000);
    const reader = toReadableStream(lines, 64).getReader();
    await reader.read();
    await reader.cancel();
    expect(state.closed).toBe(true);
    expect(state.produced).toBeLessThan(10_000);
  });
});

describe("toNodeStream", () => {
  it("pipes every line to a Node writable", async () => {
    let text = "";
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString("utf8");
        done();
      },
    });
    await pipeline(toNodeStream(source(500).lines, 100), sink);
    expect(text.split("\n").slice(0, -1).map((line) => JSON.parse(line).n)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});
