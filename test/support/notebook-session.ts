import { tableToIPC } from 'apache-arrow';
import type { Database } from '../../src/engine/database';
import type { QualityReport } from '../../src/extract/report';
import { manifestEntry } from '../../src/notebook/manifest';
import type { NotebookStore } from '../../src/notebook/storage';
import { compileTsCell, isCompileError } from '../../src/runtime/ts/compile';
import { InlineSandbox } from '../../src/runtime/ts/inline-sandbox';
import { NotebookSession } from '../../src/ui/notebook/notebook-session';

/** A notebook session over a test database, as the app builds one (TypeScript cells run in-process). */
export function testSession(db: Database, reports: readonly QualityReport[], store: NotebookStore | null = null): NotebookSession {
  return new NotebookSession({
    db,
    sandbox: new InlineSandbox({ query: async (sql, params) => tableToIPC(await db.query(sql, params), 'stream') }),
    store,
    compileTs: (source) => {
      const compiled = compileTsCell(source);
      return isCompileError(compiled) ? compiled : { references: compiled.references };
    },
    dataTables: () => new Set(reports.map((r) => r.table)),
    dataManifest: () => reports.map(manifestEntry),
    environment: () => ({ app: 'test', duckdb: 'test' }),
  });
}
