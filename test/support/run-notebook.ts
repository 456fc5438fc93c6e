import { tableToIPC } from 'apache-arrow';
import type { Database } from '../../src/engine/database';
import type { NotebookDocument } from '../../src/notebook/document';
import { inputSpecOf } from '../../src/notebook/format';
import { NotebookRuntime } from '../../src/runtime/runtime';
import { compileTsCell, isCompileError } from '../../src/runtime/ts/compile';
import { InlineSandbox } from '../../src/runtime/ts/inline-sandbox';

/** A runtime in Node over `db`, with the in-process sandbox: how tests run notebooks headless. */
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

/** Runs every cell of a document and waits until nothing is running. */
export async function runNotebook(runtime: NotebookRuntime, document: NotebookDocument): Promise<void> {
  runtime.setCells(document.cells);
  await runtime.idle();
}
