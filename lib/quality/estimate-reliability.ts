import { fitDawidSkene } from "./fit-dawid-skene";
import { prepareEmInput } from "./prepare-em-input";
import { summarizeReliability } from "./read-consensus";
import type { DawidSkeneFit, DawidSkeneOptions, GoldLabels, ReliabilityJudgment, ReliabilityResult } from "./types";

/**
 * Judgments (and gold labels) in, the fitted model and its per-annotator
 * summary out. Pure: the caller reads the project's judgments and stores
 * or shows the result (views should read a stored result, not refit per request).
 */
export function estimateReliability(
  judgments: Iterable<ReliabilityJudgment>,
  options: DawidSkeneOptions & { gold?: GoldLabels } = {},
): { fit: DawidSkeneFit; result: ReliabilityResult } {
  const fit = fitDawidSkene(prepareEmInput(judgments, options.gold), options);
  return { fit, result: summarizeReliability(fit) };
}
