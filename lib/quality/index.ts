// Annotator reliability (Dawid–Skene over directions). Pure computation: no database, no Node APIs.
export { estimateReliability } from "./estimate-reliability";
export { fitDawidSkene, DEFAULT_MAX_ITERATIONS, DEFAULT_SMOOTHING, DEFAULT_TOLERANCE } from "./fit-dawid-skene";
export { directionCode, emInputFromTable, prepareEmInput } from "./prepare-em-input";
export { consensusCode, consensusColumn, DIRECTIONS, itemConsensus, summarizeReliability } from "./read-consensus";
export { simulateCampaign } from "./simulate-campaign";
export type * from "./types";
export { NO_GOLD } from "./types";
