import { parentPort, workerData } from 'node:worker_threads';
import { encodedBatches, type StreamOptions } from './batch-stream';

/**
 * Worker thread of workerBatches (worker-batches.ts): generates and encodes batches and posts
 * them, transferring the IPC buffers, never more than the credit the main thread has granted.
 */
const port = parentPort!;
let credit = 0;
let wake: (() => void) | null = null;
port.on('message', (granted: number) => {
  credit += granted;
  wake?.();
});

async function run(): Promise<void> {
  for (const batch of encodedBatches(workerData as StreamOptions)) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    port.postMessage({ batch }, batch.tables.map((t) => t.ipc.buffer as ArrayBuffer));
  }
  port.postMessage({ done: true });
  port.close();
}

void run();
