import * as Arrow from 'apache-arrow';
import type { Display, SandboxInput } from '../contracts';
import { numbersOf, rowsOf, tableFromIpc } from './arrow-values';
import { present } from './display';
import { fromPortable, toPortable } from './portable';
import { createPlotRecorder, CellUsageError } from './plot-recorder';
import type { CoreMessage, HostMessage, JsPosition, NeedMessage, RunMessage, Supply } from './protocol';
import { boundQuery } from './sql-template';
import { scoringLibrary } from './scoring-library';

/**
 * The sandbox's side of the protocol (protocol.ts), the same in the worker and in Node: it keeps
 * TypeScript cells' values and the tables they read (by name and version), runs compiled cells
 * with their inputs and the sandbox's names, and turns results into Displays and digests. It
 * never compiles (the host does) and never loads code: code comes from a CodeRegistry.
 */

/** A compiled cell, ready to call. */
export interface CellCode {
  readonly fn: (...args: unknown[]) => Promise<unknown>;
  /** where in the compiled JS the error's stack says this cell was running, if it does */
  locate(error: unknown): JsPosition | undefined;
}

/** Where the core finds compiled cells (a worker's blob, or functions made in Node). */
export interface CodeRegistry {
  get(key: string): CellCode | undefined;
}

export type Post = (message: CoreMessage, transfer?: Transferable[]) => void;

export interface SandboxCore {
  receive(message: HostMessage): void;
}

interface Kept<T> {
  readonly version: number;
  readonly value: T;
}

export function createSandboxCore(post: Post, code: CodeRegistry): SandboxCore {
  const values = new Map<string, Kept<unknown>>();
  const tables = new Map<string, Kept<Arrow.Table>>();
  /** loads in flight, so two cells needing the same missing input share one fetch or re-run */
  const loading = new Map<string, Promise<unknown>>();
  const needs = new Map<number, (supply: Supply) => void>();
  const queries = new Map<number, { resolve(ipc: Uint8Array): void; reject(error: Error): void; site: Error }>();
  const Plot = createPlotRecorder();
  let counter = 0;

  function need(runId: number, input: NeedMessage['input']): Promise<Supply> {
    const needId = ++counter;
    return new Promise((resolve) => {
      needs.set(needId, resolve);
      post({ type: 'need', runId, needId, input });
    });
  }

  function once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = loading.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const promise = load().finally(() => loading.delete(key));
    loading.set(key, promise);
    return promise;
  }

  async function resolveInput(runId: number, name: string, input: SandboxInput | undefined): Promise<unknown> {
    if (!input) throw new Error(`${name} is not defined`);
    if (input.kind === 'value') return input.value;
    if (input.kind === 'table') {
      const kept = tables.get(input.table);
      if (kept?.version === input.version) return kept.value;
      return once(`table ${input.table}@${input.version}`, async () => {
        const supply = await need(runId, input);
        if (supply.kind !== 'table') throw new Error(supply.kind === 'missing' ? supply.message : `${name}: no table came back`);
        const table = tableFromIpc(supply.ipc);
        tables.set(input.table, { version: input.version, value: table });
        return table;
      });
    }
    const kept = values.get(input.name);
    if (kept?.version === input.version) return kept.value;
    return once(`cell ${input.name}@${input.version}`, async () => {
      const supply = await need(runId, input);
      if (supply.kind === 'missing') throw new Error(supply.message);
      if (supply.kind === 'value') keep(input.name, input.version, fromPortable(supply.value));
      const now = values.get(input.name);
      if (now?.version !== input.version) throw new Error(`${input.name} has no value at version ${input.version} in the sandbox`);
      return now.value;
    });
  }

  /** The cell's `sql`: posts the query, answers an Arrow table; errors point at the call. */
  function sqlFor(runId: number) {
    return (first: unknown, ...rest: unknown[]): Promise<Arrow.Table> => {
      const site = new Error(''); // made here, so its stack holds the cell's line
      const { sql, params } = boundQuery(first, rest);
      const queryId = ++counter;
      return new Promise<Uint8Array>((resolve, reject) => {
        queries.set(queryId, { resolve, reject, site });
        post({ type: 'query', runId, queryId, sql, params });
      }).then(tableFromIpc);
    };
  }

  function keep(name: string, version: number, value: unknown): void {
    const kept = values.get(name);
    if (!kept || version >= kept.version) values.set(name, { version, value }); // a stale run never overwrites a newer one
  }

  async function run(message: RunMessage): Promise<void> {
    const cell = code.get(message.code);
    if (!cell) {
      post({ type: 'done', runId: message.runId, outcome: { ok: false, message: 'internal: the cell\'s code is not in this sandbox' } });
      return;
    }
    let value: unknown;
    try {
      const inputs = await Promise.all(message.params.map((name) => resolveInput(message.runId, name, message.inputs[name])));
      value = await cell.fn(sqlFor(message.runId), Plot, Arrow, numbersOf, rowsOf, scoringLibrary, ...inputs);
    } catch (error) {
      const at = cell.locate(error);
      post({ type: 'done', runId: message.runId, outcome: { ok: false, message: messageOf(error), ...(at ? { at } : {}) } });
      return;
    }
    keep(message.name, message.version, value);
    try {
      const { display, digest, tableIpc } = await present(value);
      post({ type: 'done', runId: message.runId, outcome: { ok: true, display, digest, ...(tableIpc ? { tableIpc } : {}) } }, buffersOf(display, tableIpc));
    } catch (error) {
      post({ type: 'done', runId: message.runId, outcome: { ok: false, message: `The value could not be shown: ${messageOf(error)}` } });
    }
  }

  return {
    receive(message: HostMessage): void {
      switch (message.type) {
        case 'run':
          void run(message);
          return;
        case 'supply':
          needs.get(message.needId)?.(message.supply);
          needs.delete(message.needId);
          return;
        case 'answer': {
          const query = queries.get(message.queryId);
          queries.delete(message.queryId);
          if (!query) return;
          if (message.ipc) query.resolve(message.ipc);
          else {
            query.site.message = message.error ?? 'the query failed';
            query.reject(query.site);
          }
          return;
        }
        case 'forget':
          values.delete(message.name);
          return;
        case 'adopt':
          keep(message.name, message.version, fromPortable(message.value));
          return;
        case 'export': {
          const kept = values.get(message.name);
          const copy = kept?.version === message.version ? toPortable(kept.value) : undefined;
          if (copy) post({ type: 'exported', exportId: message.exportId, value: copy.portable }, copy.transfer);
          else post({ type: 'exported', exportId: message.exportId });
          return;
        }
      }
    },
  };
}

/** An error as the cell shows it: the message, with the kind of error when it says something. */
export function messageOf(error: unknown): string {
  if (error instanceof CellUsageError) return error.message;
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return `Uncaught ${typeof error === 'string' ? error : String(error)}`;
}

/** The IPC buffers a result carries: moved to the page, not copied. */
function buffersOf(display: Display, tableIpc: Uint8Array | undefined): Transferable[] {
  const buffers = new Set<ArrayBufferLike>();
  if (tableIpc) buffers.add(tableIpc.buffer);
  if (display.kind === 'table') buffers.add(display.ipc.buffer);
  if (display.kind === 'plot') {
    for (const mark of display.spec.marks) {
      if (mark.data && 'ipc' in mark.data && mark.data.ipc instanceof Uint8Array) buffers.add(mark.data.ipc.buffer);
    }
  }
  return [...buffers].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
