import { Worker } from 'node:worker_threads';
import type { EncodedBatch, StreamOptions } from './batch-stream';

/** Batches generated ahead of the consumer: enough to keep both cores busy, few for memory. */
const AHEAD = 2;

type Message = { batch: EncodedBatch } | { done: true };

/**
 * encodedBatches, run in a worker thread so that generating batch k + 1 overlaps loading batch k
 * into DuckDB on the main thread. The worker is TypeScript, so it registers tsx's loader before
 * importing it (this is a Node-only script run by tsx).
 */
export async function* workerBatches(options: StreamOptions): AsyncGenerator<EncodedBatch> {
  const url = new URL('./generate-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: options });
  const queue: Message[] = [];
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: Message) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure = error;
    notify();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !failure) failure = new Error(`Generator worker exited with code ${code}`);
    notify();
  });
  worker.postMessage(AHEAD);
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift();
      if (!message) throw failure;
      if ('done' in message) return;
      worker.postMessage(1);
      yield message.batch;
    }
  } finally {
    await worker.terminate();
  }
}
