import type { Choice } from "@/lib/scale/preference-scale";

/**
 * One judgment as the reliability model reads it (a TS input, camelCase).
 * The direction is `direction` when given, else derived from `preference`
 * with choiceOf (negative A, positive B, 0 tie), as everywhere in lib/.
 */
export type ReliabilityJudgment = {
  itemId: string;
  annotatorId: string;
  direction?: Choice | null;
  preference?: number | null;
  /** Only used to keep the latest judgment when an (item, annotator) pair repeats. */
  createdAt?: Date | string | null;
};

/** Gold labels by item id: a direction, or a gold_preference (−S..S) read through choiceOf. */
export type GoldLabels = ReadonlyMap<string, Choice | number> | Iterable<readonly [string, Choice | number]>;

/** No gold label for this item (EmInput.gold). */
export const NO_GOLD = -1;

/**
 * The judgments in typed columns, grouped by item: item i's judgments sit at
 * itemStart[i] .. itemStart[i + 1] - 1. Labels are direction codes
 * (CHOICE_A 0, CHOICE_TIE 1, CHOICE_B 2, as in lib/agreement).
 */
export type EmInput = {
  itemIds: readonly string[];
  annotatorIds: readonly string[];
  itemStart: Int32Array;
  annotator: Int32Array;
  label: Uint8Array;
  /** Per item: the gold direction code, or NO_GOLD. */
  gold: Int8Array;
  goldItems: number;
};

export type DawidSkeneOptions = {
  /**
   * Pseudo-count added to every cell of every confusion row and to every
   * class of the prior (add-s smoothing; MAP under a Dirichlet(1 + s) prior).
   * Default 1 (Laplace).
   */
  smoothing?: number;
  /**
   * Extra pseudo-count on each confusion matrix's diagonal: the prior belief
   * that an annotator is right more often than not. Keeps the fit anchored
   * where each item has a single label (nothing to compare), and pulls an
   * annotator with few judgments towards a modest, not random, reliability.
   * Default 1 (a row of no data reads 1/2 right, 1/4 each wrong).
   */
  diagonal?: number;
  /** Default 200. */
  maxIterations?: number;
  /** Stop when the objective gains less than this many nats per judgment. Default 1e-7. */
  tolerance?: number;
  /** SQUAREM extrapolation between EM steps (same fixed point, fewer passes). Default true. */
  accelerate?: boolean;
};

/**
 * Model parameters in one vector: per annotator a 3×3 confusion matrix,
 * row = true direction, column = label given, rows summing to 1
 * (params[a*9 + t*3 + l]), then the class prior (3 values) at nAnnotators*9.
 */
export type DawidSkeneParams = Float64Array;

export type DawidSkeneFit = {
  input: EmInput;
  params: DawidSkeneParams;
  /** Per item the posterior over (A, tie, B) at posterior[i*3 + c]; gold items are one-hot. */
  posterior: Float64Array;
  /** M-steps run (EM steps, SQUAREM's included). */
  iterations: number;
  /** E-steps run (SQUAREM evaluates its extrapolated points too). */
  evaluations: number;
  converged: boolean;
  /** Log-likelihood of the labels (gold items at their gold class). */
  logLikelihood: number;
  /** logLikelihood plus the log Dirichlet prior of the parameters: what EM maximises. */
  objective: number;
};

/** snake_case: this object goes to the quality page, REST, the CLI and data cards as is. */
export type AnnotatorReliability = {
  annotator: string;
  judgments: number;
  /** confusion[true][given], directions in the order A, tie, B. */
  confusion: number[][];
  /** Σ_t prior_t · confusion[t][t]: the chance a label of theirs is right on an item drawn from the project. */
  reliability: number;
  /** (reliability − chance) / (1 − chance), chance = agreement of their label mix with the prior: 0 for random or one-sided answers. */
  informativeness: number;
};

export type ReliabilityResult = {
  items: number;
  annotators: number;
  judgments: number;
  gold_items: number;
  iterations: number;
  converged: boolean;
  log_likelihood: number;
  prior: { A: number; tie: number; B: number };
  per_annotator: AnnotatorReliability[];
};

export type ItemConsensus = {
  item_id: string;
  posterior: { A: number; tie: number; B: number };
  consensus: Choice;
  /** Posterior probability of the consensus direction. */
  p_consensus: number;
  gold: Choice | null;
};
