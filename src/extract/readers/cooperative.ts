import { QueryCancelledError } from '../../engine/database';

/** Throws the engine's cancellation error when the load was aborted, so callers see one kind. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new QueryCancelledError();
}

/**
 * Lets the page paint and events run between chunks of a long synchronous parse, then honours an
 * abort that arrived meanwhile.
 */
export async function pause(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  throwIfAborted(signal);
}

/** Rows handled between two pauses: large enough to be cheap, small enough to stay responsive. */
export const CHUNK_ROWS = 2000;
