import { createJudgmentCollector } from "@/lib/agreement/collect-judgments";
import type { JudgmentTable } from "@/lib/agreement/types";
import { choiceOf, type Choice } from "@/lib/scale/preference-scale";
import { NO_GOLD, type EmInput, type GoldLabels, type ReliabilityJudgment } from "./types";

const CODE: Readonly<Record<Choice, number>> = { A: 0, tie: 1, B: 2 };
/** A direction as the smallest preference that has it, so choiceOf gives it back. */
const PREFERENCE_OF: Readonly<Record<Choice, number>> = { A: -1, tie: 0, B: 1 };

/** Direction code (0 A, 1 tie, 2 B) of a direction or a preference; -1 when it is neither. */
export function directionCode(value: Choice | number | null | undefined): number {
  if (typeof value === "number") return Number.isFinite(value) ? CODE[choiceOf(value)] : -1;
  return typeof value === "string" && Object.hasOwn(CODE, value) ? CODE[value] : -1;
}

/**
 * Typed EM input from the agreement code's judgment table (deduplicated,
 * grouped by item; its `choice` column is already the direction code), so
 * the CLI and the server can stream judgments through one collector and
 * compute agreement and reliability from the same table. Gold labels for
 * items nobody judged are ignored: there is nothing there to anchor.
 */
export function emInputFromTable(table: JudgmentTable, gold?: GoldLabels): EmInput {
  const nItems = table.itemIds.length;
  const goldOf = new Int8Array(nItems).fill(NO_GOLD);
  let goldItems = 0;
  if (gold && nItems > 0) {
    const index = new Map<string, number>();
    table.itemIds.forEach((id, i) => index.set(id, i));
    for (const [itemId, value] of gold) {
      const i = index.get(itemId);
      const code = directionCode(value);
      if (i === undefined || code < 0) continue;
      if (goldOf[i] === NO_GOLD) goldItems++;
      goldOf[i] = code;
    }
  }
  return {
    itemIds: table.itemIds,
    annotatorIds: table.annotatorIds,
    itemStart: table.itemStart,
    annotator: table.annotator,
    label: table.choice,
    gold: goldOf,
    goldItems,
  };
}

/**
 * EM input from judgments: one per (item, annotator), the latest by
 * createdAt (else the last given) as in agreement; a judgment with neither a
 * valid direction nor an integer preference is skipped, never guessed.
 */
export function prepareEmInput(judgments: Iterable<ReliabilityJudgment>, gold?: GoldLabels): EmInput {
  const collector = createJudgmentCollector();
  for (const j of judgments) {
    const preference = j.direction != null
      ? (Object.hasOwn(PREFERENCE_OF, j.direction) ? PREFERENCE_OF[j.direction] : Number.NaN)
      : (j.preference ?? Number.NaN);
    collector.add({ itemId: j.itemId, annotator: j.annotatorId, preference, createdAt: j.createdAt });
  }
  return emInputFromTable(collector.build(), gold);
}
