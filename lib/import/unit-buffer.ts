/**
 * What a splitter hands on: the bytes of one unit (a JSONL line, a JSON array
 * element, a CSV record) with the 1-based file line it starts on, or an error
 * for that unit. Units never exceed the size limit in memory: past it, the
 * bytes are only counted and dropped until the unit ends.
 */
export type RawUnit = { line: number; bytes: Uint8Array } | { line: number; error: string };

export const DEFAULT_MAX_UNIT_BYTES = 1024 * 1024;

export class UnitBuffer {
  private parts: Uint8Array[] = [];
  private held = 0;
  /** Bytes seen in the current unit, including any dropped past the limit. */
  size = 0;

  constructor(private readonly maxBytes: number) {}

  append(chunk: Uint8Array, start: number, end: number): void {
    if (end <= start) return;
    this.size += end - start;
    if (this.size > this.maxBytes) {
      this.parts = [];
      this.held = 0;
      return;
    }
    // A view, not a copy: stream chunks are never reused by Node or web streams.
    this.parts.push(chunk.subarray(start, end));
    this.held += end - start;
  }

  /** Ends the unit: its bytes, or the reason it was refused. Resets for the next unit. */
  take(noun: string): { bytes: Uint8Array } | { error: string } {
    const { parts, held, size } = this;
    this.parts = [];
    this.held = 0;
    this.size = 0;
    if (size > this.maxBytes) return { error: `${noun} is ${describeSize(size, this.maxBytes)}, over the ${describeLimit(this.maxBytes)} limit` };
    if (parts.length === 1 && parts[0]) return { bytes: parts[0] };
    const bytes = new Uint8Array(held);
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    return { bytes };
  }
}

/** `5.0 MB`; exact bytes when one decimal would round down to the limit or below. */
export function describeSize(bytes: number, limit: number): string {
  const mb = (bytes / 1e6).toFixed(1);
  if (Number(mb) * 1e6 > limit) return `${mb} MB`;
  return `${bytes.toLocaleString("en-US")} bytes`;
}

export function describeLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString("en-US")}-byte`;
}

export const NEWLINE = 0x0a;
export const CARRIAGE_RETURN = 0x0d;

/** The unit without a trailing CR, so CRLF files read like LF files. */
export function trimCarriageReturn(bytes: Uint8Array): Uint8Array {
  return bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.subarray(0, bytes.length - 1) : bytes;
}
