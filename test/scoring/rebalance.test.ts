import { describe, expect, it } from 'vitest';
import { rebalance } from '../../src/scoring/rebalance';

const sum = (w: Record<string, number>) => Math.round(Object.values(w).reduce((a, b) => a + b, 0) * 10) / 10;

describe('rebalance', () => {
  it('takes the difference from the others in proportion to their size (worked by hand)', () => {
    // need 40 → 50: the other 60 (30 + 20 + 10) must become 50, each × 5/6
    expect(rebalance({ need: 40, repay: 30, channel: 20, size: 10 }, 'need', 50)).toEqual({ need: 50, repay: 25, channel: 16.7, size: 8.3 });
  });

  it('leaves locked weights alone and caps the moved one at what they leave', () => {
    const w = rebalance({ a: 50, b: 30, c: 20 }, 'a', 90, new Set(['b']));
    expect(w).toEqual({ a: 70, b: 30, c: 0 });
  });

  it('shares equally when the others are all zero, and keeps the sum at exactly 100', () => {
    expect(rebalance({ a: 100, b: 0, c: 0 }, 'a', 40)).toEqual({ a: 40, b: 30, c: 30 });
    const w = rebalance({ a: 33.3, b: 33.3, c: 33.4 }, 'b', 10);
    expect(sum(w)).toBe(100);
    expect(w.b).toBe(10);
  });

  it('never goes below zero or above 100', () => {
    expect(rebalance({ a: 10, b: 90 }, 'a', -5)).toEqual({ a: 0, b: 100 });
    expect(rebalance({ a: 10, b: 90 }, 'a', 130)).toEqual({ a: 100, b: 0 });
  });
});
