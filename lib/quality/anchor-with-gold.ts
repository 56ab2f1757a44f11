import type { JudgmentTable } from "@/lib/agreement/types";
import { directionCode } from "./prepare-em-input";
import { NO_GOLD, type EmInput } from "./types";

/** One answer to a gold item: who, what (a preference in the item's A/B terms), and the item's gold label. */
export type GoldObservation = { itemId: string; annotator: string; preference: number; goldPreference: number };

/**
 * The EM input of a project: the real items' judgments (the agreement
 * table, which holds no gold item) followed by the gold items, each with the
 * answers annotators gave it and its posterior clamped to the gold label.
 * The gold answers are extra observations on items whose truth is known, so
 * they pin each annotator's confusion matrix without ever entering the
 * agreement figures (the table is left as it is). One answer per (item,
 * annotator): the first given (observations in answer order); answers
 * without a valid direction, or to an item without a valid gold label, are
 * skipped. Gold items' ids must not be among the table's.
 */
export function anchorWithGold(table: JudgmentTable, observations: Iterable<GoldObservation>): EmInput {
  const annotatorIds = [...table.annotatorIds];
  const annotatorIndex = new Map<string, number>();
  annotatorIds.forEach((id, a) => annotatorIndex.set(id, a));
  const byItem = new Map<string, { gold: number; answers: Map<number, number> }>();
  for (const o of observations) {
    const label = directionCode(o.preference);
    const gold = directionCode(o.goldPreference);
    if (label < 0 || gold < 0 || !Number.isInteger(o.preference)) continue;
    let a = annotatorIndex.get(o.annotator);
    if (a === undefined) {
      a = annotatorIds.length;
      annotatorIndex.set(o.annotator, a);
      annotatorIds.push(o.annotator);
    }
    let entry = byItem.get(o.itemId);
    if (!entry) byItem.set(o.itemId, (entry = { gold, answers: new Map() }));
    if (!entry.answers.has(a)) entry.answers.set(a, label);
  }

  const realItems = table.itemIds.length;
  const realJudgments = table.annotator.length;
  let extra = 0;
  for (const entry of byItem.values()) extra += entry.answers.size;
  const nItems = realItems + byItem.size;
  const itemStart = new Int32Array(nItems + 1);
  itemStart.set(table.itemStart);
  const annotator = new Int32Array(realJudgments + extra);
  annotator.set(table.annotator);
  const label = new Uint8Array(realJudgments + extra);
  label.set(table.choice);
  const gold = new Int8Array(nItems).fill(NO_GOLD);
  const itemIds = [...table.itemIds];
  let n = realJudgments;
  let i = realItems;
  for (const [itemId, entry] of byItem) {
    itemIds.push(itemId);
    gold[i] = entry.gold;
    for (const [a, l] of entry.answers) {
      annotator[n] = a;
      label[n] = l;
      n++;
    }
    itemStart[++i] = n;
  }
  return { itemIds, annotatorIds, itemStart, annotator, label, gold, goldItems: byItem.size };
}
