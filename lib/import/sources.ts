import fs from "node:fs";

/**
 * Where import bytes come from. A `SourceFactory` can be opened again, which
 * the all-or-nothing import needs (it reads the file twice: validate, then
 * insert): pass `() => fileSource(path)`. An upload is spooled to a temporary
 * file first, for the same reason.
 */
export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
export type SourceFactory = () => ByteSource;

export function isSourceFactory(source: ByteSource | SourceFactory): source is SourceFactory {
  return typeof source === "function";
}

export function openSource(source: ByteSource | SourceFactory): ByteSource {
  return isSourceFactory(source) ? source() : source;
}

/** A web ReadableStream or any async iterable as chunks; stopping early cancels the stream. */
export async function* readChunks(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (!("getReader" in source)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Drops a UTF-8 byte order mark at the very start, even when split across chunks. */
export async function* stripBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const bom = [0xef, 0xbb, 0xbf];
  let head = new Uint8Array(0);
  let decided = false;
  for await (const chunk of chunks) {
    if (decided) {
      yield chunk;
      continue;
    }
    const joined = new Uint8Array(head.length + chunk.length);
    joined.set(head);
    joined.set(chunk, head.length);
    head = joined;
    const matching = bom.every((byte, i) => i >= head.length || head[i] === byte);
    if (matching && head.length < bom.length) continue;
    decided = true;
    const rest = matching ? head.subarray(bom.length) : head;
    if (rest.length > 0) yield rest;
  }
  // A file of one or two bytes of a BOM: pass them on, so they fail as invalid UTF-8.
  if (!decided && head.length > 0) yield head;
}

/** A file read in 64 KiB chunks; wrap it as `() => fileSource(path)` to make it re-openable. */
export function fileSource(path: string, options: { chunkBytes?: number } = {}): AsyncIterable<Uint8Array> {
  return fs.createReadStream(path, { highWaterMark: options.chunkBytes ?? 64 * 1024 }) as AsyncIterable<Uint8Array>;
}

/**
 * Bytes (or a string, as UTF-8) held in memory, cut into chunks of `chunkBytes`
 * — tests use tiny chunks to cross every boundary a real stream might cut.
 */
export async function* bytesSource(data: Uint8Array | string, options: { chunkBytes?: number } = {}): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const size = Math.max(1, options.chunkBytes ?? 64 * 1024);
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/** Counts the bytes that pass through, for progress reports. */
export async function* countBytes(chunks: AsyncIterable<Uint8Array>, onBytes: (total: number) => void): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    onBytes(total);
    yield chunk;
  }
}
