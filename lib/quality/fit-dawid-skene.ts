import { runEm, type EmSettings } from "./run-em";
import { goldPosterior, majorityPosterior } from "./run-m-step";
import type { DawidSkeneFit, DawidSkeneOptions, EmInput } from "./types";

export const DEFAULT_SMOOTHING = 1;
export const DEFAULT_DIAGONAL = 1;
export const DEFAULT_MAX_ITERATIONS = 200;
export const DEFAULT_TOLERANCE = 1e-7;

function checkOptions(options: DawidSkeneOptions): EmSettings {
  const smoothing = options.smoothing ?? DEFAULT_SMOOTHING;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const diagonal = options.diagonal ?? DEFAULT_DIAGONAL;
  if (!(Number.isFinite(smoothing) && smoothing > 0)) throw new RangeError(`smoothing must be a positive number (got ${smoothing})`);
  if (!(Number.isFinite(diagonal) && diagonal >= 0)) throw new RangeError(`diagonal must be a number ≥ 0 (got ${diagonal})`);
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new RangeError(`maxIterations must be a positive integer (got ${maxIterations})`);
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) throw new RangeError(`tolerance must be a number ≥ 0 (got ${tolerance})`);
  return { smoothing, diagonal, maxIterations, tolerance, accelerate: options.accelerate ?? true };
}

/**
 * Dawid–Skene (1979) over directions, fitted by EM (MAP with add-s
 * smoothing) from the soft majority vote. Gold items anchor it twice: their
 * posteriors are clamped to the gold direction, and a second EM run starts
 * from the confusion matrices the gold items alone give, so a campaign where
 * most annotators are systematically wrong (the majority reads the scale
 * backwards) is not stuck where the majority starts it; the run with the
 * higher objective is kept (the majority start on a tie).
 *
 * Deterministic (no randomness; sums in input order) and linear in the
 * judgments per step; memory is a few typed arrays of the item count plus
 * 9 numbers per annotator.
 */
export function fitDawidSkene(input: EmInput, options: DawidSkeneOptions = {}): DawidSkeneFit {
  const settings = checkOptions(options);
  const nItems = input.itemStart.length - 1;
  const posterior = new Float64Array(nItems * 3);
  majorityPosterior(input, posterior);
  const fromMajority = runEm(input, posterior, settings);
  if (input.goldItems === 0) return fromMajority;
  const other = new Float64Array(nItems * 3);
  goldPosterior(input, other);
  const fromGold = runEm(input, other, settings);
  const kept = fromGold.objective > fromMajority.objective ? fromGold : fromMajority;
  return {
    ...kept,
    iterations: fromMajority.iterations + fromGold.iterations,
    evaluations: fromMajority.evaluations + fromGold.evaluations,
  };
}
