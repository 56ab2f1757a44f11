import { squaremPoint, squaremStepLength } from "./extrapolate-squarem";
import { runEStep } from "./run-e-step";
import { logParamPrior, runMStep, type Smoothing } from "./run-m-step";
import type { DawidSkeneFit, EmInput } from "./types";

export type EmSettings = Smoothing & { maxIterations: number; tolerance: number; accelerate: boolean };

/** Shorter SQUAREM steps tried (each halfway towards plain EM) before taking plain EM's point. */
const BACKTRACKS = 3;

/**
 * EM from the posteriors in `posterior` (taken over, and overwritten):
 * alternate M-steps and E-steps until one EM step gains less than
 * `tolerance` nats per judgment in the objective (log-likelihood + log
 * prior of the parameters, which EM never decreases), or `maxIterations`
 * M-steps have run. With `accelerate`, SQUAREM extrapolates every two EM
 * steps and keeps the extrapolated point only when its objective is at
 * least plain EM's, so the objective still rises at every step.
 */
export function runEm(input: EmInput, posterior: Float64Array, settings: EmSettings): DawidSkeneFit {
  const { maxIterations, tolerance, accelerate } = settings;
  const nItems = input.itemStart.length - 1;
  const size = input.annotatorIds.length * 9 + 3;
  const minGain = tolerance * Math.max(1, input.label.length);
  const scratch = new Float64Array(size);
  let params = new Float64Array(size);
  let iterations = 0;
  let evaluations = 0;
  let logLikelihood = 0;

  const evaluate = (theta: Float64Array): number => {
    evaluations++;
    logLikelihood = runEStep(input, theta, posterior, scratch);
    return logLikelihood + logParamPrior(theta, settings);
  };
  const emStep = (into: Float64Array): number => {
    runMStep(input, posterior, settings, into);
    iterations++;
    return evaluate(into);
  };

  runMStep(input, posterior, settings, params);
  let objective = evaluate(params);
  let converged = nItems === 0;

  let theta1 = new Float64Array(size);
  let theta2 = new Float64Array(size);
  let jumped = new Float64Array(size);
  while (!converged && iterations < maxIterations) {
    const objective1 = emStep(theta1);
    if (objective1 - objective < minGain) {
      [params, theta1] = [theta1, params];
      objective = objective1;
      converged = true;
      break;
    }
    if (!accelerate || iterations >= maxIterations) {
      [params, theta1] = [theta1, params];
      objective = objective1;
      continue;
    }
    const objective2 = emStep(theta2);
    let next = objective2;
    let accepted = false;
    let evaluatedJump = false;
    let alpha = squaremStepLength(params, theta1, theta2);
    for (let tries = 0; alpha !== null && tries <= BACKTRACKS; tries++, alpha = (alpha - 1) / 2) {
      if (!squaremPoint(params, theta1, theta2, alpha, jumped)) continue;
      evaluatedJump = true;
      const objectiveJump = evaluate(jumped);
      if (objectiveJump >= objective2) {
        next = objectiveJump;
        accepted = true;
        break;
      }
    }
    if (accepted) [params, jumped] = [jumped, params];
    else {
      [params, theta2] = [theta2, params];
      // The posteriors must belong to the parameters kept.
      if (evaluatedJump) next = evaluate(params);
    }
    objective = next;
  }

  return { input, params, posterior, iterations, evaluations, converged, logLikelihood, objective };
}
