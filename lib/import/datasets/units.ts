import { splitJsonArray } from "../split-json-array";
import { splitLines } from "../split-lines";
import type { RawUnit } from "../unit-buffer";

const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * A dataset file's records: JSONL, or a JSON array when the first non-space
 * byte is `[` (a JSONL record is an object, so the two cannot be confused).
 * Streamed like every import; stopping early closes the source.
 */
export async function* datasetUnits(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<RawUnit> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let first: number | undefined;
  let ended = false;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    first = next.value.find((byte) => !isSpace(byte));
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    let done = ended;
    try {
      yield* head;
      while (!done) {
        const next = await iterator.next();
        if (next.done) done = true;
        else yield next.value;
      }
    } finally {
      if (!done) await iterator.return?.();
    }
  }
  yield* first === 0x5b ? splitJsonArray(replay(), maxBytes) : splitLines(replay(), maxBytes);
}
