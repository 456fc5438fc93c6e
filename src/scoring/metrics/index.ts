/**
 * Validation metrics against outcomes (DOMAIN.md, "Evaluating a model"): pure functions over
 * aligned typed arrays, the event a Uint8Array with 1 = event (any other code counts as a
 * non-event). Rows with an unknown outcome are
 * the caller's to drop; NaN scores are excluded (and counted where a result has room for it).
 * The exact conventions are exported (conventions.ts) so the UI and the docs state them.
 */
export * from './conventions';
export * from './roc';
export * from './ks';
export * from './groups';
export * from './lift';
export * from './conversion';
export * from './calibration';
export * from './psi';
export * from './iv';
export * from './score-metrics';
