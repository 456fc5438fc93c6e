import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/engine/database';
import { cellId, type Cell, type InputSpec } from '../../src/notebook/document';
import type { TsRunRequest, TsRunResult, TsSandbox } from '../../src/runtime/contracts';
import { NotebookRuntime, type RuntimeDeps } from '../../src/runtime/runtime';
import { startNodeWasmDatabase } from '../support/wasm-node';

/**
 * A sandbox for the runtime's semantics: a TS cell's source is a JS expression over its inputs
 * (`w * 2`), evaluated in-process; values stay here by name, as in the real sandbox. Runs can be
 * held open to test what happens to a run that a newer change supersedes.
 */
export class FakeSandbox implements TsSandbox {
  values = new Map<string, unknown>();
  hold: Promise<void> | null = null;
  async run(request: TsRunRequest): Promise<TsRunResult> {
    if (this.hold) await this.hold;
    const scope: Record<string, unknown> = {};
    for (const [name, input] of Object.entries(request.inputs)) {
      scope[name] = input.kind === 'value' ? input.value : input.kind === 'cell' ? this.values.get(name) : `table:${input.table}`;
    }
    try {
      const value: unknown = new Function(...Object.keys(scope), `return (${request.source});`)(...Object.values(scope));
      this.values.set(request.name, value);
      return { ok: true, display: { kind: 'value', text: JSON.stringify(value), type: typeof value }, digest: { rows: 1, hash: String(value) }, ms: 0 };
    } catch (error) {
      return { ok: false, error: { message: (error as Error).message }, ms: 0 };
    }
  }
  forget(name: string): void {
    this.values.delete(name);
  }
  async reset(): Promise<void> {
    this.values.clear();
  }
  async close(): Promise<void> {}
}

/** References as the words of a cell's text (the tests' stand-in for the TypeScript compiler). */
export const words = (source: string) => ({ references: [...new Set(source.match(/[A-Za-z_]\w*/g) ?? [])] });
/** An input cell's definition as JSON (the tests' stand-in for the YAML reader). */
export const parseInput = (cell: { source: string }) => ({ spec: JSON.parse(cell.source) as InputSpec });

export const sql = (id: string, name: string, source: string): Cell => ({ id: cellId(id), kind: 'sql', name, source });
export const ts = (id: string, name: string, source: string): Cell => ({ id: cellId(id), kind: 'ts', name, source });
export const input = (id: string, name: string, spec: InputSpec): Cell => ({ id: cellId(id), kind: 'input', name, source: JSON.stringify(spec) });
export const slider = (id: string, name: string, value: number): Cell => input(id, name, { type: 'slider', min: 0, max: 100, value });
export const md = (id: string, source: string): Cell => ({ id: cellId(id), kind: 'markdown', source });

/** How many times each cell ran, by id. */
export const runsOf = (rt: NotebookRuntime) => Object.fromEntries([...rt.runs].map(([id, n]) => [String(id), n]));

/** A cell's result as short text: a value's JSON, a table's row count, or the display's kind. */
export const text = (rt: NotebookRuntime, id: string) => {
  const d = rt.state(cellId(id))?.display;
  return d?.kind === 'value' ? d.text : d?.kind === 'relation' ? `${d.rows} rows` : d?.kind;
};

/**
 * A DuckDB-WASM database for the file's tests, with a loaded table `loans` (id 0..9, balance
 * id × 10), and runtimes over it (TypeScript cells in a FakeSandbox unless given another).
 */
export function useRuntimeDatabase() {
  let db: Database;
  beforeAll(async () => {
    db = await startNodeWasmDatabase();
    await db.exec('CREATE TABLE loans AS SELECT range AS id, range * 10.0 AS balance FROM range(10)');
  });
  afterAll(async () => db?.close());
  return {
    db: () => db,
    runtime<S extends TsSandbox = FakeSandbox>(sandbox?: S, compileTs: RuntimeDeps['compileTs'] = words) {
      const box = sandbox ?? (new FakeSandbox() as unknown as S);
      const rt = new NotebookRuntime({ db, sandbox: box, compileTs, parseInput, dataTables: () => new Set(['loans']) });
      return { rt, sandbox: box };
    },
  };
}
