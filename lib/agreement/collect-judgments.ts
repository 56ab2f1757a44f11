import { SWAP_UNKNOWN, type AgreementJudgment, type JudgmentTable } from "./types";

/**
 * Preferences beyond this magnitude are not on any rating scale; they would
 * only make value-indexed arrays huge, so such judgments are skipped, as are
 * non-integer preferences (the contract says integer; validation upstream
 * rejects both before they get here). Skipping, not throwing, keeps
 * computeAgreement total over whatever an untyped caller passes.
 */
export const MAX_ABS_PREFERENCE = 1000;

export type JudgmentCollector = {
  add(judgment: AgreementJudgment): void;
  /** Deduplicates (latest per item × annotator) and groups by item. */
  build(): JudgmentTable;
};

function toTime(value: Date | string | null | undefined): number {
  if (value == null) return NaN;
  return typeof value === "string" ? Date.parse(value) : value.getTime();
}

/**
 * Streams judgments into typed columns. String ids become integer indexes
 * once, here, so the metrics never hash a string; the CLI feeds it line by
 * line so a large file is never held as objects.
 */
export function createJudgmentCollector(): JudgmentCollector {
  const itemIndex = new Map<string, number>();
  const itemIds: string[] = [];
  const annotatorIndex = new Map<string, number>();
  const annotatorIds: string[] = [];
  let capacity = 1024;
  let size = 0;
  let item = new Int32Array(capacity);
  let annotator = new Int32Array(capacity);
  let preference = new Int32Array(capacity);
  let swapped = new Uint8Array(capacity);
  let duration = new Float64Array(capacity);
  let time = new Float64Array(capacity);
  let maxAbs = 0;
  // Exports list many judgments of one annotator in a row; skip the map then.
  let lastAnnotatorName: string | undefined;
  let lastAnnotator = -1;

  function grow<T extends Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T): T {
    const next = make(capacity);
    next.set(old);
    return next;
  }

  function add(j: AgreementJudgment): void {
    const p = j.preference;
    if (!Number.isInteger(p) || Math.abs(p) > MAX_ABS_PREFERENCE) return;
    // Untyped callers (JSON from elsewhere) may omit ids; such a judgment belongs nowhere.
    if (typeof j.itemId !== "string" || typeof j.annotator !== "string") return;
    if (size === capacity) {
      capacity *= 2;
      item = grow(item, (n) => new Int32Array(n));
      annotator = grow(annotator, (n) => new Int32Array(n));
      preference = grow(preference, (n) => new Int32Array(n));
      swapped = grow(swapped, (n) => new Uint8Array(n));
      duration = grow(duration, (n) => new Float64Array(n));
      time = grow(time, (n) => new Float64Array(n));
    }
    let i = itemIndex.get(j.itemId);
    if (i === undefined) {
      i = itemIds.length;
      itemIndex.set(j.itemId, i);
      itemIds.push(j.itemId);
    }
    if (lastAnnotator < 0 || j.annotator !== lastAnnotatorName) {
      let a = annotatorIndex.get(j.annotator);
      if (a === undefined) {
        a = annotatorIds.length;
        annotatorIndex.set(j.annotator, a);
        annotatorIds.push(j.annotator);
      }
      lastAnnotatorName = j.annotator;
      lastAnnotator = a;
    }
    item[size] = i;
    annotator[size] = lastAnnotator;
    preference[size] = p;
    swapped[size] = j.shownSwapped == null ? SWAP_UNKNOWN : j.shownSwapped ? 1 : 0;
    const d = j.durationMs;
    duration[size] = typeof d === "number" && Number.isFinite(d) ? d : NaN;
    time[size] = toTime(j.createdAt);
    if (p > maxAbs) maxAbs = p;
    else if (-p > maxAbs) maxAbs = -p;
    size++;
  }

  /**
   * j (later in input) replaces k when it is newer. Dated judgments count as
   * newer than undated ones, so "latest" is a total order and the result does
   * not depend on input order whenever createdAt is given.
   */
  function isNewer(j: number, k: number): boolean {
    const tj = time[j]!;
    const tk = time[k]!;
    if (Number.isNaN(tj)) return Number.isNaN(tk);
    return Number.isNaN(tk) || tj >= tk;
  }

  function build(): JudgmentTable {
    const nItems = itemIds.length;
    // Counting sort by item keeps input order inside each item (stable).
    const start = new Int32Array(nItems + 1);
    for (let j = 0; j < size; j++) start[item[j]! + 1]!++;
    for (let i = 0; i < nItems; i++) start[i + 1]! += start[i]!;
    const fill = start.slice(0, nItems);
    const order = new Int32Array(size);
    for (let j = 0; j < size; j++) order[fill[item[j]!]!++] = j;

    const seenItem = new Int32Array(annotatorIds.length).fill(-1);
    const seenPos = new Int32Array(annotatorIds.length);
    const source = new Int32Array(size);
    const itemStart = new Int32Array(nItems + 1);
    let kept = 0;
    for (let i = 0; i < nItems; i++) {
      for (let q = start[i]!; q < start[i + 1]!; q++) {
        const j = order[q]!;
        const a = annotator[j]!;
        if (seenItem[a] !== i) {
          seenItem[a] = i;
          seenPos[a] = kept;
          source[kept++] = j;
        } else if (isNewer(j, source[seenPos[a]!]!)) {
          source[seenPos[a]!] = j;
        }
      }
      itemStart[i + 1] = kept;
    }

    const table: JudgmentTable = {
      itemIds,
      annotatorIds,
      itemStart,
      annotator: new Int32Array(kept),
      preference: new Int32Array(kept),
      choice: new Uint8Array(kept),
      swapped: new Uint8Array(kept),
      durationMs: new Float64Array(kept),
      maxAbsPreference: maxAbs,
    };
    for (let k = 0; k < kept; k++) {
      const j = source[k]!;
      const p = preference[j]!;
      table.annotator[k] = annotator[j]!;
      table.preference[k] = p;
      table.choice[k] = p < 0 ? 0 : p > 0 ? 2 : 1;
      table.swapped[k] = swapped[j]!;
      table.durationMs[k] = duration[j]!;
    }
    return table;
  }

  return { add, build };
}
