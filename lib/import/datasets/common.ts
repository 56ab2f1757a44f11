import { createHash } from "node:crypto";
import { kindOf } from "@/lib/validations/item";
import { validateItemValue } from "../item-value";
import type { ItemImportRow } from "@/lib/validations/item";

/**
 * What the dataset importers (hh, trl, ratings) share (docs/formats.md,
 * "Import: preference datasets"): one record becomes one or more items, each
 * with the source's label as a reference judgment in the item's own A/B
 * terms. Pure functions: no database, no I/O.
 */

/** The source's label for one item: −1 (A preferred), 0 (tie) or 1 (B); a direction without a strength. */
export type ReferenceDraft = { source: string; preference: -1 | 0 | 1 };
export type DatasetRow = { row: ItemImportRow; reference: ReferenceDraft | null };
export type DatasetResult = { rows: DatasetRow[] } | { error: string };

export const pairRules = ["all", "best-vs-rest", "adjacent"] as const;
export type PairRule = (typeof pairRules)[number];

export type DatasetOptions = {
  /** The reference's source name (default: the format's name). */
  source?: string;
  /** Seeds the A/B assignment: the same seed and record give the same sides. */
  seed: string;
  /** ratings: which pairs a record's completions make (default "all"). */
  pairs?: PairRule;
  /** ratings: whether an equal score may be kept as a tie reference (else the pair has no reference). */
  allowTie?: boolean;
};

/** `<prefix>-<first 16 hex of sha256>` of a canonical JSON form: the same content gives the same id. */
export function contentId(prefix: string, canonical: unknown): string {
  return `${prefix}-${createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 16)}`;
}

/**
 * Whether the source's first response goes to B: a bit of sha256(seed, id),
 * so sides look random (the preferred answer is not always A) yet are
 * reproducible from the seed, and both passes of an import agree.
 */
export function swapFor(seed: string, id: string): boolean {
  return (createHash("sha256").update(`${seed}\u0000${id}`).digest()[0]! & 1) === 1;
}

/** The record's own `id` (string or whole number), undefined when absent, or an error. */
export function recordId(value: Record<string, unknown>): { id: string | undefined } | { error: string } {
  const id = value.id;
  if (id === undefined || id === null) return { id: undefined };
  if (typeof id === "number" && Number.isInteger(id) && id >= 0) return { id: String(id) };
  if (typeof id === "string" && id.length > 0 && id.length <= 180) return { id };
  return { error: `id: must be a non-empty string of at most 180 characters (got ${kindOf(id)})` };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A pair as an item: `first` is the source's preferred response when
 * `firstPreferred` (hh, trl: chosen), placed on A or B by `swapFor`; the
 * reference is then −1 when the preferred one is A, 1 when it is B, 0 for
 * an explicit tie. Checked with the ordinary item schema (lengths, storable
 * text), so the limits are the same as for any import.
 */
export function pairRow(options: {
  id: string;
  prompt: unknown;
  first: { text: string; model?: string | null };
  second: { text: string; model?: string | null };
  /** Source order's preference: −1 first better, 1 second better, 0 tie, null none. */
  preference: -1 | 0 | 1 | null;
  metadata: Record<string, unknown>;
  source: string;
  seed: string;
  /** How this pair's fields are named in the record, for error messages. */
  names?: [string, string];
}): DatasetRow | { error: string } {
  const swap = swapFor(options.seed, options.id);
  const [a, b] = swap ? [options.second, options.first] : [options.first, options.second];
  const [nameA, nameB] = options.names ? (swap ? [options.names[1], options.names[0]] : options.names) : ["response_a", "response_b"];
  const candidate = {
    id: options.id,
    prompt: options.prompt,
    response_a: a.text,
    response_b: b.text,
    model_a: a.model ?? undefined,
    model_b: b.model ?? undefined,
    metadata: { ...options.metadata, source_order: swap ? "BA" : "AB" },
  };
  const checked = validateItemValue(candidate);
  if ("error" in checked) {
    // Name the record's own fields rather than the item's.
    return { error: checked.error.replace(/^response_a:/, `${nameA}:`).replace(/; response_a:/, `; ${nameA}:`).replace(/(^|; )response_b:/, `$1${nameB}:`) };
  }
  const preference = options.preference === null ? null : ((swap ? -options.preference : options.preference) as -1 | 0 | 1);
  return { row: checked.row, reference: preference === null ? null : { source: options.source, preference: (preference === 0 ? 0 : preference) as -1 | 0 | 1 } };
}
