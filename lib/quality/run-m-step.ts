import { NO_GOLD, type DawidSkeneParams, type EmInput } from "./types";

/** Pseudo-counts: `smoothing` on every cell and class, plus `diagonal` on each confusion matrix's diagonal. */
export type Smoothing = { smoothing: number; diagonal: number };

/**
 * M-step: confusion matrices and class prior that maximise the expected
 * complete-data log-likelihood plus a Dirichlet log prior, given the item
 * posteriors: every cell starts at its pseudo-count (s, or s + d on the
 * diagonal), each judgment adds its item's posterior to row t of its
 * annotator's matrix (column = the label given), rows are normalised. With
 * s > 0 no cell is ever 0, so an annotator with one judgment gets a matrix
 * that is mostly the prior's. One pass over the judgments, into `params`.
 */
export function runMStep(input: EmInput, posterior: Float64Array, pseudo: Smoothing, params: DawidSkeneParams): void {
  const { itemStart, annotator, label } = input;
  params.fill(pseudo.smoothing);
  const priorAt = params.length - 3;
  for (let cell = 0; cell < priorAt; cell += 9) {
    params[cell]! += pseudo.diagonal;
    params[cell + 4]! += pseudo.diagonal;
    params[cell + 8]! += pseudo.diagonal;
  }
  const nItems = itemStart.length - 1;
  for (let i = 0; i < nItems; i++) {
    const at = i * 3;
    const pA = posterior[at]!;
    const pTie = posterior[at + 1]!;
    const pB = posterior[at + 2]!;
    params[priorAt]! += pA;
    params[priorAt + 1]! += pTie;
    params[priorAt + 2]! += pB;
    const to = itemStart[i + 1]!;
    for (let n = itemStart[i]!; n < to; n++) {
      const cell = annotator[n]! * 9 + label[n]!;
      params[cell]! += pA;
      params[cell + 3]! += pTie;
      params[cell + 6]! += pB;
    }
  }
  normaliseRows(params);
}

/** Every 3-wide row of params to sum 1; a row of zeros (smoothing 0, no data) becomes uniform. */
export function normaliseRows(params: DawidSkeneParams): void {
  for (let r = 0; r < params.length; r += 3) {
    const total = params[r]! + params[r + 1]! + params[r + 2]!;
    if (total > 0) {
      params[r]! /= total;
      params[r + 1]! /= total;
      params[r + 2]! /= total;
    } else {
      params[r] = params[r + 1] = params[r + 2] = 1 / 3;
    }
  }
}

/** Σ pseudo-count · log θ over every cell: the log Dirichlet prior of params, up to a constant. */
export function logParamPrior(params: DawidSkeneParams, pseudo: Smoothing): number {
  let sum = 0;
  let diagonal = 0;
  const priorAt = params.length - 3;
  for (let p = 0; p < params.length; p++) sum += Math.log(params[p]!);
  for (let cell = 0; cell < priorAt; cell += 9) diagonal += Math.log(params[cell]!) + Math.log(params[cell + 4]!) + Math.log(params[cell + 8]!);
  return pseudo.smoothing * sum + pseudo.diagonal * diagonal;
}

/**
 * The starting posteriors: each item's share of votes per direction (a soft
 * majority vote), gold items clamped to their gold. Starting from the
 * majority keeps EM on the solution where labels mean what they say (the
 * model is symmetric under relabelling the classes).
 */
export function majorityPosterior(input: EmInput, posterior: Float64Array): void {
  const { itemStart, label, gold } = input;
  posterior.fill(0);
  const nItems = itemStart.length - 1;
  for (let i = 0; i < nItems; i++) {
    const at = i * 3;
    const g = gold[i]!;
    if (g !== NO_GOLD) {
      posterior[at + g] = 1;
      continue;
    }
    const from = itemStart[i]!;
    const to = itemStart[i + 1]!;
    for (let n = from; n < to; n++) posterior[at + label[n]!]! += 1 / (to - from);
  }
}

/**
 * The gold-only start: gold items one-hot, every other item without weight,
 * so the first M-step reads each annotator's confusion matrix from their
 * gold items alone (the smoothing for annotators with none).
 */
export function goldPosterior(input: EmInput, posterior: Float64Array): void {
  const { gold } = input;
  posterior.fill(0);
  for (let i = 0; i < gold.length; i++) if (gold[i] !== NO_GOLD) posterior[i * 3 + gold[i]!] = 1;
}
