/** One judgment as the agreement code sees it (camelCase: this is a TS input, not a file format). */
export type AgreementJudgment = {
  itemId: string;
  annotator: string;
  /** Integer in −S..S: negative favours A, positive B, 0 is a tie. */
  preference: number;
  /** false: A was shown on the left; true: B was; null/undefined: unknown. */
  shownSwapped?: boolean | null;
  durationMs?: number | null;
  createdAt?: Date | string | null;
};

export type AgreementOptions = {
  scale: number;
  /** Pairs of annotators sharing fewer items are left out of mean_cohen_kappa. */
  minPairItems?: number;
  disputedLimit?: number;
};

export type AnnotatorPair = { a: string; b: string; n: number; cohen_kappa: number | null };

export type AnnotatorAgreement = {
  annotator: string;
  judgments: number;
  majority_agreement: number | null;
  side_bias: number | null;
  median_duration_ms: number | null;
  tie_rate: number | null;
  mean_preference: number | null;
};

export type DisputedItem = {
  item_id: string;
  n: number;
  percent_agreement: number;
  preferences: number[];
};

/** snake_case: this object is printed by the CLI and stored in data cards as is. */
export type AgreementResult = {
  items: number;
  annotators: number;
  judgments: number;
  percent_agreement: number | null;
  mean_cohen_kappa: number | null;
  fleiss_kappa: number | null;
  krippendorff_alpha_nominal: number | null;
  krippendorff_alpha_ordinal: number | null;
  krippendorff_alpha_interval: number | null;
  pairs: AnnotatorPair[];
  per_annotator: AnnotatorAgreement[];
  preference_distribution: Record<string, number>;
  tie_rate: number | null;
  disputed_items: DisputedItem[];
  items_with_multiple_judgments: number;
};

/** Choice codes: sign(preference) + 1, so they index 3-wide count arrays directly. */
export const CHOICE_A = 0;
export const CHOICE_TIE = 1;
export const CHOICE_B = 2;

/**
 * Deduplicated judgments in columns, grouped by item: the judgments of item i
 * sit at positions itemStart[i] .. itemStart[i + 1] - 1. Every metric reads
 * this one layout so no metric allocates per judgment.
 */
export type JudgmentTable = {
  itemIds: readonly string[];
  annotatorIds: readonly string[];
  itemStart: Int32Array;
  annotator: Int32Array;
  preference: Int32Array;
  choice: Uint8Array;
  /** 0: A shown left, 1: B shown left, 2: unknown. */
  swapped: Uint8Array;
  /** NaN when unknown. */
  durationMs: Float64Array;
  /** Largest |preference| kept, so callers can size value domains. */
  maxAbsPreference: number;
};

export const SWAP_UNKNOWN = 2;
