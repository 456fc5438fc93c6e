import { describe, expect, it } from 'vitest';
import { plainNumber } from '../../src/export/numbers.ts';

describe('plainNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1234.5, '1234.5'],
    [-0.25, '-0.25'],
    [0.000001, '0.000001'], // String() still plain here
    [1e-7, '0.0000001'],
    [-1.5e-7, '-0.00000015'],
    [1.2345e-10, '0.00000000012345'],
    [5e-324, `0.${'0'.repeat(323)}5`],
    [1e20, '100000000000000000000'],
    [1e21, '1e+21'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('%s → %s', (x, text) => {
    expect(plainNumber(x)).toBe(text);
  });

  it('reads back as the same number for a spread of magnitudes', () => {
    for (let e = -30; e < 21; e++) {
      for (const m of [1, 1.5, 3.14159265358979, 9.999999999999998]) {
        const x = m * 10 ** e;
        expect(Number(plainNumber(x))).toBe(x);
        expect(Number(plainNumber(-x))).toBe(-x);
        expect(plainNumber(x)).not.toContain('e');
      }
    }
  });
});
