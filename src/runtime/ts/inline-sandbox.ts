import type { CodeEntry, EndpointEvents, EndpointFactory, SandboxEndpoint, SandboxOptions } from './sandbox-host';
import { SandboxHost } from './sandbox-host';
import { createSandboxCore, type CellCode, type CodeRegistry } from './sandbox-core';
import type { HostMessage } from './protocol';
import { locateInFunction } from './stack-position';
import { splitLines } from './lines';

/**
 * The TypeScript sandbox in-process, for Node (tests, headless replay): the same host, core,
 * protocol, value handling, Displays and digests as WorkerSandbox, with messages cloned and
 * delivered asynchronously as a worker's would be.
 *
 * NO RUNAWAY PROTECTION: a cell that loops forever blocks the process; aborting a run (or its
 * time limit) only helps while the cell is awaiting (a query, a promise): the run then ends as
 * stopped and the sandbox's values are dropped, but JavaScript already running cannot be
 * interrupted in-process. Nor is there any isolation: cells run with Node's globals reachable
 * through the compiled function's scope only by the names the compiler let through. Use it for
 * notebooks you trust.
 */
export class InlineSandbox extends SandboxHost {
  constructor(options: SandboxOptions) {
    super(options, inlineEndpoints());
  }
}

/**
 * Starts in-process sandboxes: each a fresh core (no values) reading code from the host's book.
 * With `fixedCode`, a sandbox runs only the code it was started with, as a worker does, so the
 * worker's generation changes (and value copies between them) can be tested in Node.
 */
export function inlineEndpoints(options: { readonly fixedCode?: boolean } = {}): EndpointFactory {
  return (book, events) => (options.fixedCode ? inlineEndpoint(new Map(book), events, new Set(book.keys())) : inlineEndpoint(book, events, undefined));
}

function inlineEndpoint(book: ReadonlyMap<string, CodeEntry>, events: EndpointEvents, fixed: ReadonlySet<string> | undefined): SandboxEndpoint {
  let alive = true;
  const core = createSandboxCore((message) => {
    const copy = structuredClone(message);
    setTimeout(() => alive && events.message(copy), 0);
  }, inlineRegistry(book));
  return {
    ready: Promise.resolve(),
    hasCode: (key) => !fixed || fixed.has(key),
    post(message: HostMessage) {
      const copy = structuredClone(message);
      setTimeout(() => alive && core.receive(copy), 0);
    },
    terminate() {
      alive = false;
    },
  };
}

/** Lines V8's Function constructor puts before the body ("(function anonymous(\n) {\n"). */
const FUNCTION_PREFIX_LINES = 2;

/** Makes cells' functions with the Function constructor, each with a `//# sourceURL` for its stack frames. */
function inlineRegistry(book: ReadonlyMap<string, CodeEntry>): CodeRegistry {
  const made = new Map<string, CellCode>();
  return {
    get(key: string): CellCode | undefined {
      const cached = made.get(key);
      if (cached) return cached;
      const entry = book.get(key);
      if (!entry) return undefined;
      const url = `cell-${entry.cell.replace(/[^\w.-]/g, '_')}.js`;
      const fn = new Function(`return ${entry.js}\n//# sourceURL=${url}`)() as CellCode['fn'];
      const lines = splitLines(entry.js).length;
      const code: CellCode = { fn, locate: (error) => locateInFunction(error, url, FUNCTION_PREFIX_LINES + 1, lines) };
      made.set(key, code);
      return code;
    },
  };
}
