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
const SEEDS = Array.from({ length: HASHES }, (_, k) => [(0x9e3779b1 * (k + 1)) | 0, (0x85ebca6b ^ Math.imul(k + 7, 0xc2b2ae35)) | 1] as const);

/** The sorted, distinct 32-bit hashes of a text's character trigrams. */
function trigramHashes(text: string): Uint32Array {
  const codes = Array.from(text, (c) => c.codePointAt(0)!);
  const out = new Uint32Array(Math.max(0, codes.length - 2));
  for (let i = 0; i + 2 < codes.length; i++) {
    let h = 0x811c9dc5;
    h = Math.imul(h ^ codes[i]!, 0x01000193);
    h = Math.imul(h ^ codes[i + 1]!, 0x01000193);
    h = Math.imul(h ^ codes[i + 2]!, 0x01000193);
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

function minHash(set: Uint32Array): Int32Array {
  const signature = new Int32Array(HASHES).fill(0x7fffffff);
  for (const x of set) {
    for (let k = 0; k < HASHES; k++) {
      const [seed, multiplier] = SEEDS[k]!;
      let h = Math.imul(x ^ seed, multiplier);
      h ^= h >>> 15;
      h &= 0x7fffffff;
      if (h < signature[k]!) signature[k] = h;
    }
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
 * ones are found by MinHash locality-sensitive hashing (8 bands of 3 of 24
 * hashes: a pair at Jaccard 0.8 becomes a candidate with probability 0.997),
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
  const distinct: { ids: string[]; grams: Uint32Array }[] = [];
  for (const [text, ids] of byText) {
    if (ids.length > 1) for (const id of ids) duplicates.add(id);
    distinct.push({ ids, grams: trigramHashes(text) });
  }
  const near = new Uint8Array(distinct.length);
  const buckets = new Map<string, number[]>();
  distinct.forEach((entry, index) => {
    const signature = minHash(entry.grams);
    for (let band = 0; band < BANDS; band++) {
      const key = `${band}:${signature.subarray(band * ROWS, band * ROWS + ROWS).join(",")}`;
      const members = buckets.get(key);
      if (!members) {
        buckets.set(key, [index]);
        continue;
      }
      for (const other of members.slice(0, REPS_PER_BUCKET)) {
        if (near[index] && near[other]) break;
        if (jaccard(entry.grams, distinct[other]!.grams) >= DUPLICATE_RATIONALE.jaccard) near[index] = near[other] = 1;
      }
      if (members.length < REPS_PER_BUCKET) members.push(index);
    }
  });
  distinct.forEach((entry, index) => {
    if (near[index]) for (const id of entry.ids) duplicates.add(id);
  });
  return duplicates;
}
