import { installCspSafeFunction } from './csp-safe-function';
import type { CoreMessage, HostMessage } from './protocol';
import { createSandboxCore, type CellCode, type CodeRegistry } from './sandbox-core';
import { locateInFunction } from './stack-position';
import { HANDOFF_KEY, type Handoff } from './worker-blob';

/**
 * The sandbox worker's shell: a thin wrapper around the shared core (sandbox-core.ts). The
 * worker's own script (worker-blob.ts) defines the cells' functions and imports this module; here
 * they are taken over, the worker's ways out are closed, and the core is wired to the page.
 */

/** The parts of a dedicated worker's global scope used here (the project's types are the page's). */
interface WorkerScope {
  readonly location: { readonly href: string };
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<HostMessage>) => void) | null;
  Function: FunctionConstructor;
}

/**
 * Ways out of the worker that no cell needs. Cells cannot name them anyway (the compiler makes
 * every free name an input); shadowing them with undefined is a second wall should some path to
 * the global object exist. The CSP (inherited from the page) is the wall for what is left.
 */
const CLOSED = [
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport', 'Worker', 'SharedWorker',
  'BroadcastChannel', 'indexedDB', 'caches', 'importScripts', 'Request',
] as const;

const scope = globalThis as unknown as WorkerScope;
const handoffSymbol = Symbol.for(HANDOFF_KEY);
const handoff = (globalThis as unknown as Record<symbol, Handoff | undefined>)[handoffSymbol];
delete (globalThis as unknown as Record<symbol, unknown>)[handoffSymbol];

/** The cells' functions, located in this worker's own script (its blob URL) for error positions. */
function registry(given: Handoff | undefined, scriptUrl: string): CodeRegistry {
  const made = new Map<string, CellCode>();
  return {
    get(key: string): CellCode | undefined {
      const fn = given?.code[key];
      const layout = given?.layout[key];
      if (!fn || !layout) return undefined;
      let code = made.get(key);
      if (!code) {
        code = { fn, locate: (error) => locateInFunction(error, scriptUrl, layout.start, layout.lines) };
        made.set(key, code);
      }
      return code;
    },
  };
}

installCspSafeFunction(scope);
const post = scope.postMessage.bind(scope);
const core = createSandboxCore((message: CoreMessage, transfer?: Transferable[]) => post(message, transfer ?? []), registry(handoff, scope.location.href));
scope.onmessage = (event) => core.receive(event.data);
for (const name of CLOSED) {
  try {
    Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false });
  } catch {
    // not present in this browser, or not configurable: nothing to close
  }
}
post({ type: 'ready' } satisfies CoreMessage, []);
