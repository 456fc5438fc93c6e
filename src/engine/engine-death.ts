/**
 * The database engine itself is gone (its worker crashed, ran out of memory, was terminated), as
 * opposed to a query that failed or was cancelled. Calls in flight when it died reject with this;
 * the workspace then starts a new engine (see recovering-database.ts).
 */
export class EngineDiedError extends Error {
  constructor(readonly reason: string) {
    super(`The database engine stopped: ${reason}`);
    this.name = 'EngineDiedError';
  }
}

/**
 * True when `error` means the engine cannot go on: our own EngineDiedError, or a WebAssembly trap
 * (`RuntimeError`: unreachable, out-of-bounds memory, `Aborted()` after an allocation failed).
 * After a trap the module's memory is in an unknown state, so no further query can be trusted.
 * DuckDB's own errors (`Out of Memory Error: ...`, `Catalog Error`) keep their names and are
 * ordinary query failures: the engine survives them.
 */
export function isEngineDeath(error: unknown): boolean {
  if (error instanceof EngineDiedError) return true;
  if (!(error instanceof Error)) return false;
  return error.name === 'RuntimeError' || /^Aborted\(/.test(error.message);
}

/** A started engine that can die: its database, a promise of its death, and how to free it. */
export interface MortalEngine<D> {
  readonly db: D;
  /** Resolves (never rejects) with a reason once the engine has died. */
  readonly died: Promise<string>;
  /** Frees whatever is left of the engine (terminates its worker). Safe to call more than once. */
  dispose(): void;
}
