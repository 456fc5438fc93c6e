import type { Database, TableInfo } from '../../engine/database';
import { isCancellation, quoteIdent } from '../../engine/database';
import type { LoadIssue } from '../../extract/issues';
import { LoadError } from '../../extract/issues';
import type { ReadRequest } from '../../extract/load-file';
import { completeLoad, discardStaged, stageFile } from '../../extract/load-file';
import type { InvalidRowPolicy, MappingMemory, TableMapping } from '../../extract/mapping';
import type { QualityReport } from '../../extract/report';
import { TABLE_NAMES } from '../../extract/recognise';
import { checkFileSize, memoryLimitBytes } from '../../extract/size-budget';
import { detectFormat, sha256Hex } from '../../extract/source';
import { DEMO_BASE, fetchDemoManifest, fetchOwnFile, type DemoManifest } from './demo';
import type { LoadJob } from './load-job';
import { isActive, newJob } from './load-job';
import { asIssue } from './load-issue';
import { readFileBytes } from './read-file';
import { LoadRecipes } from './load-recipes';

/** Notices about the engine itself: it died, it is back with its tables, a table could not be made again. */
export type EngineNoticeKey = 'notice.engineDied' | 'notice.engineRecovered' | 'notice.engineTableLost' | 'notice.engineLost';

/** A message shown to the user until dismissed. */
export interface Notice {
  readonly id: number;
  readonly kind: 'success' | 'error' | 'info';
  readonly key: 'notice.loaded' | 'notice.cancelled' | 'notice.failed' | EngineNoticeKey;
  readonly params: Readonly<Record<string, string | number>>;
  readonly issue?: LoadIssue;
}

export type EngineState = { status: 'starting' } | { status: 'ready'; version: string } | { status: 'failed'; message: string };

/**
 * The workspace's state outside the DOM: the engine, its tables, the quality report of each
 * loaded file, the files being loaded and the notices. Views subscribe to 'change'.
 */
export class WorkspaceStore extends EventTarget {
  engine: EngineState = { status: 'starting' };
  tables: TableInfo[] = [];
  readonly reports = new Map<string, QualityReport>();
  readonly demoTables = new Set<string>();
  /** how each loaded table was made, to make it again in a new engine (engine-recovery.ts) */
  readonly recipes = new LoadRecipes();
  jobs: LoadJob[] = [];
  notices: Notice[] = [];
  demo: { state: 'idle' | 'loading' | 'loaded' | 'failed'; customers: number; ms: number } = { state: 'idle', customers: 0, ms: 0 };
  private db: Database | null = null;
  private memoryLimit = 3 * 1024 ** 3;
  private noticeId = 1;

  constructor(
    private readonly startEngine: () => Promise<Database>,
    private readonly memory: MappingMemory,
    private readonly maxFileBytesOverride?: number,
  ) {
    super();
  }

  /** The database, once started. */
  get database(): Database | null {
    return this.db;
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** Starts DuckDB, then loads the bundled demo extract when nothing is loaded. */
  async start(): Promise<void> {
    // the demo is Parquet: fetch it and compile parquet-wasm while DuckDB starts, not after
    void import('../../extract/readers/parquet-module').then((m) => m.parquetModule()).catch(() => undefined);
    const demo = fetchDemo();
    demo.catch(() => undefined);
    try {
      this.db = await this.startEngine();
      this.memoryLimit = await memoryLimitBytes(this.db);
      this.engine = { status: 'ready', version: await this.db.version() };
      performance.mark('tierbook:engine-ready');
    } catch (error) {
      this.engine = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      this.changed();
      return;
    }
    this.changed();
    await this.loadDemo(demo);
  }

  /** Loads every file of public/demo/ with its recognised mapping, as a demo shows it. */
  async loadDemo(fetched: Promise<FetchedDemo> = fetchDemo()): Promise<void> {
    const db = this.db;
    if (!db) return;
    const started = performance.now();
    this.demo = { ...this.demo, state: 'loading' };
    this.changed();
    try {
      const { manifest, files } = await fetched;
      for (const [k, entry] of manifest.files.entries()) {
        const t0 = performance.now();
        const bytes = await files[k]!;
        const t1 = performance.now();
        if (entry.sha256 && (await sha256Hex(bytes)) !== entry.sha256) throw new Error(`${entry.file}: SHA-256 differs from the demo manifest`);
        const staged = await stageFile(db, entry.file, bytes, { takenNames: new Set(), trusted: true, sha256: entry.sha256 });
        const t2 = performance.now();
        const report = await completeLoad(db, staged, { ...staged.proposal, name: entry.table }, { trusted: true });
        performance.measure(`tierbook:demo:${entry.table}:fetch`, { start: t0, end: t1 });
        performance.measure(`tierbook:demo:${entry.table}:stage`, { start: t1, end: t2 });
        performance.measure(`tierbook:demo:${entry.table}:clean`, { start: t2, end: performance.now() });
        this.reports.set(report.table, report);
        this.demoTables.add(report.table);
        const file = DEMO_BASE + entry.file;
        this.recipes.record({ table: report.table, fileName: entry.file, read: () => fetchOwnFile(file), ...(entry.sha256 ? { sha256: entry.sha256 } : {}), request: {}, mapping: report.mapping, policy: report.policy, trusted: true });
      }
      this.demo = { state: 'loaded', customers: manifest.customers ?? 0, ms: Math.round(performance.now() - started) };
      performance.mark('tierbook:demo-loaded');
    } catch (error) {
      this.demo = { ...this.demo, state: 'failed' };
      this.notify('error', 'notice.failed', { file: 'demo' }, asIssue(error, 'demo'));
    }
    await this.refreshTables();
  }

  /** Re-reads the list of tables from DuckDB. */
  async refreshTables(): Promise<void> {
    if (this.db) this.tables = sortTables(await this.db.tables());
    this.changed();
  }

  /** Queues files the user dropped or picked; each is read, staged and waits for its mapping. */
  addFiles(files: readonly File[]): void {
    const jobs = files.map((f) => newJob(f, f.name));
    this.jobs = [...this.jobs.filter(isActive), ...jobs];
    this.changed();
    void this.process(jobs);
  }

  private async process(jobs: readonly LoadJob[]): Promise<void> {
    for (const job of jobs) await this.stageJob(job);
  }

  /** Reads and stages one job's file (again, when the user changed how it is read). */
  private async stageJob(job: LoadJob): Promise<void> {
    const db = this.db;
    if (!db || job.state === 'cancelled') return;
    const signal = job.controller.signal;
    try {
      const head = new Uint8Array(await job.file.slice(0, 16).arrayBuffer());
      checkFileSize({ name: job.fileName, size: job.size, sha256: '', format: job.size === 0 ? 'csv' : detectFormat(job.fileName, head) }, this.maxBytes());
      job.state = 'reading';
      const bytes = await readFileBytes(job.file, (done, total) => this.progress(job, { phase: 'reading', done, total }), signal);
      const sha256 = await sha256Hex(bytes);
      const existing = [...this.reports.values()].find((r) => r.source.sha256 === sha256 && !this.demoTables.has(r.table));
      if (existing) throw new LoadError({ code: 'duplicate-file', severity: 'error', file: job.fileName, detail: { table: existing.table } });
      job.state = 'staging';
      this.changed();
      job.staged = await stageFile(db, job.fileName, bytes, {
        request: job.request,
        // the user's own data replaces a demo table of the same name
        takenNames: new Set(this.tables.map((t) => t.name).filter((n) => !this.demoTables.has(n))),
        memory: this.memory,
        sha256,
        signal,
        onProgress: (p) => this.progress(job, p),
      });
      job.state = 'mapping';
      job.progress = null;
    } catch (error) {
      this.fail(job, error);
    }
    this.changed();
  }

  private progress(job: LoadJob, progress: LoadJob['progress']): void {
    job.progress = progress;
    this.changed();
  }

  private maxBytes(): number {
    return this.maxFileBytesOverride ?? this.memoryLimit;
  }

  /** The user changed how a file is read (delimiter, header, sheet...): read it again. */
  async reread(jobId: number, request: ReadRequest): Promise<void> {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job || !this.db) return;
    if (job.staged) await discardStaged(this.db, job.staged.staged);
    job.staged = null;
    job.request = { ...job.request, ...request };
    await this.stageJob(job);
  }

  /** The user confirmed a mapping: clean the file into its table and keep the report. Returns the table's name. */
  async confirm(jobId: number, mapping: TableMapping, policy: InvalidRowPolicy): Promise<string | null> {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job?.staged || !this.db) return null;
    job.state = 'loading';
    this.changed();
    try {
      const report = await completeLoad(this.db, job.staged, mapping, {
        policy,
        memory: this.memory,
        signal: job.controller.signal,
        onProgress: (p) => this.progress(job, p),
      });
      this.reports.set(report.table, report);
      this.demoTables.delete(report.table);
      const file = job.file;
      this.recipes.record({ table: report.table, fileName: job.fileName, read: () => readFileBytes(file), sha256: report.source.sha256, request: job.request, mapping, policy, trusted: false });
      job.state = 'done';
      await this.refreshTables();
      this.notify('success', 'notice.loaded', { file: job.fileName, table: report.table, loaded: report.rowsLoaded, rejected: report.rowsRejected });
      return report.table;
    } catch (error) {
      this.fail(job, error);
      this.changed();
      return null;
    }
  }

  /** Skips or cancels a file: stops its work and drops its staging table; nothing else changes. */
  async cancel(jobId: number): Promise<void> {
    const job = this.jobs.find((j) => j.id === jobId);
    if (!job || !isActive(job)) return;
    job.controller.abort();
    job.state = 'cancelled';
    if (job.staged && this.db) await discardStaged(this.db, job.staged.staged);
    job.staged = null;
    this.notify('info', 'notice.cancelled', { file: job.fileName });
  }

  /** Drops a table and its report. */
  async dropTable(name: string): Promise<void> {
    if (!this.db) return;
    await this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    this.reports.delete(name);
    this.demoTables.delete(name);
    this.recipes.forget(name);
    await this.refreshTables();
  }

  /** Removes every table that came from the demo. */
  async clearDemo(): Promise<void> {
    for (const name of [...this.demoTables]) await this.dropTable(name);
    this.demo = { ...this.demo, state: 'idle' };
    this.changed();
  }

  dismiss(noticeId: number): void {
    this.notices = this.notices.filter((n) => n.id !== noticeId);
    this.changed();
  }

  private fail(job: LoadJob, error: unknown): void {
    if (job.state === 'cancelled' || isCancellation(error) || job.controller.signal.aborted) {
      job.state = 'cancelled';
      return;
    }
    job.state = 'failed';
    job.error = asIssue(error, job.fileName);
    this.notify('error', 'notice.failed', { file: job.fileName }, job.error);
  }

  notify(kind: Notice['kind'], key: Notice['key'], params: Notice['params'], issue?: LoadIssue): void {
    this.notices = [...this.notices, { id: this.noticeId++, kind, key, params, ...(issue ? { issue } : {}) }].slice(-6);
    this.changed();
  }
}

interface FetchedDemo {
  readonly manifest: DemoManifest;
  /** each file's bytes, fetched in parallel */
  readonly files: readonly Promise<Uint8Array>[];
}

/** Starts fetching the demo's manifest and files. */
async function fetchDemo(): Promise<FetchedDemo> {
  const manifest = await fetchDemoManifest();
  const files = manifest.files.map((entry) => fetchOwnFile(DEMO_BASE + entry.file));
  for (const f of files) f.catch(() => undefined);
  return { manifest, files };
}

/** The extract's tables first, in DOMAIN.md's order, then the rest by name. */
function sortTables(tables: TableInfo[]): TableInfo[] {
  const rank = (name: string) => {
    const i = TABLE_NAMES.indexOf(name as (typeof TABLE_NAMES)[number]);
    return i < 0 ? TABLE_NAMES.length : i;
  };
  return [...tables].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

