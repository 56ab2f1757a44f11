import { NEWLINE, UnitBuffer, type RawUnit } from "./unit-buffer";

/**
 * A top-level JSON array, one unit per element, without parsing the whole
 * file: a byte scanner that tracks strings, escapes and nesting depth. Bytes
 * of multi-byte UTF-8 characters are all ≥ 0x80, so scanning for the ASCII
 * structural characters is safe without decoding. Each element is parsed by
 * JSON.parse later; this only finds where elements start and end.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

type State = "start" | "between" | "element" | "done";

export async function* splitJsonArray(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<RawUnit> {
  const buffer = new UnitBuffer(maxBytes);
  let state = "start" as State; // widened: TS cannot see the writes in finish()
  let line = 1;
  let elementLine = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  // After an element, a comma must come before the next one.
  let needComma = false;
  let missingComma = false;

  const finish = (): RawUnit => {
    const taken = buffer.take("element");
    state = "between";
    if ("error" in taken) return { line: elementLine, error: taken.error };
    if (missingComma) return { line: elementLine, error: "missing ',' before this element" };
    return { line: elementLine, bytes: taken.bytes };
  };

  for await (const chunk of chunks) {
    let segment = 0; // where the unbuffered part of the current element starts in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === NEWLINE) line += 1;
      if (state === "element") {
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
          continue;
        }
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
        else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && depth > 0) {
          depth -= 1;
          if (depth === 0) {
            buffer.append(chunk, segment, i + 1);
            yield finish();
            needComma = true;
          }
        } else if (depth === 0 && (byte === COMMA || byte === CLOSE_BRACKET)) {
          // The end of a bare value (number, string, true…): JSON.parse will judge it.
          buffer.append(chunk, segment, i);
          yield finish();
          needComma = false;
          if (byte === CLOSE_BRACKET) state = "done";
        }
        continue;
      }
      if (isWhitespace(byte)) continue;
      if (state === "start") {
        if (byte !== OPEN_BRACKET) {
          yield { line, error: "a JSON file must hold one array of items ([{…}, {…}]); for one item per line, choose JSONL" };
          return;
        }
        state = "between";
      } else if (state === "between") {
        if (byte === CLOSE_BRACKET) state = "done";
        else if (byte === COMMA) needComma = false;
        else {
          state = "element";
          elementLine = line;
          missingComma = needComma;
          depth = byte === OPEN_BRACE || byte === OPEN_BRACKET ? 1 : 0;
          inString = byte === QUOTE;
          escaped = false;
          segment = i;
        }
      } else {
        yield { line, error: "unexpected content after the closing ']' of the array" };
        return;
      }
    }
    if (state === "element") buffer.append(chunk, segment, chunk.length);
  }
  if (state === "element") {
    buffer.take("element");
    yield { line: elementLine, error: "the file ends inside this element (is the JSON cut off?)" };
  } else if (state === "between") {
    yield { line, error: "the file ends before the closing ']' of the array" };
  }
}
