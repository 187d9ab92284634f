/**
 * @weatherlearn/evaluate — forecast verification for gridded, partly observed fields: coverage
 * masks, latitude weights, streaming metric sums (RMSE, MAE, bias, ACC, skill), persistence and
 * climatology baselines and WeatherBench-style scorecards. Model-agnostic: plain Float32Arrays in,
 * numbers out. This index only re-exports.
 */
// Coverage masks: which cells are observed.
export { maskRuleFor, observedMask, COVERAGE_CHANNELS } from './mask.js';
export type { MaskRule } from './mask.js';

// Area weights (latitude or uniform).
export { latitudeWeights, uniformWeights } from './weights.js';

// Streaming metric sums: RMSE, MAE, bias, ACC, skill.
export { accumulateFrame, skillScore, MetricSums } from './metrics.js';
export type { ForecastMetrics, ScoreFrame } from './metrics.js';

// Baselines: climatology, persistence.
export { ClimatologyAccumulator, Climatology } from './climatology.js';
export type { ClimatologyOptions } from './climatology.js';
export { parseBaselines, persistenceForecast, BASELINES } from './baselines.js';
export type { BaselineName } from './baselines.js';

// WeatherBench-style scorecards (accumulate, CSV write/parse).
export { scorecardToCsv, parseScorecard, ScorecardAccumulator, SCORECARD_COLUMNS } from './scorecard.js';
export type { ScorecardRow, Scorecard } from './scorecard.js';
