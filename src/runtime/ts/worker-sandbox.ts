import shellUrl from './sandbox-worker.ts?worker&url';
import type { CodeEntry, EndpointEvents, SandboxEndpoint, SandboxOptions } from './sandbox-host';
import { SandboxHost } from './sandbox-host';
import type { CoreMessage, HostMessage } from './protocol';
import { workerScript } from './worker-blob';

/**
 * The TypeScript sandbox for the browser: cells run in a dedicated module worker, so a runaway
 * cell never freezes the page, and stopping it (an AbortSignal, the time limit, reset()) terminates
 * the worker and starts a fresh one.
 *
 * The worker is made from a blob holding the cells' compiled code plus an import of the shell
 * (sandbox-worker.ts, bundled by Vite and served from the app's origin): the CSP forbids making
 * code from strings anywhere, so a cell's code can only enter a worker as part of its script
 * (worker-blob.ts). A blob worker inherits the page's CSP, so cells can reach no other host.
 * A cell whose code the current worker lacks starts a new worker; values are re-made on demand.
 */
export class WorkerSandbox extends SandboxHost {
  constructor(options: SandboxOptions) {
    super(options, workerEndpoints(new URL(shellUrl, import.meta.url).href));
  }
}

/** Starts sandbox workers whose script carries the given code and imports the shell at `shellHref`. */
export function workerEndpoints(shellHref: string) {
  return (code: ReadonlyMap<string, CodeEntry>, events: EndpointEvents): SandboxEndpoint => {
    const { text } = workerScript(code, shellHref);
    const keys = new Set(code.keys());
    const url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module', name: 'tierbook-sandbox' });
    let settle: { resolve(): void; reject(error: Error): void } | undefined;
    const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const end = () => {
      worker.terminate();
      URL.revokeObjectURL(url);
    };
    worker.onmessage = (event: MessageEvent<CoreMessage>) => {
      if (event.data.type === 'ready') {
        settle?.resolve();
        settle = undefined;
      } else {
        events.message(event.data);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const reason = event.message || 'the worker failed';
      if (settle) settle.reject(new Error(reason));
      settle = undefined;
      events.failed(reason);
    };
    worker.onmessageerror = () => events.failed('a message from the sandbox could not be read');
    return {
      ready,
      hasCode: (key) => keys.has(key),
      post: (message: HostMessage, transfer?: Transferable[]) => worker.postMessage(message, transfer ?? []),
      terminate: end,
    };
  };
}
