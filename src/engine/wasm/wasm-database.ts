import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Database, PreparedQuery, QueryOptions, SqlValue, TableInfo } from '../database';
import { QueryCancelledError, setVariable } from '../database';
import { listTables } from '../catalog';
import { SerialQueue } from '../serial-queue';
import { concatBytes } from '../bytes';
import { FILES_DIR, WASM_SESSION_SQL } from '../session-settings';

/** Opens options every DuckDB-WASM instance of the app uses: no BigInt, no unscaled decimals. */
export const WASM_OPEN_CONFIG = {
  query: { castBigIntToDouble: true, castDecimalToDouble: true },
} as const;

/**
 * DuckDB-WASM behind the Database interface. Queries run as pending queries, so a running query can
 * be cancelled (STACK.md: `query` cannot be cancelled) and the connection survives. Results travel
 * as Arrow IPC bytes and are decoded with the app's own Arrow, so a second Arrow copy (as under
 * Node, where DuckDB-WASM loads Arrow as CommonJS) can never produce foreign objects.
 */
export class WasmDatabase implements Database {
  readonly engine = 'duckdb-wasm' as const;
  private readonly queue = new SerialQueue();
  /**
   * Set by close(). DuckDB-WASM answers a call after terminate() with `undefined` at once (and a
   * console error), so a poll loop still running would spin on microtasks forever, starving the
   * event loop: every loop checks this.
   */
  private closed = false;

  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly conn: AsyncDuckDBConnection,
  ) {}

  /** Wraps an instantiated AsyncDuckDB: opens it, connects and applies the session settings. */
  static async open(db: AsyncDuckDB): Promise<WasmDatabase> {
    await db.open(WASM_OPEN_CONFIG);
    const conn = await db.connect();
    await conn.query(WASM_SESSION_SQL);
    return new WasmDatabase(db, conn);
  }

  version(): Promise<string> {
    return this.db.getVersion();
  }

  query(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<Table> {
    return this.queue.run(async () => {
      for (const [name, value] of Object.entries(options.variables ?? {})) {
        const set = setVariable(name, value);
        await this.runPreparedOnce(set.sql, [set.param]);
      }
      if (params.length === 0) return this.runPending(sql, options.signal);
      const statement = await this.db.createPrepared(this.connectionId, sql);
      try {
        return await this.runPrepared(statement, params, options.signal);
      } finally {
        await this.db.closePrepared(this.connectionId, statement);
      }
    }, options.signal);
  }

  async exec(sql: string, params: readonly SqlValue[] = [], options: QueryOptions = {}): Promise<void> {
    await this.query(sql, params, options);
  }

  async prepare(sql: string): Promise<PreparedQuery> {
    const statement = await this.queue.run(() => this.db.createPrepared(this.connectionId, sql));
    return {
      query: (params, options = {}) =>
        this.queue.run(() => this.runPrepared(statement, params, options.signal), options.signal),
      close: () => this.queue.run(() => this.db.closePrepared(this.connectionId, statement)),
    };
  }

  async registerFile(name: string, bytes: Uint8Array): Promise<string> {
    if (!name.startsWith(FILES_DIR)) throw new Error(`Registered files must live under ${FILES_DIR}: ${name}`);
    await this.db.registerFileBuffer(name, bytes);
    return name;
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(name);
  }

  insertArrow(name: string, ipcStream: Uint8Array): Promise<void> {
    return this.queue.run(async () => {
      await this.conn.query(`DROP TABLE IF EXISTS "${name.replaceAll('"', '""')}"`);
      await this.conn.insertArrowFromIPCStream(ipcStream, { name, create: true });
    });
  }

  tables(): Promise<TableInfo[]> {
    return listTables(this);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.conn.close();
    await this.db.terminate();
  }

  private async runPreparedOnce(sql: string, params: readonly SqlValue[]): Promise<void> {
    const statement = await this.db.createPrepared(this.connectionId, sql);
    try {
      await this.runPrepared(statement, params);
    } finally {
      await this.db.closePrepared(this.connectionId, statement);
    }
  }

  private throwIfClosed(): void {
    if (this.closed) throw new Error('DuckDB was closed while this query ran');
  }

  private get connectionId(): number {
    return this.conn.useUnsafe((_db, id) => id);
  }

  /** Runs SQL as a pending query, polling so that an abort can cancel it between steps. */
  private async runPending(sql: string, signal?: AbortSignal): Promise<Table> {
    const onAbort = () => void this.db.cancelPendingQuery(this.connectionId);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let header = await this.db.startPendingQuery(this.connectionId, sql, false);
      while (header == null) {
        if (signal?.aborted) throw new QueryCancelledError();
        this.throwIfClosed();
        header = await this.db.pollPendingQuery(this.connectionId);
      }
      return await this.readResult(header, signal);
    } catch (error) {
      if (signal?.aborted) throw new QueryCancelledError();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Runs a prepared statement. DuckDB-WASM runs it in one step: an abort is honoured after it. */
  private async runPrepared(statement: number, params: readonly SqlValue[], signal?: AbortSignal): Promise<Table> {
    const header = await this.db.sendPrepared(this.connectionId, statement, [...params]);
    return this.readResult(header, signal);
  }

  /** Fetches the IPC messages that follow a result header and decodes them as one table. */
  private async readResult(header: Uint8Array, signal?: AbortSignal): Promise<Table> {
    const messages: Uint8Array[] = [header];
    for (;;) {
      if (signal?.aborted) throw new QueryCancelledError();
      this.throwIfClosed();
      const chunk = await this.db.fetchQueryResults(this.connectionId);
      if (chunk == null) continue;
      if (chunk.length === 0) break;
      messages.push(chunk);
    }
    return tableFromIPC(concatBytes(messages));
  }
}
