import { QueryCancelledError } from './database';

/**
 * Runs async tasks one at a time, in order. DuckDB connections run one query at a time; queueing
 * here (rather than inside DuckDB) lets a task that is aborted while waiting leave without running.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it; rejects at once if `signal` aborts first. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const result = this.tail.then(
      () => {
        if (signal?.aborted) throw new QueryCancelledError();
        return task();
      },
      () => {
        if (signal?.aborted) throw new QueryCancelledError();
        return task();
      },
    );
    this.tail = result.catch(() => undefined);
    if (!signal) return result;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new QueryCancelledError());
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      result.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}
