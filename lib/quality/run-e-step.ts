import { NO_GOLD, type DawidSkeneParams, type EmInput } from "./types";

/**
 * E-step: each item's posterior over the true direction given the current
 * confusion matrices and prior, written into `posterior` (nItems × 3).
 * Returns the log-likelihood of all labels under `params`: an item without
 * gold adds log Σ_t prior_t Π_j π_j[t][label_j]; a gold item is observed at
 * its gold class g and adds log prior_g + Σ_j log π_j[g][label_j], and its
 * posterior is clamped to g.
 *
 * One pass over the judgments (three additions each) plus three exp per
 * item, in log space so long items never underflow. `logParams` is scratch
 * space of params.length.
 */
export function runEStep(input: EmInput, params: DawidSkeneParams, posterior: Float64Array, logParams: Float64Array): number {
  const { itemStart, annotator, label, gold } = input;
  for (let p = 0; p < params.length; p++) logParams[p] = Math.log(params[p]!);
  const priorAt = params.length - 3;
  const logPriorA = logParams[priorAt]!;
  const logPriorTie = logParams[priorAt + 1]!;
  const logPriorB = logParams[priorAt + 2]!;
  const nItems = itemStart.length - 1;
  let logLikelihood = 0;
  for (let i = 0; i < nItems; i++) {
    let sA = logPriorA;
    let sTie = logPriorTie;
    let sB = logPriorB;
    const to = itemStart[i + 1]!;
    for (let n = itemStart[i]!; n < to; n++) {
      const cell = annotator[n]! * 9 + label[n]!;
      sA += logParams[cell]!;
      sTie += logParams[cell + 3]!;
      sB += logParams[cell + 6]!;
    }
    const at = i * 3;
    const g = gold[i]!;
    if (g !== NO_GOLD) {
      logLikelihood += g === 0 ? sA : g === 1 ? sTie : sB;
      posterior[at] = g === 0 ? 1 : 0;
      posterior[at + 1] = g === 1 ? 1 : 0;
      posterior[at + 2] = g === 2 ? 1 : 0;
      continue;
    }
    const max = sA > sTie ? (sA > sB ? sA : sB) : sTie > sB ? sTie : sB;
    const eA = Math.exp(sA - max);
    const eTie = Math.exp(sTie - max);
    const eB = Math.exp(sB - max);
    const total = eA + eTie + eB;
    logLikelihood += max + Math.log(total);
    posterior[at] = eA / total;
    posterior[at + 1] = eTie / total;
    posterior[at + 2] = eB / total;
  }
  return logLikelihood;
}
