// Pure metric code, safe to import anywhere. read-jsonl.ts (node:readline) is imported
// directly by the CLI so that importing this index never pulls Node streams into a bundle.
export { computeAgreement, computeAgreementFromTable, DEFAULT_DISPUTED_LIMIT, DEFAULT_MIN_PAIR_ITEMS } from "./compute-agreement";
export { createJudgmentCollector, type JudgmentCollector } from "./collect-judgments";
export { cohenKappa, cohenKappaOfLabels, annotatorPairs, meanCohenKappa } from "./cohen-kappa";
export { fleissKappa, fleissKappaOfTable } from "./fleiss-kappa";
export { krippendorffAlpha, krippendorffAlphas, alphaFromCoincidences, type AlphaLevel } from "./krippendorff";
export { itemPercentAgreement, percentAgreement } from "./percent-agreement";
export { perAnnotator, uniqueMajority } from "./per-annotator";
export { disputedItems } from "./disputed-items";
export type * from "./types";
