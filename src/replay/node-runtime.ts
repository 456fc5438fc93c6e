import { tableToIPC } from 'apache-arrow';
import type { Database } from '../engine/database';
import { inputSpecOf } from '../notebook/format';
import { NotebookRuntime } from '../runtime/runtime';
import { compileTsCell, isCompileError } from '../runtime/ts/compile';
import { InlineSandbox } from '../runtime/ts/inline-sandbox';

/**
 * The app's runtime in Node over `db`, with TypeScript cells in the in-process sandbox (no
 * worker, no isolation): how the headless replay, the scripts and the tests run notebooks.
 * The cells, compiler, input parser and digests are the app's own.
 */
export function nodeRuntime(db: Database, dataTables: ReadonlySet<string>): NotebookRuntime {
  const sandbox = new InlineSandbox({ query: async (sql, params) => tableToIPC(await db.query(sql, params), 'stream') });
  return new NotebookRuntime({
    db,
    sandbox,
    compileTs: (source) => {
      const compiled = compileTsCell(source);
      return isCompileError(compiled) ? compiled : { references: compiled.references };
    },
    parseInput: (cell) => {
      const parsed = inputSpecOf(cell);
      return 'error' in parsed ? { error: { message: parsed.error.message, line: parsed.error.line } } : parsed;
    },
    dataTables: () => dataTables,
  });
}
