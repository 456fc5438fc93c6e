import { Utf8, vectorFromArray } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { arrowNullTest, installCspSafeFunction } from '../../../src/runtime/ts/csp-safe-function';

describe('the CSP-safe Function for Arrow\'s builders', () => {
  const original = globalThis.Function;
  afterEach(() => {
    globalThis.Function = original;
  });

  it('lets Arrow build vectors with nulls without making code from strings', () => {
    installCspSafeFunction(globalThis);
    const vector = vectorFromArray(['a', null, 'c'], new Utf8());
    expect(vector.toArray()).toEqual(['a', null, 'c']);
    expect(vector.nullCount).toBe(1);
  });

  it('recognises Arrow\'s null tests for null, undefined and NaN', () => {
    const body = '\n    switch (x) {\n        case null:\n        case undefined:\n            return false;\n    }\nreturn true;';
    const test = arrowNullTest(['x', body])!;
    expect([null, undefined, 0, 'a'].map(test)).toEqual([false, false, true, true]);
    const nan = arrowNullTest(['x', 'if (x !== x) return false;\n\nreturn true;'])!;
    expect([Number.NaN, null].map(nan)).toEqual([false, true]);
  });

  it('refuses any other code, as the browser would', () => {
    installCspSafeFunction(globalThis);
    expect(() => new Function('return 1')).toThrow(EvalError);
    expect(() => Function('x', 'return fetch(x)')).toThrow(EvalError);
    expect(arrowNullTest(['x', 'return true; fetch()'])).toBeUndefined();
  });

  it('keeps instanceof Function working', () => {
    installCspSafeFunction(globalThis);
    expect((() => 1) instanceof Function).toBe(true);
  });
});
