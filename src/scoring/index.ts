/**
 * The scoring domain as pure functions over typed arrays (no DOM, no DuckDB, no Arrow):
 * normalise → weight (expert, entropy, AHP) → score → tiers, segments, risk warnings, explanations.
 */
export * from './types';
export * from './normalise';
export * from './weights';
export * from './entropy';
export * from './ahp';
export * from './score';
export * from './tiers';
export * from './segments';
export * from './risk-grid';
export * from './explain';
export * from './percentiles';
export * from './rebalance';
export * from './metrics';
export * from './scenarios';
export * from './logistic';
export * from './split';
export * from './suggest';
