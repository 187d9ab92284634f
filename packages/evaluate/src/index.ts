/**
 * @weatherlearn/evaluate — forecast verification for gridded, partly observed fields: coverage
 * masks, latitude weights, streaming metric sums (RMSE, MAE, bias, ACC, skill), persistence and
 * climatology baselines and WeatherBench-style scorecards. Model-agnostic: plain Float32Arrays in,
 * numbers out. This index only re-exports.
 */
export * from './mask.js';
export * from './weights.js';
export * from './metrics.js';
export * from './climatology.js';
export * from './baselines.js';
export * from './scorecard.js';
