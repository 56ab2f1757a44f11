/**
 * Every integrity flag: its code, its thresholds and the one sentence a lead
 * reads. The only place thresholds live: the submit path, the per-annotator
 * summary, the docs (docs/formats.md, "Integrity signals", checked against
 * this file by lib/quality/integrity/rules.test.ts) all read them from here.
 *
 * A flag is a reason to look, never a verdict: nothing is refused or dropped
 * because of one.
 */

/**
 * Reading speed. Careful silent reading of English non-fiction averages about
 * 238 words a minute (Brysbaert 2019, a meta-analysis of 190 studies;
 * 200–300 for most adults), and comprehension collapses well before 1,000
 * words a minute (Rayner et al. 2016, on speed reading). An English word is
 * about 6 characters with its space and punctuation, so careful reading is
 * ~25 characters a second; the flag fires at 4× that, 100 characters a
 * second (≈ 1,000 words a minute), which no one reaches while reading two
 * responses and the prompt. Pairs shorter than `minChars` are left alone:
 * those can be taken in at a glance.
 */
export const TOO_FAST = { charsPerSecond: 100, minChars: 300 } as const;

/** Most of the rationale was pasted: pasted characters ≥ `share` of a rationale of at least `minChars`. */
export const PASTED_RATIONALE = { share: 0.5, minChars: 20 } as const;

/** The tab or window was hidden for at least `share` of the time on the pair, and at least `minMs`. */
export const TAB_HIDDEN = { share: 0.5, minMs: 5_000 } as const;

/**
 * Rationales of at least `minChars` (after normalizing: lower case, letters
 * and digits only, single spaces) that are equal, or whose character-trigram
 * Jaccard similarity is at least `jaccard`, on different items or from
 * different annotators.
 */
export const DUPLICATE_RATIONALE = { minChars: 40, jaccard: 0.8 } as const;

/**
 * The same side (left or right on screen) in at least `share` of an
 * annotator's non-tie judgments, over at least `minJudgments`. Sides are
 * shuffled per assignment, so an honest annotator is near 50%; 18 or more
 * of 20 on one side happens by chance with probability ≈ 0.0004.
 */
export const CONSTANT_SIDE = { share: 0.9, minJudgments: 20 } as const;

/** The same answer on screen (the same scale key) in at least `share` of an annotator's judgments, over at least `minJudgments`. */
export const CONSTANT_KEY = { share: 0.9, minJudgments: 20 } as const;

export type IntegrityFlagCode = "too_fast" | "pasted_rationale" | "tab_hidden" | "duplicate_rationale" | "constant_side" | "constant_key";

export type IntegrityRule = {
  code: IntegrityFlagCode;
  /** judgment: computed at submit and stored in Judgment.metadata.flags; annotator: computed by summarizeIntegrity over all their judgments. */
  scope: "judgment" | "annotator";
  /** The threshold in words, as the docs print it. */
  threshold: string;
  /** What a lead reads. */
  sentence: string;
};

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** The flags, in the order the docs and the quality page list them. */
export const INTEGRITY_RULES: readonly IntegrityRule[] = [
  {
    code: "too_fast",
    scope: "judgment",
    threshold: `more than ${TOO_FAST.charsPerSecond} characters a second of prompt and both responses, on pairs of at least ${TOO_FAST.minChars} characters`,
    sentence: `Judged faster than anyone can read: more than ${TOO_FAST.charsPerSecond} characters a second (about 1,000 words a minute, four times careful reading speed).`,
  },
  {
    code: "pasted_rationale",
    scope: "judgment",
    threshold: `pasted characters at least ${pct(PASTED_RATIONALE.share)} of a rationale of at least ${PASTED_RATIONALE.minChars} characters`,
    sentence: "Most of the rationale was pasted in rather than typed, so it may have been written by someone or something else.",
  },
  {
    code: "tab_hidden",
    scope: "judgment",
    threshold: `tab hidden for at least ${pct(TAB_HIDDEN.share)} of the time on the pair and at least ${TAB_HIDDEN.minMs / 1000} seconds`,
    sentence: "The page was hidden (another tab or window) for most of the time the pair was on screen.",
  },
  {
    code: "duplicate_rationale",
    scope: "annotator",
    threshold: `rationales of at least ${DUPLICATE_RATIONALE.minChars} characters equal, or with trigram Jaccard similarity ≥ ${DUPLICATE_RATIONALE.jaccard}, on another item or from another annotator`,
    sentence: "The same or nearly the same rationale appears on other items or from other annotators, so it may be copied or templated.",
  },
  {
    code: "constant_side",
    scope: "annotator",
    threshold: `the same side on screen in at least ${pct(CONSTANT_SIDE.share)} of non-tie judgments, over at least ${CONSTANT_SIDE.minJudgments}`,
    sentence: "Almost always chose the same side of the screen, although the sides are shuffled: the answers may not depend on the responses.",
  },
  {
    code: "constant_key",
    scope: "annotator",
    threshold: `the same answer on screen in at least ${pct(CONSTANT_KEY.share)} of judgments, over at least ${CONSTANT_KEY.minJudgments}`,
    sentence: "Almost always gave the very same answer (the same key), whatever the pair: the answers may not depend on the responses.",
  },
];

const BY_CODE = new Map(INTEGRITY_RULES.map((rule) => [rule.code, rule]));

/** The sentence for a flag code; an unknown code (from an import or an older version) is described as such. */
export function flagSentence(code: string): string {
  return BY_CODE.get(code as IntegrityFlagCode)?.sentence ?? `Flag "${code}" (not a flag this version of Pairwise knows).`;
}

/** The order flags are listed in: the rules' order, unknown codes last. */
export function flagOrder(code: string): number {
  const index = INTEGRITY_RULES.findIndex((rule) => rule.code === code);
  return index < 0 ? INTEGRITY_RULES.length : index;
}
