import { NEWLINE, UnitBuffer, trimCarriageReturn, type RawUnit } from "./unit-buffer";

/**
 * CSV (RFC 4180): one unit per record. A record ends at a newline outside
 * quotes, so quoted fields may hold newlines; a doubled quote toggles the
 * quote state twice and so needs no special case here. Fields are cut out of
 * the decoded record by `parseCsvRecord`.
 */
const QUOTE = 0x22;

export async function* splitCsvRecords(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<RawUnit> {
  const buffer = new UnitBuffer(maxBytes);
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;

  const finish = (): RawUnit | undefined => {
    if (buffer.size === 0) return undefined;
    const taken = buffer.take("record");
    if ("error" in taken) return { line: recordLine, error: taken.error };
    const bytes = trimCarriageReturn(taken.bytes);
    return bytes.length === 0 ? undefined : { line: recordLine, bytes };
  };

  for await (const chunk of chunks) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) inQuotes = !inQuotes;
      else if (byte === NEWLINE) {
        line += 1;
        if (inQuotes) continue;
        buffer.append(chunk, start, i);
        const unit = finish();
        if (unit) yield unit;
        recordLine = line;
        start = i + 1;
      }
    }
    buffer.append(chunk, start, chunk.length);
  }
  const last = finish();
  if (last) yield last;
}

/** The fields of one record, or why it is malformed. */
export function parseCsvRecord(text: string): { fields: string[] } | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return { error: `unterminated quoted field (field ${fields.length + 1})` };
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return { fields };
      if (text[i] !== ",") return { error: `unexpected text after the closing quote of field ${fields.length}` };
      i += 1;
    } else {
      const comma = text.indexOf(",", i);
      if (comma === -1) {
        fields.push(text.slice(i));
        return { fields };
      }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}
