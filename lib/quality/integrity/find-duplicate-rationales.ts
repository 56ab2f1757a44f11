import { DUPLICATE_RATIONALE } from "./rules";

export type RationaleRow = { id: string; rationale: string };

/** Lower case, letters and digits only, single spaces: "A is better!!" and "a is  better" are the same text. */
export function normalizeRationale(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

const BANDS = 8;
const ROWS = 3;
const HASHES = BANDS * ROWS;
/** Comparisons per LSH bucket and entry: a bucket of a thousand templated rationales costs thousands, not a million. */
const REPS_PER_BUCKET = 8;

/** The sorted, distinct 32-bit hashes of a text's character k-grams (UTF-16 units: an astral character just makes two overlapping k-grams). */
function shingleHashes(text: string, k: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, text.length - k + 1));
  for (let i = 0; i + k <= text.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + k; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
    out[i] = h >>> 0;
  }
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i]!;
  return out.subarray(0, n);
}

/** |A ∩ B| / |A ∪ B| of two sorted distinct hash arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 1 : both / union;
}

/**
 * One-permutation MinHash (Li, Owen and Zhang 2012): each shingle hash goes
 * to one of HASHES bins and each bin keeps its minimum, one pass over the
 * shingles instead of one per hash function. A bin no trigram reached keeps
 * the sentinel; candidates are confirmed by exact Jaccard anyway.
 */
function minHash(set: Uint32Array): Int32Array {
  const signature = new Int32Array(HASHES).fill(0x7fffffff);
  for (let i = 0; i < set.length; i++) {
    let h = Math.imul(set[i]! ^ 0x5bd1e995, 0x9e3779b1);
    h ^= h >>> 15;
    const bin = (h >>> 0) % HASHES;
    const value = Math.imul(h, 0x85ebca6b) >>> 1;
    if (value < signature[bin]!) signature[bin] = value;
  }
  return signature;
}

/**
 * The ids of rationales that are equal (after normalizeRationale) to
 * another one, or nearly equal: character-trigram Jaccard similarity at
 * least DUPLICATE_RATIONALE.jaccard. Texts shorter than
 * DUPLICATE_RATIONALE.minChars are left out. Two rows are two different
 * judgments, so they differ in item or annotator (or both).
 *
 * Linear in the number of rationales: equal texts meet in a hash map; near
 * ones are found by MinHash locality-sensitive hashing over character
 * 5-grams (one-permutation, 24 bins in 8 bands of 3: a pair at 5-gram
 * Jaccard 0.7 becomes a candidate with probability ≈ 0.97),
 * and each candidate is confirmed by its exact Jaccard against a few
 * representatives of its bucket, never all pairs.
 */
export function findDuplicateRationales(rows: readonly RationaleRow[]): Set<string> {
  const duplicates = new Set<string>();
  const byText = new Map<string, string[]>();
  for (const row of rows) {
    const text = normalizeRationale(row.rationale);
    if ([...text].length < DUPLICATE_RATIONALE.minChars) continue;
    const ids = byText.get(text);
    if (ids) ids.push(row.id);
    else byText.set(text, [row.id]);
  }
  // One representative per distinct text goes on to the near-duplicate search.
  const distinct: { ids: string[]; text: string; grams: Uint32Array }[] = [];
  for (const [text, ids] of byText) {
    if (ids.length > 1) for (const id of ids) duplicates.add(id);
    distinct.push({ ids, text, grams: shingleHashes(text, 3) });
  }
  const near = new Uint8Array(distinct.length);
  // Keyed by a number mixing the band and its values: a collision only adds a candidate, which Jaccard then refuses.
  // A bucket of one (nearly all of them) is the bare index, not an array.
  const buckets = new Map<number, number | number[]>();
  distinct.forEach((entry, index) => {
    // Signatures over 5-grams: trigrams such as " th" are in nearly every English text and would crowd the buckets.
    const signature = minHash(shingleHashes(entry.text, 5));
    for (let band = 0; band < BANDS; band++) {
      let key = band;
      for (let r = band * ROWS; r < band * ROWS + ROWS; r++) key = (key * 0x1f3d5b79 + signature[r]!) % 0x1fffffffffffff;
      const found = buckets.get(key);
      if (found === undefined) {
        buckets.set(key, index);
        continue;
      }
      const members = typeof found === "number" ? [found] : found;
      for (const other of members) {
        if (near[index] && near[other]) continue;
        if (jaccard(entry.grams, distinct[other]!.grams) >= DUPLICATE_RATIONALE.jaccard) near[index] = near[other] = 1;
      }
      if (members.length < REPS_PER_BUCKET) members.push(index);
      if (typeof found === "number") buckets.set(key, members);
    }
  });
  distinct.forEach((entry, index) => {
    if (near[index]) for (const id of entry.ids) duplicates.add(id);
  });
  return duplicates;
}
