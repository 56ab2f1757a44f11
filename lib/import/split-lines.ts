import { NEWLINE, UnitBuffer, trimCarriageReturn, type RawUnit } from "./unit-buffer";

/**
 * JSONL: one unit per `\n`-terminated line (CRLF too). Empty lines are not
 * handed on, but still counted, so line numbers match an editor's.
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<RawUnit> {
  const buffer = new UnitBuffer(maxBytes);
  let line = 1;
  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      // indexOf runs natively: the hot loop of a large import.
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) {
        buffer.append(chunk, start, chunk.length);
        break;
      }
      buffer.append(chunk, start, end);
      const unit = finish(buffer, line);
      if (unit) yield unit;
      line += 1;
      start = end + 1;
    }
  }
  const last = finish(buffer, line);
  if (last) yield last;
}

function finish(buffer: UnitBuffer, line: number): RawUnit | undefined {
  if (buffer.size === 0) return undefined;
  const taken = buffer.take("line");
  if ("error" in taken) return { line, error: taken.error };
  const bytes = trimCarriageReturn(taken.bytes);
  return bytes.length === 0 ? undefined : { line, bytes };
}
