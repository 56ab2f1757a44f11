import { Prisma } from "@/lib/generated/prisma/client";
import type { IntegritySignalsInput } from "@/lib/validations/integrity";
import { PASTED_RATIONALE, TAB_HIDDEN, TOO_FAST, type IntegrityFlagCode } from "./rules";

/** The signals stored with a judgment: what the screen measured, and the characters there were to read. */
export type IntegritySignals = IntegritySignalsInput & { chars?: number };
/** `Judgment.metadata` (and `CheckAnswer.metadata`): the signals and the per-judgment flags they trip. */
export type IntegrityMetadata = { signals: IntegritySignals; flags: IntegrityFlagCode[] };

/** What a judgment (or a gold / re-check answer) brings: its signals, time on the pair and rationale. */
export type IntegrityInput = { metadata?: IntegritySignalsInput; duration_ms?: number | null; rationale?: string };
/** What there was to read: the texts, or their length in characters. */
export type IntegrityTexts = { prompt: string; responseA: string; responseB: string } | { chars: number };

/** Characters per second above TOO_FAST on a pair long enough to count (a time of 0 is infinitely fast). */
export function isTooFast(chars: number, durationMs: number | null | undefined): boolean {
  if (durationMs == null || chars < TOO_FAST.minChars) return false;
  return chars * 1000 > TOO_FAST.charsPerSecond * durationMs;
}

/** The per-judgment flags that do not need the texts: pasted rationale and hidden tab. */
export function signalFlags(input: IntegrityInput): IntegrityFlagCode[] {
  const flags: IntegrityFlagCode[] = [];
  const signals = input.metadata ?? {};
  const length = [...(input.rationale ?? "")].length;
  const pasted = Math.min(signals.pasted_chars ?? 0, length);
  if (length >= PASTED_RATIONALE.minChars && pasted >= PASTED_RATIONALE.share * length) flags.push("pasted_rationale");
  const hidden = signals.hidden_ms ?? 0;
  const duration = input.duration_ms ?? null;
  if (hidden >= TAB_HIDDEN.minMs && duration !== null && hidden >= TAB_HIDDEN.share * duration) flags.push("tab_hidden");
  return flags;
}

function charsOf(texts: IntegrityTexts): number {
  if ("chars" in texts) return texts.chars;
  return [texts.prompt, texts.responseA, texts.responseB].reduce((sum, text) => sum + [...text].length, 0);
}

/**
 * The metadata to store with a judgment or a gold / re-check answer: the
 * validated signals, the characters there were to read, and every
 * per-judgment flag (rules.ts) they trip, in the rules' order.
 */
export function integrityMetadata(input: IntegrityInput, texts: IntegrityTexts): IntegrityMetadata {
  const chars = charsOf(texts);
  const flags: IntegrityFlagCode[] = isTooFast(chars, input.duration_ms) ? ["too_fast"] : [];
  return { signals: { ...input.metadata, chars }, flags: [...flags, ...signalFlags(input)] };
}

/**
 * The same as integrityMetadata, as a jsonb expression for a statement that
 * reads the texts' length itself (`chars`, an SQL int expression): the
 * submit path stores the metadata in its one statement without reading the
 * item first. Same rule as isTooFast (tested against it).
 */
export function integrityMetadataSql(input: IntegrityInput, chars: Prisma.Sql): Prisma.Sql {
  const signals = JSON.stringify(input.metadata ?? {});
  const flags = JSON.stringify(signalFlags(input));
  const duration = input.duration_ms ?? null;
  return Prisma.sql`jsonb_build_object(
    'signals', ${signals}::jsonb || jsonb_build_object('chars', ${chars}),
    'flags', CASE WHEN ${duration}::int IS NOT NULL AND ${chars} >= ${TOO_FAST.minChars}::int
                   AND (${chars})::bigint * 1000 > ${TOO_FAST.charsPerSecond}::bigint * ${duration}::int
                  THEN '["too_fast"]'::jsonb ELSE '[]'::jsonb END || ${flags}::jsonb)`;
}
