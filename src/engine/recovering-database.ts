import type { Table } from 'apache-arrow';
import type { Database, PreparedQuery, QueryOptions, SqlValue, TableInfo } from './database';
import { EngineDiedError, isEngineDeath, type MortalEngine } from './engine-death';

/** What the workspace does with a fresh engine before anyone else may use it: load its tables again. */
export type Restorer = (db: Database) => Promise<void>;

export type RecoveryStatus = 'ready' | 'recovering' | 'failed';

/** Event names: 'died' (detail: the reason), 'recovered', 'recovery-failed' (detail: the message). */
export type RecoveryEventName = 'died' | 'recovered' | 'recovery-failed';

/** One started engine, with our own view of its death (a trap seen in a reply counts too). */
interface Life {
  readonly engine: MortalEngine<Database>;
  readonly died: Promise<string>;
  /** Declares the engine dead (a trap was seen in a reply). */
  markDead(reason: string): void;
  /** Replaced or closed on purpose: its death starts no recovery. */
  retired: boolean;
}

const RESTART_ATTEMPTS = 3;
const CLOSE_WAIT_MS = 1000;

/**
 * A Database that outlives its engine. Every call goes to the current engine and races its death:
 * when the engine dies (its worker crashed, ran out of memory, was terminated: see
 * worker-watchdog.ts), calls in flight reject at once with EngineDiedError instead of waiting
 * forever, a new engine starts, `restore` loads the workspace's tables into it, and only then do
 * calls made meanwhile run (on the new engine). The rest of the app keeps this one object, so
 * nothing that holds the database (cells, the TypeScript sandbox, views) needs to be rebuilt.
 *
 * What lived only in the dead engine is lost and must be rebuilt by its owner: cell tables (the
 * notebook runs again on 'recovered'), registered files, tables made in the SQL tab.
 */
export class RecoveringDatabase extends EventTarget implements Database {
  /** Set by the workspace: reloads its tables into a fresh engine (calls go to `db` directly). */
  restore: Restorer | null = null;
  status: RecoveryStatus = 'ready';
  /** How many times the engine died; each death starts a new engine. */
  deaths = 0;
  private life: Life;
  private recovering: Promise<void> | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly startEngine: () => Promise<MortalEngine<Database>>,
    engine: MortalEngine<Database>,
  ) {
    super();
    this.life = this.adopt(engine);
  }

  /** Starts the first engine. */
  static async start(startEngine: () => Promise<MortalEngine<Database>>): Promise<RecoveringDatabase> {
    return new RecoveringDatabase(startEngine, await startEngine());
  }

  get engine(): Database['engine'] {
    return this.life.engine.db.engine;
  }

  /** Resolves once no recovery is under way (rejects if the engine could not be restarted). */
  async settled(): Promise<void> {
    while (this.recovering) await this.recovering;
    if (this.failure) throw this.failure;
  }

  version(): Promise<string> {
    return this.call((db) => db.version());
  }

  query(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<Table> {
    return this.call((db) => db.query(sql, params, options));
  }

  exec(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<void> {
    return this.call((db) => db.exec(sql, params, options));
  }

  /** A prepared statement belongs to one engine: after a restart it is prepared again, on first use. */
  async prepare(sql: string): Promise<PreparedQuery> {
    let life = this.life;
    let statement = await this.call((db) => db.prepare(sql));
    return {
      query: async (params, options) => {
        await this.settled();
        if (life !== this.life) {
          life = this.life;
          statement = await this.call((db) => db.prepare(sql));
        }
        const current = statement;
        return this.call(() => current.query(params, options));
      },
      close: async () => {
        if (life === this.life) await statement.close();
      },
    };
  }

  registerFile(name: string, bytes: Uint8Array): Promise<string> {
    return this.call((db) => db.registerFile(name, bytes));
  }

  dropFile(name: string): Promise<void> {
    return this.call((db) => db.dropFile(name));
  }

  insertArrow(name: string, ipcStream: Uint8Array): Promise<void> {
    return this.call((db) => db.insertArrow(name, ipcStream));
  }

  tables(): Promise<TableInfo[]> {
    return this.call((db) => db.tables());
  }

  /** Closes the current engine; one that no longer answers is given a second, then freed anyway. */
  async close(): Promise<void> {
    const engine = this.life.engine;
    this.life.retired = true;
    this.life.markDead('closed');
    try {
      await Promise.race([engine.db.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS))]);
    } finally {
      engine.dispose();
    }
  }

  /** Runs `fn` on the current engine once any recovery is over; a death on the way rejects it. */
  private async call<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    await this.settled();
    return guarded(this.life, fn);
  }

  private adopt(engine: MortalEngine<Database>): Life {
    let markDead: (reason: string) => void = () => undefined;
    const own = new Promise<string>((resolve) => (markDead = resolve));
    const life: Life = {
      engine,
      died: Promise.race([engine.died, own]),
      markDead: (reason) => markDead(reason),
      retired: false,
    };
    void life.died.then((reason) => this.onDeath(life, reason));
    return life;
  }

  private onDeath(life: Life, reason: string): void {
    // a death while recovering is the recovery's own business (its guarded calls reject)
    if (life.retired || life !== this.life || this.status === 'recovering') return;
    this.deaths++;
    this.status = 'recovering';
    this.failure = null;
    this.emit('died', reason);
    this.recovering = this.recover(life).finally(() => (this.recovering = null));
  }

  /** Frees the dead engine, starts a new one and restores the tables into it; retries a few times. */
  private async recover(dead: Life): Promise<void> {
    dead.engine.dispose();
    let lastError: unknown = null;
    for (let attempt = 0; attempt < RESTART_ATTEMPTS; attempt++) {
      let life: Life | null = null;
      try {
        const engine = await this.startEngine();
        life = this.adopt(engine);
        this.life = life;
        const restore = this.restore;
        if (restore) await guarded(life, (db) => restore(db));
        this.status = 'ready';
        this.emit('recovered');
        return;
      } catch (error) {
        lastError = error;
        // a new engine that died while being filled is dropped; its own death handler stands down
        if (life) {
          life.retired = true;
          life.markDead('replaced');
          life.engine.dispose();
        }
      }
    }
    const message = lastError instanceof Error ? lastError.message : String(lastError);
    this.failure = new EngineDiedError(`it could not be restarted: ${message}`);
    this.status = 'failed';
    this.emit('recovery-failed', message);
  }

  private emit(type: RecoveryEventName, detail?: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** Runs `fn` against a life's engine, rejecting with EngineDiedError as soon as that engine dies. */
async function guarded<T>(life: Life, fn: (db: Database) => Promise<T>): Promise<T> {
  const death = life.died.then((reason) => {
    throw new EngineDiedError(reason);
  });
  try {
    return await Promise.race([fn(life.engine.db), death]);
  } catch (error) {
    if (isEngineDeath(error) && !(error instanceof EngineDiedError)) {
      const reason = `${error instanceof Error ? error.message : String(error)}`;
      life.markDead(reason);
      throw new EngineDiedError(reason);
    }
    throw error;
  }
}
