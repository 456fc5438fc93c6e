import { mkdtemp, realpath, rm, unlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Database, PreparedQuery, QueryOptions, SqlValue, TableInfo } from '../database';
import { QueryCancelledError, setVariable } from '../database';
import { listTables } from '../catalog';
import { SerialQueue } from '../serial-queue';
import { FILES_DIR, nativeHostSql, sandboxSql } from '../session-settings';
import { readerToArrow } from './to-arrow';
import { appendArrowTable } from './append-arrow';

/** Options for a native database. */
export interface NativeDatabaseOptions {
  /** DuckDB threads; defaults to all cores. */
  threads?: number;
  /** A database file; defaults to in-memory. */
  path?: string;
  /**
   * Locks DuckDB as the browser does (`sandboxSql`): SQL reads and writes only this database's
   * own folder, installs and loads no extension, and cannot change a setting. For SQL one did not
   * write (a notebook's, in `npm run replay`); off for scripts and tests reading their own files.
   */
  sandbox?: boolean;
}

/**
 * Native DuckDB (@duckdb/node-api) behind the Database interface, for tests and headless runs.
 * Registered files are written to a private temporary folder, read by SQL under the absolute
 * path `registerFile` returns (without the sandbox, `read_csv('files/name')` finds them too).
 */
export class NativeDatabase implements Database {
  readonly engine = 'duckdb-native' as const;
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly fileDir: string,
  ) {}

  /** Opens an in-memory (or file) database with the app's session settings. */
  static async open(options: NativeDatabaseOptions = {}): Promise<NativeDatabase> {
    const config: Record<string, string> = {};
    if (options.threads) config['threads'] = String(options.threads);
    const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
    const conn = await instance.connect();
    // the real path, so the allowed folder and the paths SQL is given are spelled alike (no symlink)
    const fileDir = await realpath(await mkdtemp(join(tmpdir(), 'tierbook-files-')));
    await mkdir(join(fileDir, FILES_DIR), { recursive: true });
    await conn.run(options.sandbox ? sandboxSql(fileDir + sep, join(fileDir, '.spill')) : nativeHostSql(fileDir));
    return new NativeDatabase(instance, conn, fileDir);
  }

  /** The absolute path SQL reads or writes the file registered as `name` (`files/…`) under. */
  filePath(name: string): string {
    const path = join(this.fileDir, name);
    if (!name.startsWith(FILES_DIR) || !path.startsWith(join(this.fileDir, FILES_DIR))) {
      throw new Error(`Registered files must live under ${FILES_DIR}: ${name}`);
    }
    return path;
  }

  async version(): Promise<string> {
    const result = await this.query('SELECT version() AS v');
    return String(result.getChild('v')!.get(0));
  }

  query(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    return this.queue.run(async () => {
      for (const [name, value] of Object.entries(options.variables ?? {})) {
        const set = setVariable(name, value);
        await this.conn.run(set.sql, [set.param as DuckDBValue]);
      }
      return this.run(sql, params, options.signal);
    }, options.signal);
  }

  async exec(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<void> {
    await this.query(sql, params, options);
  }

  async prepare(sql: string): Promise<PreparedQuery> {
    const statement = await this.queue.run(() => this.conn.prepare(sql));
    return {
      query: (params, options = {}) =>
        this.queue.run(async () => {
          statement.bind(params as DuckDBValue[]);
          return this.interruptible(() => statement.runAndReadAll(), options.signal);
        }, options.signal),
      close: async () => statement.destroySync(),
    };
  }

  async registerFile(name: string, bytes: Uint8Array): Promise<string> {
    const path = this.filePath(name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    return path;
  }

  async dropFile(name: string): Promise<void> {
    await unlink(this.filePath(name)).catch(() => undefined);
  }

  insertArrow(name: string, ipcStream: Uint8Array): Promise<void> {
    const table = tableFromIPC(ipcStream);
    return this.queue.run(() => appendArrowTable(this.conn, name, table));
  }

  tables(): Promise<TableInfo[]> {
    return listTables(this);
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
    await rm(this.fileDir, { recursive: true, force: true });
  }

  private run(sql: string, params: readonly SqlValue[], signal?: AbortSignal): Promise<Table> {
    const values = params.length > 0 ? (params as DuckDBValue[]) : undefined;
    return this.interruptible(() => this.conn.runAndReadAll(sql, values), signal);
  }

  private async interruptible(
    read: () => Promise<Parameters<typeof readerToArrow>[0]>,
    signal?: AbortSignal,
  ): Promise<Table> {
    const onAbort = () => this.conn.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const reader = await read();
      if (signal?.aborted) throw new QueryCancelledError();
      return readerToArrow(reader);
    } catch (error) {
      if (signal?.aborted) throw new QueryCancelledError();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
