export { computeBias, featureFigures, biasBins, FEATURE_UNIT, MIN_FIT_JUDGMENTS } from "./compute-bias";
export type { BiasBin, BiasFigures, BiasReport, FeatureBias, PositionBias } from "./compute-bias";
export { getProjectBias, type ProjectBias } from "./project-bias";
export { styleFeatures, STYLE_FEATURES, type StyleFeature, type StyleFeatures } from "./style-features";
export { sideTallies } from "./position";
export { wilson, fitLogistic, sigmoid } from "./stats";
