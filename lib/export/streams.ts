import { Readable } from "node:stream";

/** Bytes gathered into one chunk before it is handed on: few large writes beat a million small ones. */
export const CHUNK_CHARS = 64 * 1024;

/** Joins lines into chunks of about `size` characters (a line is never split). */
export async function* chunkLines(lines: AsyncIterable<string>, size = CHUNK_CHARS): AsyncGenerator<string, void, undefined> {
  let buffer = "";
  for await (const line of lines) {
    buffer += line;
    if (buffer.length >= size) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

/**
 * A web stream for route handlers (`new Response(toReadableStream(…))`).
 * Pull-based: the next chunk is produced only when the client has taken the
 * last, so a slow client slows the database reads instead of filling memory.
 * Cancelling (the client went away) closes the generator, which ends its
 * database walk.
 */
export function toReadableStream(lines: AsyncGenerator<string, unknown, undefined>, size = CHUNK_CHARS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = chunkLines(lines, size);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
        await lines.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** A Node stream for the CLI (`pipeline(toNodeStream(…), fs.createWriteStream(path))`). */
export function toNodeStream(lines: AsyncGenerator<string, unknown, undefined>, size = CHUNK_CHARS): Readable {
  return Readable.from(chunkLines(lines, size), { objectMode: false });
}
