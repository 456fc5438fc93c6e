import { describe, expect, it } from 'vitest';
import { scoringLibrary } from '../../../src/runtime/ts/scoring-library';
import * as metrics from '../../../src/scoring/metrics';

/** TypeScript cells see the metrics as `scoring.roc(...)` etc.: the same functions, not copies. */
describe('metrics in the TypeScript cells\' scoring library', () => {
  it('exposes every metric function and constant under its own name', () => {
    const library = scoringLibrary as Readonly<Record<string, unknown>>;
    for (const [name, value] of Object.entries(metrics)) expect(library[name], name).toBe(value);
    for (const name of ['roc', 'ks', 'liftTable', 'decileOf', 'conversionByTier', 'calibration', 'psi', 'psiEdges', 'psiFromQuantiles', 'informationValue']) {
      expect(typeof library[name], name).toBe('function');
    }
  });

  it('states every convention in English and Chinese', () => {
    for (const [name, text] of Object.entries(metrics.METRIC_CONVENTIONS)) {
      expect(text.en.length, name).toBeGreaterThan(40);
      expect(text.zh.length, name).toBeGreaterThan(20);
    }
    // the numbers the sentences state are the constants the code uses
    expect(metrics.METRIC_CONVENTIONS.psi.en).toContain(String(metrics.PSI_EPSILON));
    expect(metrics.METRIC_CONVENTIONS.iv.zh).toContain(String(metrics.WOE_ZERO_CELL));
  });
});
