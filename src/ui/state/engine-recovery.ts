import type { Database } from '../../engine/database';
import { RecoveringDatabase } from '../../engine/recovering-database';
import { mortalOf } from '../../engine/wasm/start-browser';
import { replayLoads } from './load-recipes';
import type { WorkspaceStore } from './workspace-store';

/**
 * The workspace's side of surviving a DuckDB worker that died (recovering-database.ts restarts
 * the engine): the user is told at once; the new engine gets every loaded table again from its
 * file with the choices made when it was loaded (load-recipes.ts); the notebook runs again, since
 * its cells' tables lived in the dead engine. No page reload, nothing the user typed is lost.
 */

/** Starts the workspace's database: `start` gives a new DuckDB each time it is called (the first, then each restart). */
export function startRecoveringDatabase(start: () => Promise<Database>): Promise<RecoveringDatabase> {
  return RecoveringDatabase.start(async () => mortalOf(await start()));
}

/** What recovery needs of the notebook's runtime: to run every cell again, unless the notebook is in review (nothing runs by itself). */
export interface RerunnableNotebook {
  readonly autoRun: boolean;
  rerunAll(): Promise<void>;
}

/**
 * Wires recovery into the workspace. `notebook` is asked at recovery time (it may start after the
 * engine). Does nothing for a database that cannot recover (tests, Node).
 */
export function watchEngineRecovery(store: WorkspaceStore, notebook: () => RerunnableNotebook | null): void {
  const db = store.database;
  if (!(db instanceof RecoveringDatabase)) return;
  db.restore = async (fresh) => {
    performance.mark('tierbook:recovery:engine-ready');
    const { reports, failures } = await replayLoads(fresh, store.recipes.list());
    performance.mark('tierbook:recovery:tables-loaded');
    store.reports.clear();
    for (const report of reports) store.reports.set(report.table, report);
    for (const name of [...store.demoTables]) if (!store.reports.has(name)) store.demoTables.delete(name);
    for (const failure of failures) {
      store.recipes.forget(failure.table);
      store.notify('error', 'notice.engineTableLost', { table: failure.table, file: failure.fileName, message: failure.message });
    }
  };
  db.addEventListener('died', (event) => {
    performance.mark('tierbook:recovery:died');
    store.engine = { status: 'starting' };
    store.notify('error', 'notice.engineDied', { reason: String((event as CustomEvent<string>).detail ?? '') });
  });
  db.addEventListener('recovered', () => {
    void (async () => {
      store.engine = { status: 'ready', version: await db.version() };
      await store.refreshTables();
      store.notify('success', 'notice.engineRecovered', { tables: store.reports.size });
      const runtime = notebook();
      if (runtime?.autoRun) void runtime.rerunAll();
    })();
  });
  db.addEventListener('recovery-failed', (event) => {
    const message = String((event as CustomEvent<string>).detail ?? '');
    store.engine = { status: 'failed', message };
    store.notify('error', 'notice.engineLost', { message });
  });
}
