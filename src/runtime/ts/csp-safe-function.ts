/**
 * apache-arrow's builders (behind `vectorFromArray`, `tableFromArrays` with plain arrays,
 * `tableFromJSON`, `makeBuilder`) make their null test with `new Function(...)`. Under the app's
 * CSP (no 'unsafe-eval') that throws an EvalError, in the page and in the sandbox worker alike
 * (measured in Chromium): the builders are unusable as they are.
 *
 * Arrow generates that function from the builder's `nullValues` by a fixed template. This module
 * replaces the global `Function` in the sandbox worker with one that recognises exactly the bodies
 * Arrow writes for null values drawn from null, undefined and NaN (the defaults, and all that
 * cells need), by regenerating each candidate with Arrow's template and comparing text, and
 * returns an equivalent closure. Any other string is refused with the EvalError the browser
 * would have thrown: no code is ever made from a string.
 */

type NullValue = null | undefined | number;

/** Arrow's template (apache-arrow 17, builder/valid.mjs `createIsValidFunction`), for one list of null values. */
function arrowBody(nullValues: readonly NullValue[]): string {
  const noNaNs = nullValues.filter((x) => x === x);
  let body = '';
  if (noNaNs.length > 0) {
    body = `
    switch (x) {${noNaNs.map((x) => `
        case ${x === undefined ? 'undefined' : String(x)}:`).join('')}
            return false;
    }`;
  }
  if (nullValues.length !== noNaNs.length) body = `if (x !== x) return false;\n${body}`;
  return `${body}\nreturn true;`;
}

/** Every ordering of every non-empty subset of null, undefined and NaN. */
function candidates(): NullValue[][] {
  const atoms: NullValue[] = [null, undefined, Number.NaN];
  const out: NullValue[][] = [];
  const grow = (prefix: NullValue[], rest: NullValue[]): void => {
    if (prefix.length > 0) out.push(prefix);
    rest.forEach((atom, i) => grow([...prefix, atom], rest.filter((_, j) => j !== i)));
  };
  grow([], atoms);
  return out;
}

const KNOWN: ReadonlyMap<string, readonly NullValue[]> = new Map(candidates().map((values) => [arrowBody(values), values]));

/** The null test Arrow asked for, as a closure, or undefined when the body is not Arrow's. */
export function arrowNullTest(parameters: readonly unknown[]): ((x: unknown) => boolean) | undefined {
  if (parameters.length !== 2 || parameters[0] !== 'x' || typeof parameters[1] !== 'string') return undefined;
  const values = KNOWN.get(parameters[1]);
  if (!values) return undefined;
  const nan = values.some((v) => v !== v);
  const others = values.filter((v) => v === v);
  return (x: unknown) => !((nan && x !== x) || others.includes(x as NullValue));
}

/** Replaces `scope.Function` with the recogniser (same prototype, so `instanceof Function` still works). */
export function installCspSafeFunction(scope: { Function: FunctionConstructor }): void {
  const original = scope.Function;
  const safe = function Function(...parameters: unknown[]) {
    const test = arrowNullTest(parameters);
    if (test) return test;
    throw new EvalError('Code cannot be made from strings here (the app\'s Content-Security-Policy).');
  } as unknown as FunctionConstructor;
  Object.defineProperty(safe, 'prototype', { value: original.prototype });
  scope.Function = safe;
}
