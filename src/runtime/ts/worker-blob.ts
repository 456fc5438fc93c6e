import { splitLines } from './lines';
import type { CodeEntry } from './generation';

/**
 * The text of a sandbox worker: the cells' compiled functions, then an import of the sandbox shell
 * (sandbox-worker.ts) from the app's own origin.
 *
 * Why code travels this way: the app's CSP has no 'unsafe-eval', and a worker cannot load code
 * from a string (eval, Function) or from a blob: URL (import, importScripts); measured in
 * Chromium, for a worker loaded by URL and for one made from a blob alike. But a worker's own
 * script may be a blob (worker-src 'self' blob:), and a blob worker inherits the page's CSP, meta
 * tag or header (STACK.md): so the cells' code is written into the worker's own script, and each
 * new version of a cell's code means a new worker (values are re-made on demand, see
 * sandbox-host.ts).
 */

/** The global symbol under which the blob hands the cells to the shell (then removed). */
export const HANDOFF_KEY = 'tierbook.sandbox.code';

/** Where a cell's function sits in the worker's script: its first line and how many lines. */
export interface CodeLayout {
  readonly start: number;
  readonly lines: number;
}

/** What the blob leaves for the shell. */
export interface Handoff {
  readonly code: Readonly<Record<string, (...args: unknown[]) => Promise<unknown>>>;
  readonly layout: Readonly<Record<string, CodeLayout>>;
}

/** The worker's script. Each function's text was checked by the compiler to be one expression. */
export function workerScript(code: ReadonlyMap<string, CodeEntry>, shellUrl: string): { text: string; layout: Record<string, CodeLayout> } {
  const parts = [
    '// Tierbook TypeScript sandbox: the cells\' code, then the sandbox shell from the app.',
    'const __tierbook_code = Object.create(null);',
  ];
  const layout: Record<string, CodeLayout> = {};
  let nextLine = parts.length + 1;
  for (const [key, entry] of code) {
    const count = splitLines(entry.js).length;
    layout[key] = { start: nextLine, lines: count };
    parts.push(`__tierbook_code[${JSON.stringify(key)}] = ${entry.js};`);
    nextLine += count;
  }
  parts.push(
    `globalThis[Symbol.for(${JSON.stringify(HANDOFF_KEY)})] = { code: __tierbook_code, layout: ${JSON.stringify(layout)} };`,
    `await import(${JSON.stringify(shellUrl)});`,
  );
  return { text: parts.join('\n'), layout };
}
