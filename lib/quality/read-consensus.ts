import type { Choice } from "@/lib/scale/preference-scale";
import { NO_GOLD, type AnnotatorReliability, type DawidSkeneFit, type ItemConsensus, type ReliabilityResult } from "./types";

export const DIRECTIONS: readonly Choice[] = ["A", "tie", "B"];

/**
 * The consensus direction code of a posterior (A 0, tie 1, B 2): the most
 * probable direction; when A and B are equally probable and above tie, a
 * tie (the model cannot tell the sides apart), as a mean preference of 0
 * is a tie in the majority consensus.
 */
export function consensusCode(pA: number, pTie: number, pB: number): number {
  if (pA === pB) return 1;
  if (pA > pB) return pA > pTie ? 0 : 1;
  return pB > pTie ? 2 : 1;
}

/** Consensus code per item, as a typed column (for exports over many items). */
export function consensusColumn(fit: DawidSkeneFit): Uint8Array {
  const nItems = fit.input.itemIds.length;
  const out = new Uint8Array(nItems);
  const q = fit.posterior;
  for (let i = 0; i < nItems; i++) out[i] = consensusCode(q[i * 3]!, q[i * 3 + 1]!, q[i * 3 + 2]!);
  return out;
}

/** Item i (index into fit.input.itemIds) as a plain object. */
export function itemConsensus(fit: DawidSkeneFit, i: number): ItemConsensus {
  const q = fit.posterior;
  const pA = q[i * 3]!;
  const pTie = q[i * 3 + 1]!;
  const pB = q[i * 3 + 2]!;
  const code = consensusCode(pA, pTie, pB);
  const g = fit.input.gold[i]!;
  return {
    item_id: fit.input.itemIds[i]!,
    posterior: { A: pA, tie: pTie, B: pB },
    consensus: DIRECTIONS[code]!,
    p_consensus: code === 0 ? pA : code === 1 ? pTie : pB,
    gold: g === NO_GOLD ? null : DIRECTIONS[g]!,
  };
}

/**
 * Per annotator: the confusion matrix, reliability = Σ_t prior_t π[t][t]
 * (the probability that one of their labels is right on an item drawn from
 * the project's mix of directions) and informativeness = (reliability −
 * chance) / (1 − chance), where chance = Σ_t prior_t q_t and q_l =
 * Σ_t prior_t π[t][l] is their own label mix: 0 for someone answering at
 * random or always the same side, 1 for a perfect annotator.
 */
export function summarizeReliability(fit: DawidSkeneFit): ReliabilityResult {
  const { input, params } = fit;
  const m = input.annotatorIds.length;
  const priorAt = m * 9;
  const prior = [params[priorAt]!, params[priorAt + 1]!, params[priorAt + 2]!];
  const counts = new Int32Array(m);
  for (let n = 0; n < input.annotator.length; n++) counts[input.annotator[n]!]!++;
  const perAnnotator: AnnotatorReliability[] = [];
  for (let a = 0; a < m; a++) {
    const confusion = [0, 1, 2].map((t) => [0, 1, 2].map((l) => params[a * 9 + t * 3 + l]!));
    let reliability = 0;
    let chance = 0;
    for (let t = 0; t < 3; t++) {
      reliability += prior[t]! * confusion[t]![t]!;
      let labelShare = 0;
      for (let s = 0; s < 3; s++) labelShare += prior[s]! * confusion[s]![t]!;
      chance += prior[t]! * labelShare;
    }
    const informativeness = chance < 1 ? (reliability - chance) / (1 - chance) : 0;
    perAnnotator.push({ annotator: input.annotatorIds[a]!, judgments: counts[a]!, confusion, reliability, informativeness });
  }
  perAnnotator.sort((x, y) => (x.annotator < y.annotator ? -1 : x.annotator > y.annotator ? 1 : 0));
  return {
    items: input.itemIds.length,
    annotators: m,
    judgments: input.label.length,
    gold_items: input.goldItems,
    iterations: fit.iterations,
    converged: fit.converged,
    log_likelihood: fit.logLikelihood,
    prior: { A: prior[0]!, tie: prior[1]!, B: prior[2]! },
    per_annotator: perAnnotator,
  };
}
