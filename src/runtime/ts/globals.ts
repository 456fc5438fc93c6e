/**
 * Which free names a TypeScript cell may use without another cell defining them.
 *
 * The allow-list is deliberate: a name that is neither listed here nor one of the sandbox's own
 * names is a reference to another cell. So `fetch`, `self`, `globalThis`, `setTimeout`... are
 * references too: no cell defines them, and the cell fails with "not defined" instead of reaching
 * the worker's global scope. (The wall against the network is the page's CSP, which the sandbox
 * worker inherits; this list keeps the dependency graph honest and the cell's reach small.)
 */

/** JavaScript's pure built-ins that cells may use: values, constructors, typed arrays, formatting. */
export const ALLOWED_GLOBALS: ReadonlySet<string> = new Set([
  // values
  'undefined', 'NaN', 'Infinity',
  // namespaces
  'Math', 'JSON', 'Intl', 'console',
  // functions
  'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'structuredClone',
  'encodeURIComponent', 'decodeURIComponent',
  // constructors
  'Array', 'Boolean', 'Number', 'String', 'BigInt', 'Symbol', 'Object', 'Date', 'RegExp',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise',
  'Error', 'TypeError', 'RangeError',
  'TextEncoder', 'TextDecoder',
  // binary data
  'ArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
]);

/**
 * The sandbox's own names, passed to every cell: `sql` (queries with bound parameters, answered as
 * Arrow tables), `Plot` (a recorder of Observable Plot calls), `Arrow` (the app's apache-arrow),
 * `numbersOf(table, column)` (a Float64Array, nulls as NaN), `rowsOf(table)` (plain objects) and
 * `scoring` (the app's scoring functions, so a cell scores exactly as the screening view does).
 * Order matters: it is the order of the compiled function's first parameters.
 */
export const SANDBOX_NAMES = ['sql', 'Plot', 'Arrow', 'numbersOf', 'rowsOf', 'scoring'] as const;

export type SandboxName = (typeof SANDBOX_NAMES)[number];

const SANDBOX_NAME_SET: ReadonlySet<string> = new Set(SANDBOX_NAMES);

/** Names every function has: not references to other cells. */
const FUNCTION_LOCALS: ReadonlySet<string> = new Set(['arguments']);

/** True when a free name is provided by JavaScript or the sandbox, not by another cell. */
export function isProvided(name: string): boolean {
  return ALLOWED_GLOBALS.has(name) || SANDBOX_NAME_SET.has(name) || FUNCTION_LOCALS.has(name);
}

/** Browser globals that people reach for; a clearer message than "not defined" when no cell has the name. */
const BROWSER_ONLY: ReadonlySet<string> = new Set([
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'window', 'self', 'globalThis', 'document',
  'importScripts', 'postMessage', 'eval', 'Function', 'setTimeout', 'setInterval', 'queueMicrotask',
  'requestAnimationFrame', 'localStorage', 'sessionStorage', 'indexedDB', 'caches', 'navigator',
  'location', 'crypto', 'performance', 'Worker',
]);

/** The message for a referenced name that no cell defines. */
export function undefinedNameMessage(name: string): string {
  return BROWSER_ONLY.has(name)
    ? `${name} is not available in TypeScript cells`
    : `${name} is not defined (no cell or input has that name)`;
}
