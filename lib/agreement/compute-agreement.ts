import { annotatorPairs, meanCohenKappa } from "./cohen-kappa";
import { createJudgmentCollector } from "./collect-judgments";
import { disputedItems } from "./disputed-items";
import { fleissKappaOfTable } from "./fleiss-kappa";
import { krippendorffAlphas } from "./krippendorff";
import { perAnnotator } from "./per-annotator";
import { percentAgreement } from "./percent-agreement";
import { CHOICE_TIE, type AgreementJudgment, type AgreementOptions, type AgreementResult, type JudgmentTable } from "./types";

export const DEFAULT_MIN_PAIR_ITEMS = 10;
export const DEFAULT_DISPUTED_LIMIT = 20;

/**
 * Every agreement figure of docs/formats.md ("Agreement metrics") for a set of judgments. Pure and
 * synchronous; never throws on odd data — undefined figures are null.
 */
export function computeAgreement(judgments: Iterable<AgreementJudgment>, opts: AgreementOptions): AgreementResult {
  const collector = createJudgmentCollector();
  for (const judgment of judgments) collector.add(judgment);
  return computeAgreementFromTable(collector.build(), opts);
}

/** Same as computeAgreement, for callers that streamed into a collector themselves (the CLI). */
export function computeAgreementFromTable(table: JudgmentTable, opts: AgreementOptions): AgreementResult {
  const { itemStart, choice, preference } = table;
  const pairs = annotatorPairs(table);
  const alphas = krippendorffAlphas(table);

  // Values outside −S..S (a wrong --scale, or data from elsewhere) widen the
  // distribution instead of vanishing from it.
  const scale = Number.isInteger(opts.scale) && opts.scale > 0 ? opts.scale : 0;
  const domain = Math.max(scale, table.maxAbsPreference);
  const histogram = new Float64Array(2 * domain + 1);
  let ties = 0;
  for (let k = 0; k < preference.length; k++) {
    histogram[preference[k]! + domain]!++;
    if (choice[k] === CHOICE_TIE) ties++;
  }
  const preferenceDistribution: Record<string, number> = {};
  for (let v = -domain; v <= domain; v++) preferenceDistribution[String(v)] = histogram[v + domain]!;

  let multiple = 0;
  for (let i = 0; i + 1 < itemStart.length; i++) if (itemStart[i + 1]! - itemStart[i]! >= 2) multiple++;

  return {
    items: table.itemIds.length,
    annotators: table.annotatorIds.length,
    judgments: preference.length,
    percent_agreement: percentAgreement(table),
    mean_cohen_kappa: meanCohenKappa(pairs, opts.minPairItems ?? DEFAULT_MIN_PAIR_ITEMS),
    fleiss_kappa: fleissKappaOfTable(table),
    krippendorff_alpha_nominal: alphas.nominal,
    krippendorff_alpha_ordinal: alphas.ordinal,
    krippendorff_alpha_interval: alphas.interval,
    pairs,
    per_annotator: perAnnotator(table),
    preference_distribution: preferenceDistribution,
    tie_rate: preference.length ? ties / preference.length : null,
    disputed_items: disputedItems(table, opts.disputedLimit ?? DEFAULT_DISPUTED_LIMIT),
    items_with_multiple_judgments: multiple,
  };
}
