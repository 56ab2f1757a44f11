import type { AnnotatorAgreement } from "./types";

/**
 * Plain-language readings of the agreement figures, for people who do not
 * read κ every day. The bands are the published conventions, named as such:
 * Landis & Koch (1977) for κ, Krippendorff (2004) for α.
 */
export function kappaReading(kappa: number | null): string {
  if (kappa === null) return "undefined: not enough shared, varied judgments to compare";
  if (kappa < 0) return "less agreement than chance would give (Landis & Koch: poor)";
  if (kappa <= 0.2) return "slight agreement beyond chance (Landis & Koch)";
  if (kappa <= 0.4) return "fair agreement beyond chance (Landis & Koch)";
  if (kappa <= 0.6) return "moderate agreement beyond chance (Landis & Koch)";
  if (kappa <= 0.8) return "substantial agreement beyond chance (Landis & Koch)";
  return "almost perfect agreement beyond chance (Landis & Koch)";
}

export function alphaReading(alpha: number | null): string {
  if (alpha === null) return "undefined: no item has two values, or every value is the same";
  if (alpha >= 0.8) return "reliable enough to rely on (Krippendorff: α ≥ 0.800)";
  if (alpha >= 0.667) return "enough for tentative conclusions only (Krippendorff: 0.667–0.800)";
  if (alpha > 0) return "too low to rely on (Krippendorff: below 0.667)";
  return "no better than chance: the labels look unrelated";
}

export function percentReading(share: number | null): string {
  if (share === null) return "undefined: no item has two judgments yet";
  return `${Math.round(share * 100)}% of the pairs of judgments on an item pick the same side (A, tie or B), chance included`;
}

/** Side bias worth a look: outside this band, with at least MIN_SIDE_JUDGMENTS judgments. */
export const SIDE_BIAS_BAND = [0.35, 0.65] as const;
export const MIN_SIDE_JUDGMENTS = 20;

export type AnnotatorFlag = { kind: "side_bias" | "low_majority"; text: string };

/**
 * Annotators whose figures stand out: a side bias outside 0.35–0.65 over at
 * least 20 judgments, or agreement with the majority more than two standard
 * deviations below the annotators' mean (needs three annotators with a
 * figure, else there is no spread to speak of). A flag is a reason to look,
 * not a verdict: a hard batch of items can cause either.
 */
export function annotatorFlags(rows: readonly AnnotatorAgreement[]): Map<string, AnnotatorFlag[]> {
  const flags = new Map<string, AnnotatorFlag[]>();
  const add = (annotator: string, flag: AnnotatorFlag) => flags.set(annotator, [...(flags.get(annotator) ?? []), flag]);
  const majority = rows.map((r) => r.majority_agreement).filter((v): v is number => v !== null);
  const mean = majority.reduce((s, v) => s + v, 0) / (majority.length || 1);
  const sd = Math.sqrt(majority.reduce((s, v) => s + (v - mean) ** 2, 0) / (majority.length || 1));
  for (const row of rows) {
    const bias = row.side_bias;
    if (bias !== null && row.judgments >= MIN_SIDE_JUDGMENTS && (bias < SIDE_BIAS_BAND[0] || bias > SIDE_BIAS_BAND[1])) {
      add(row.annotator, { kind: "side_bias", text: `picks the ${bias > 0.5 ? "left" : "right"} response ${Math.round(Math.max(bias, 1 - bias) * 100)}% of the time` });
    }
    const m = row.majority_agreement;
    if (m !== null && majority.length >= 3 && sd > 0 && m < mean - 2 * sd) {
      add(row.annotator, { kind: "low_majority", text: `agrees with the majority ${Math.round(m * 100)}% of the time, more than 2 SD below the mean (${Math.round(mean * 100)}%)` });
    }
  }
  return flags;
}
