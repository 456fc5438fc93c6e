import { Table, tableFromArrays, tableToIPC } from 'apache-arrow';
import { cellId } from '../../../src/notebook/document';
import type { SandboxInput, SandboxQuery, TsRunRequest, TsRunResult } from '../../../src/runtime/contracts';

/**
 * A stand-in for DuckDB behind SandboxQuery: `SELECT * FROM "name"` answers a known table; any
 * other SQL answers one row echoing the SQL and its parameters; SQL containing `hang` waits until
 * aborted; `gate` waits until `openGate()`; `fail` fails.
 */
export function fakeDatabase(tables: Record<string, Table> = {}) {
  const log: { sql: string; params: readonly unknown[] }[] = [];
  const aborted: string[] = [];
  let openGate!: () => void;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const query: SandboxQuery = async (sql, params, signal) => {
    log.push({ sql, params });
    if (sql.includes('gate')) await gate;
    if (sql.includes('hang')) {
      return new Promise((_, reject) => signal?.addEventListener('abort', () => (aborted.push(sql), reject(new Error('cancelled')))));
    }
    if (sql.includes('fail')) return Promise.reject(new Error('Parser Error: syntax error at or near "fail"'));
    const table = /^SELECT \* FROM "(.+)"$/.exec(sql);
    if (table) {
      const found = tables[table[1]!.replaceAll('""', '"')];
      return found ? Promise.resolve(tableToIPC(found, 'stream')) : Promise.reject(new Error(`Catalog Error: Table with name ${table[1]} does not exist!`));
    }
    return Promise.resolve(tableToIPC(tableFromArrays({ sql: [sql], params: [JSON.stringify(params)] }), 'stream'));
  };
  return { query, log, aborted, openGate };
}

let versions = 0;

/** A run request; versions increase across the test file so a later request supersedes. */
export function request(name: string, source: string, inputs: Record<string, SandboxInput> = {}, version = ++versions): TsRunRequest {
  return { cell: cellId(`cell-${name}`), name, version, source, inputs };
}

export const value = (v: unknown): SandboxInput => ({ kind: 'value', value: v });
export const table = (name: string, version: number): SandboxInput => ({ kind: 'table', table: name, version });
export const cell = (name: string, version: number): SandboxInput => ({ kind: 'cell', name, version });

/** The value text of a successful run, or a readable failure. */
export function shown(result: TsRunResult): string {
  if (!result.ok) return `error: ${result.error.message}`;
  return result.display.kind === 'value' ? result.display.text : `[${result.display.kind}]`;
}
