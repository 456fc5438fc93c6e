import type { SandboxQuery, TsRunRequest } from '../contracts';
import type { CompiledTsCell } from './compile';
import type { Generation } from './generation';
import type { NeedMessage, Portable, QueryMessage, RunOutcome, Supply } from './protocol';
import { messageOf } from './sandbox-core';

/**
 * How the host answers a sandbox: its queries (run on DuckDB with bound parameters, answered as
 * Arrow IPC), its needs (a table at a version: fetched; a cell's value at a version: copied from
 * the sandbox it replaced, else re-made by re-running that cell's last good run), and the copying
 * of values from a replaced sandbox to its successor.
 */

/** A cell's last successful run: enough to make its value again. */
export interface GoodRun {
  readonly request: TsRunRequest;
  readonly compiled: CompiledTsCell;
  readonly key: string;
}

/** What the supplier needs from the host. */
export interface SupplyContext {
  readonly query: SandboxQuery;
  good(name: string): GoodRun | undefined;
  goodRuns(): Iterable<GoodRun>;
  /** the sandbox the given one replaced, while it is alive */
  donorOf(generation: Generation): Generation | undefined;
  dispatch(generation: Generation, run: GoodRun, chain: readonly string[]): Promise<RunOutcome>;
}

export async function answerQuery(context: SupplyContext, generation: Generation, message: QueryMessage): Promise<void> {
  try {
    const ipc = await context.query(message.sql, message.params, generation.queries.signal);
    if (!generation.dead) generation.endpoint.post({ type: 'answer', queryId: message.queryId, ipc });
  } catch (error) {
    if (!generation.dead) generation.endpoint.post({ type: 'answer', queryId: message.queryId, error: messageOf(error) });
  }
}

export async function supplyNeed(context: SupplyContext, generation: Generation, message: NeedMessage): Promise<void> {
  const { input } = message;
  let supply: Supply;
  if (input.kind === 'table') {
    try {
      supply = { kind: 'table', ipc: await context.query(`SELECT * FROM ${quoteIdentifier(input.table)}`, [], generation.queries.signal) };
    } catch (error) {
      supply = { kind: 'missing', message: `The table ${input.table} could not be read: ${messageOf(error)}` };
    }
  } else {
    supply = await remake(context, generation, generation.runs.get(message.runId)?.chain ?? [], input.name, input.version);
  }
  if (!generation.dead) generation.endpoint.post({ type: 'supply', needId: message.needId, supply }, supply.kind === 'value' ? ownBuffers(supply.value) : []);
}

/** Puts a cell's value back in a sandbox: a copy from its predecessor, or a re-run of its last good run. */
async function remake(context: SupplyContext, generation: Generation, chain: readonly string[], name: string, version: number): Promise<Supply> {
  const missing = (message: string): Supply => ({ kind: 'missing', message });
  const good = context.good(name);
  if (!good || good.request.version !== version) return missing(`${name} has no value in the sandbox: run ${name} first`);
  if (chain.includes(name)) return missing(`${name} depends on itself`);
  // An adopted copy was posted before this answer, and messages keep their order: it is there.
  if (generation.adopted.has(`${name}@${version}`)) return { kind: 'cell' };
  const copy = await context.donorOf(generation)?.exportValue(name, version);
  if (copy) return { kind: 'value', value: copy };
  if (generation.adopted.has(`${name}@${version}`)) return { kind: 'cell' };
  if (!generation.endpoint.hasCode(good.key)) return missing(`${name}'s value was lost when the sandbox restarted: run ${name} again`);
  const outcome = await context.dispatch(generation, good, [...chain, name]);
  return outcome.ok ? { kind: 'cell' } : missing(`${name} failed when it was re-run for this cell: ${outcome.message}`);
}

/**
 * Copies every cell value that can be copied from a replaced sandbox to its successor, so a code
 * change does not recompute what came before it. Values that cannot be copied are re-made on
 * demand instead.
 */
export async function adoptValues(context: SupplyContext, from: Generation, to: Generation): Promise<void> {
  from.donating = true;
  try {
    await to.endpoint.ready;
    for (const { request } of [...context.goodRuns()]) {
      if (from.dead || to.dead) return;
      const copy = await from.exportValue(request.name, request.version);
      if (copy && !to.dead) {
        to.endpoint.post({ type: 'adopt', name: request.name, version: request.version, value: copy }, ownBuffers(copy));
        to.adopted.add(`${request.name}@${request.version}`);
      }
    }
  } catch {
    // the successor did not start: nothing to copy into
  } finally {
    from.donating = false;
  }
}

/** A copy's IPC bytes are the host's own (fresh from the old sandbox): moved on, not copied again. */
function ownBuffers(value: Portable): Transferable[] {
  return value.kind === 'table' && value.ipc.buffer instanceof ArrayBuffer ? [value.ipc.buffer] : [];
}

/** A DuckDB identifier, quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
