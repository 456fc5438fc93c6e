import { tableToIPC } from 'apache-arrow';
import type { Database, TableInfo } from '../../engine/database';
import { manifestEntry } from '../../notebook/manifest';
import { NotebookStore, isStorageError, notebookId, requestPersistence, type PersistenceReport, type StorageErrorKind } from '../../notebook/storage';
import { compileTsCell, isCompileError } from '../../runtime/ts/compile';
import type { TsSandbox } from '../../runtime/contracts';
import type { EditorSchema } from '../editor/types';
import type { WorkspaceStore } from '../state/workspace-store';
import { bundledNotebook, DEMO_NOTEBOOK, readLibrary, type NotebookLibrary } from './notebook-library';
import { NotebookSession } from './notebook-session';
import type { OpenRequest } from './notebook-toolbar';
import pkg from '../../../package.json';

const BLANK = '---\ntierbook: 1\ntitle: 新笔记本\n---\n';

/**
 * Everything around the open notebook: the browser's notebook store, the TypeScript sandbox,
 * the session, which notebook opens at start (the one last worked on, else the bundled demo),
 * opening others, and flushing unsaved work when the page is hidden or closed.
 */
export class NotebookHost extends EventTarget {
  readonly session: NotebookSession;
  library: NotebookLibrary = { bundled: [], stored: [] };
  persistence: PersistenceReport | null = null;
  /** the one request for persistent storage, so the saves that follow do not ask again */
  private persistenceAsked: Promise<void> | null = null;
  private readonly tableNames: () => string[];
  /** each loaded table's fingerprint, to tell the runtime which tables a load changed */
  private dataSeen: Map<string, string>;

  private constructor(
    workspace: WorkspaceStore,
    private readonly store: NotebookStore | null,
    db: Database,
    sandbox: TsSandbox,
    duckdbVersion: string,
  ) {
    super();
    this.session = new NotebookSession({
      db,
      sandbox,
      store,
      compileTs: (source) => {
        const compiled = compileTsCell(source);
        return isCompileError(compiled) ? compiled : { references: compiled.references };
      },
      dataTables: () => new Set(workspace.tables.map((t) => t.name)),
      dataManifest: () => [...workspace.reports.values()].map(manifestEntry),
      environment: () => ({ app: pkg.version, duckdb: duckdbVersion }),
    });
    this.dataSeen = dataSignatures(workspace);
    workspace.addEventListener('change', () => {
      const now = dataSignatures(workspace);
      const changed = [...new Set([...now.keys(), ...this.dataSeen.keys()])].filter((name) => now.get(name) !== this.dataSeen.get(name));
      this.dataSeen = now;
      this.session.runtime.dataChanged(changed);
    });
    this.tableNames = () => workspace.tables.map((t) => t.name);
    // Persistence is asked for once something of the user's is stored: Firefox asks the user, so
    // not at start-up, and the first save follows an edit (a user action).
    this.session.addEventListener('change', () => {
      const status = this.session.saveStatus;
      if (status?.state === 'saved' && status.at !== null) void this.askPersistence();
    });
    addEventListener('pagehide', () => this.session.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.session.flush();
    });
  }

  /**
   * The user changed data in place (an UPDATE in the SQL tab): no fingerprint shows it, and
   * which tables it touched is not known, so everything reading a loaded table runs again.
   */
  dataEdited(): void {
    this.session.runtime.dataChanged(this.tableNames());
  }

  /** Starts the host once the workspace's engine is ready, and opens the first notebook. */
  static async start(workspace: WorkspaceStore, makeSandbox: (db: Database) => TsSandbox): Promise<NotebookHost> {
    const db = workspace.database!;
    let store: NotebookStore | null = null;
    let problem: StorageErrorKind | null = null;
    try {
      store = await NotebookStore.open();
    } catch (error) {
      // The notebook still works in memory; the toolbar says that nothing is being saved.
      problem = isStorageError(error) ? error.kind : 'unavailable';
      console.warn('notebook storage could not be opened', error);
    }
    const host = new NotebookHost(workspace, store, db, makeSandbox(db), await db.version());
    if (problem) host.session.setStorageHealth({ ...host.session.storage, problem });
    await host.openFirst();
    return host;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** The notebook last worked on in this browser, else the bundled demo. */
  private async openFirst(): Promise<void> {
    this.library = await readLibrary(this.store);
    const last = this.library.stored[0];
    const stored = last && this.store ? await this.store.get(last.id) : undefined;
    if (stored) await this.session.openStored(stored);
    else await this.openBundled(DEMO_NOTEBOOK);
    this.changed();
  }

  private async openBundled(name: string): Promise<void> {
    await this.session.open(bundledNotebook(name) ?? BLANK, { origin: 'bundled' });
  }

  /** Opens what the notebooks menu or the file picker asked for. */
  async open(request: OpenRequest): Promise<void> {
    this.session.flush();
    if ('bundled' in request) await this.openBundled(request.bundled);
    else if ('stored' in request) {
      const stored = await this.store?.get(notebookId(request.stored));
      if (stored) await this.session.openStored(stored);
    } else if ('file' in request) await this.session.open(await request.file.text(), { origin: 'file', fileName: request.file.name });
    else await this.session.open(BLANK, { origin: 'local' });
    this.library = await readLibrary(this.store);
    this.changed();
  }

  /**
   * Asks the browser to keep the notebooks (after a user action: some browsers ask the user), once
   * per page; the toolbar warns when it was not granted, since the browser may then evict them.
   */
  askPersistence(): Promise<void> {
    this.persistenceAsked ??= requestPersistence().then((report) => {
      this.persistence = report;
      this.session.setStorageHealth({ ...this.session.storage, persistence: report.status });
      this.changed();
    });
    return this.persistenceAsked;
  }

  /** What the editors complete: loaded tables and SQL cells' columns, cell names, input names. */
  editorSchema(tables: readonly TableInfo[]): EditorSchema {
    const out: Record<string, string[]> = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
    const cells: string[] = [];
    const inputs: string[] = [];
    for (const cell of this.session.document.cells) {
      if (cell.kind === 'markdown') continue;
      if (cell.kind === 'input') inputs.push(cell.name);
      else cells.push(cell.name);
      const display = this.session.runtime.state(cell.id)?.display;
      if (display?.kind === 'relation') out[cell.name] = display.columns.map((c) => c.name);
    }
    return { tables: out, cells, inputs };
  }
}

/** A fingerprint of each loaded table: its rows, columns and the file it came from. */
function dataSignatures(workspace: WorkspaceStore): Map<string, string> {
  return new Map(
    workspace.tables.map((t) => [t.name, `${t.rows}|${t.columns.map((c) => `${c.name}:${c.type}`).join(',')}|${workspace.reports.get(t.name)?.source.sha256 ?? ''}`]),
  );
}

/** How the sandbox reaches DuckDB: a query with bound parameters, answered as Arrow IPC. */
export function sandboxQuery(db: Database) {
  return async (sql: string, params: readonly (string | number | boolean | null)[], signal?: AbortSignal) =>
    tableToIPC(await db.query(sql, params, signal ? { signal } : {}), 'stream');
}
