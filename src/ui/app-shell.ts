import { LitElement, css, html, type PropertyValues } from 'lit';
import { takeEngine } from '../app/engine-boot';
import type { InvalidRowPolicy, TableMapping } from '../extract/mapping';
import type { ReadRequest } from '../extract/load-file';
import { StoreController } from './controllers/store-controller';
import { initialLocale, saveLocale, type Locale } from './i18n/locale';
import { message, type MessageKey, type MessageParams } from './i18n/messages';
import { tableRowSource, type RowSource } from './row-source';
import { LocalStorageMappingMemory } from './state/mapping-memory';
import { WorkspaceStore } from './state/workspace-store';
import { startRecoveringDatabase, watchEngineRecovery } from './state/engine-recovery';
import { theme } from './theme';
import './components/data-grid';
import './components/load-progress';
import './components/mapping-dialog';
import './components/notice-list';
import './components/quality-report';
import './components/sql-box';
import './components/table-list';
import './notebook/notebook-view';
import './screening/screening-view';
import './evaluation/evaluation-view';
import { ScreeningSource } from './screening/screening-source';
import { NotebookHost, sandboxQuery } from './notebook/notebook-host';
import type { OpenRequest } from './notebook/notebook-toolbar';
import { WorkerSandbox } from '../runtime/ts/worker-sandbox';

type Tab = 'notebook' | 'screening' | 'evaluation' | 'preview' | 'quality' | 'sql';

const ACCEPT = '.csv,.tsv,.txt,.xlsx,.xlsm,.parquet,.json,.ndjson,.jsonl';

/** A setting for small machines and tests: `?maxFileMB=50` caps the file size the page accepts. */
function maxFileBytesFromUrl(): number | undefined {
  const mb = Number(new URLSearchParams(location.search).get('maxFileMB'));
  return Number.isFinite(mb) && mb > 0 ? mb * 1e6 : undefined;
}

/**
 * The workspace shell: header, the tables, and a preview / data quality / SQL area. Files can be
 * dropped anywhere or picked; each goes through the mapping step and lands as a table.
 */
export class AppShell extends LitElement {
  static override properties = {
    locale: { state: true },
    selected: { state: true },
    tab: { state: true },
    dragging: { state: true },
  };
  declare locale: Locale;
  declare selected: string | null;
  declare tab: Tab;
  declare dragging: boolean;
  readonly store = new WorkspaceStore(() => startRecoveringDatabase(takeEngine), new LocalStorageMappingMemory(), maxFileBytesFromUrl());
  protected readonly storeController = new StoreController(this, this.store);
  private notebooks: NotebookHost | null = null;
  /** the open notebook's model and matrix, followed once for the screening and evaluation tabs */
  private screening: ScreeningSource | null = null;
  private source: RowSource | null = null;
  private sourceKey = '';
  private dragDepth = 0;

  constructor() {
    super();
    this.locale = initialLocale();
    this.selected = null;
    this.tab = 'notebook';
    this.dragging = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('dragenter', this.onDragEnter);
    window.addEventListener('dragleave', this.onDragLeave);
    window.addEventListener('dragover', this.onDragOver);
    window.addEventListener('drop', this.onDrop);
    void this.startAll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('dragenter', this.onDragEnter);
    window.removeEventListener('dragleave', this.onDragLeave);
    window.removeEventListener('dragover', this.onDragOver);
    window.removeEventListener('drop', this.onDrop);
  }

  /** Starts DuckDB and the demo extract, then the notebooks; the page is ready after both. */
  private async startAll(): Promise<void> {
    await this.store.start();
    watchEngineRecovery(this.store, () => this.notebooks?.session.runtime ?? null);
    if (this.store.database) {
      try {
        this.notebooks = await NotebookHost.start(this.store, (db) => new WorkerSandbox({ query: sandboxQuery(db) }));
        this.screening = new ScreeningSource(this.notebooks.session, this.store.database);
        this.addController(new StoreController(this, this.notebooks));
      } catch (error) {
        console.error('notebooks could not start', error);
      }
    }
    this.requestUpdate();
    document.documentElement.dataset['state'] = 'ready';
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // only on a change: setting <html lang>, even to the value it has, restyles the whole page
    // (every :lang match and font choice), 100-190 ms of main thread on the demo notebook
    const lang = this.locale === 'zh' ? 'zh-CN' : 'en';
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    const tables = this.store.tables;
    if (this.selected && !tables.some((t) => t.name === this.selected)) this.selected = null;
    if (!this.selected && tables.length > 0) this.selected = tables[0]!.name;
    const info = tables.find((t) => t.name === this.selected);
    const key = info ? `${info.name}:${info.rows}:${info.columns.map((c) => c.name + c.type).join(',')}` : '';
    if (key !== this.sourceKey) {
      this.sourceKey = key;
      this.source = info && this.store.database ? tableRowSource(this.store.database, info.name, info.columns, info.rows) : null;
    }
  }

  private switchLocale(): void {
    this.locale = this.locale === 'zh' ? 'en' : 'zh';
    saveLocale(this.locale);
  }

  private readonly onDragEnter = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    this.dragDepth++;
    this.dragging = true;
  };
  private readonly onDragLeave = () => {
    this.dragDepth = Math.max(0, this.dragDepth - 1);
    if (this.dragDepth === 0) this.dragging = false;
  };
  private readonly onDragOver = (e: DragEvent) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  };
  private readonly onDrop = (e: DragEvent) => {
    e.preventDefault();
    this.dragDepth = 0;
    this.dragging = false;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) this.store.addFiles(files);
  };

  private pick(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) this.store.addFiles(files);
  }

  /** Loads the confirmed file, then shows its table's quality report. */
  private async onConfirm(detail: { jobId: number; mapping: TableMapping; policy: InvalidRowPolicy }): Promise<void> {
    const table = await this.store.confirm(detail.jobId, detail.mapping, detail.policy);
    if (!table) return;
    this.selected = table;
    this.tab = 'quality';
  }

  private header() {
    const engine = this.store.engine;
    const status =
      engine.status === 'ready' ? this.t('engine.ready', { version: engine.version }) : engine.status === 'failed' ? this.t('engine.failed', { message: engine.message }) : this.t('engine.starting');
    return html`<header>
      <div class="brand">
        <svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="6" fill="#2f6fb2"/><rect x="6" y="7" width="20" height="4" rx="1" fill="#f2c14e"/><rect x="6" y="14" width="14" height="4" rx="1" fill="#9ec5e8"/><rect x="6" y="21" width="8" height="4" rx="1" fill="#dbe7f3"/></svg>
        <div><strong>Tierbook</strong><span>${this.t('app.tagline')}</span></div>
      </div>
      <span class="engine ${engine.status}" data-testid="engine-status">${status}</span>
      <span class="local"><svg viewBox="0 0 16 16" aria-hidden="true"><path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 1 0-4 0z"/></svg>${this.t('app.local')}</span>
      <label class="open">
        <input type="file" multiple accept=${ACCEPT} @change=${this.pick} data-testid="file-input" />
        <span>${this.t('files.open')}</span>
      </label>
      <button class="lang" @click=${this.switchLocale}>${this.t('lang.switch')}</button>
    </header>`;
  }

  private banner() {
    const demo = this.store.demo;
    if (demo.state === 'loading') return html`<div class="banner">${this.t('demo.loading')}</div>`;
    if (demo.state === 'loaded' && this.store.demoTables.size > 0) {
      return html`<div class="banner" data-testid="demo-banner">
        ${this.t('demo.loaded', { customers: demo.customers })}
        <button class="quiet" @click=${() => void this.store.clearDemo()}>${this.t('demo.clear')}</button>
      </div>`;
    }
    return null;
  }

  private main() {
    const tabs: Tab[] = ['notebook', 'screening', 'evaluation', 'preview', 'quality', 'sql'];
    const report = this.selected ? this.store.reports.get(this.selected) ?? null : null;
    return html`<main>
      ${this.banner()}
      <nav role="tablist">
        ${tabs.map((tab) => html`<button role="tab" data-tab=${tab} aria-selected=${this.tab === tab} class=${this.tab === tab ? 'active' : ''} @click=${() => (this.tab = tab)}>${this.t(`tab.${tab}`)}</button>`)}
        ${this.selected && (this.tab === 'preview' || this.tab === 'quality') ? html`<span class="current">${this.selected}</span>` : null}
      </nav>
      <section class="panel">
        ${this.notebooks
          ? html`<tb-screening ?hidden=${this.tab !== 'screening'} .session=${this.notebooks.session} .db=${this.store.database} .source=${this.screening} .locale=${this.locale}></tb-screening>
              <tb-evaluation ?hidden=${this.tab !== 'evaluation'} .session=${this.notebooks.session} .db=${this.store.database} .source=${this.screening} .locale=${this.locale}></tb-evaluation>`
          : null}
        ${this.tab === 'screening' || this.tab === 'evaluation'
          ? this.notebooks
            ? null
            : html`<p class="muted">${this.t('engine.starting')}</p>`
          : this.tab === 'notebook'
          ? this.notebooks
            ? html`<tb-notebook
                .session=${this.notebooks.session}
                .db=${this.store.database}
                .schema=${this.notebooks.editorSchema(this.store.tables)}
                .library=${this.notebooks.library}
                .locale=${this.locale}
                @open-notebook=${(e: CustomEvent<OpenRequest>) => void this.notebooks?.open(e.detail)}
              ></tb-notebook>`
            : html`<p class="muted">${this.t('engine.starting')}</p>`
          : this.tab === 'preview'
          ? this.source
            ? html`<tb-data-grid .source=${this.source} .locale=${this.locale}></tb-data-grid>`
            : html`<div class="drop-hint">${this.t('files.drop')}</div>`
          : this.tab === 'quality'
            ? html`<tb-quality-report .report=${report} .locale=${this.locale}></tb-quality-report>`
            : html`<tb-sql-box .db=${this.store.database} .locale=${this.locale} .sql=${this.selected ? `SELECT * FROM "${this.selected}" LIMIT 100` : ''} @query-ran=${(e: CustomEvent<{ mayWrite: boolean }>) => {
                void this.store.refreshTables();
                if (e.detail.mayWrite) this.notebooks?.dataEdited();
              }}></tb-sql-box>`}
      </section>
    </main>`;
  }

  override render() {
    const waiting = this.store.jobs.filter((j) => j.state === 'mapping');
    const job = waiting[0] ?? null;
    const queued = this.store.jobs.filter((j) => j.state !== 'cancelled' && j.state !== 'failed');
    return html`
      ${this.header()}
      <div class="body">
        <aside>
          <h2>${this.t('tables.title')}</h2>
          <tb-table-list
            .tables=${this.store.tables}
            .reports=${new Map(this.store.reports)}
            .demoTables=${new Set(this.store.demoTables)}
            .selected=${this.selected}
            .locale=${this.locale}
            @select-table=${(e: CustomEvent<string>) => (this.selected = e.detail)}
            @drop-table=${(e: CustomEvent<string>) => void this.store.dropTable(e.detail)}
          ></tb-table-list>
          <p class="hint muted">${this.t('files.drop')}</p>
        </aside>
        ${this.main()}
      </div>
      <tb-mapping-dialog
        .job=${job}
        .db=${this.store.database}
        .locale=${this.locale}
        .existing=${new Set(this.store.tables.map((t) => t.name))}
        .queue=${{ index: job ? queued.indexOf(job) + 1 : 1, count: queued.length }}
        @confirm-mapping=${(e: CustomEvent<{ jobId: number; mapping: TableMapping; policy: InvalidRowPolicy }>) => void this.onConfirm(e.detail)}
        @reread=${(e: CustomEvent<{ jobId: number; request: ReadRequest }>) => void this.store.reread(e.detail.jobId, e.detail.request)}
      ></tb-mapping-dialog>
      <tb-load-progress .jobs=${[...this.store.jobs]} .locale=${this.locale} @cancel-job=${(e: CustomEvent<number>) => void this.store.cancel(e.detail)}></tb-load-progress>
      <tb-notice-list .notices=${[...this.store.notices]} .locale=${this.locale} @dismiss-notice=${(e: CustomEvent<number>) => this.store.dismiss(e.detail)}></tb-notice-list>
      ${this.dragging ? html`<div class="overlay"><div>${this.t('files.dropHere')}</div></div>` : null}
    `;
  }

  static override styles = [
    theme,
    css`
      :host { display: flex; flex-direction: column; height: 100vh; background: var(--tb-bg); }
      header { display: flex; align-items: center; gap: 16px; padding: 10px 18px; background: var(--tb-navy); color: #fff; }
      .brand { display: flex; align-items: center; gap: 10px; margin-right: auto; }
      .brand svg { width: 30px; height: 30px; }
      .brand div { display: flex; flex-direction: column; line-height: 1.2; }
      .brand strong { font-size: 17px; letter-spacing: 0.3px; }
      .brand span { font-size: 12px; color: #b9c7d8; }
      .engine { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: rgba(255, 255, 255, 0.12); }
      .engine.failed { background: var(--tb-red); }
      .local { font-size: 12px; color: #b9c7d8; display: inline-flex; align-items: center; gap: 5px; }
      .local svg { width: 12px; height: 12px; }
      .open input { display: none; }
      .open span { display: inline-block; background: var(--tb-gold); color: var(--tb-navy); font-weight: 600; padding: 6px 14px; border-radius: 6px; cursor: pointer; }
      .lang { background: transparent; color: #fff; border-color: rgba(255, 255, 255, 0.35); }
      .body { flex: 1; display: grid; grid-template-columns: 290px 1fr; min-height: 0; }
      aside { border-right: 1px solid var(--tb-line); background: #fbfcfd; padding: 14px 10px; overflow: auto; }
      aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.6px; color: var(--tb-muted); margin: 0 6px 8px; }
      .hint { font-size: 12px; margin: 16px 8px; padding: 10px; border: 1px dashed var(--tb-line); border-radius: var(--tb-radius); }
      main { display: flex; flex-direction: column; min-width: 0; min-height: 0; padding: 12px 16px 16px; gap: 10px; }
      .banner { background: #f1ecfb; color: #53389e; border-radius: var(--tb-radius); padding: 8px 12px; display: flex; align-items: center; justify-content: space-between; gap: 12px; }
      nav { display: flex; gap: 4px; align-items: center; border-bottom: 1px solid var(--tb-line); }
      nav button { border: none; border-bottom: 2px solid transparent; border-radius: 0; background: transparent; padding: 8px 14px; color: var(--tb-muted); }
      nav button.active { color: var(--tb-blue); border-bottom-color: var(--tb-blue); font-weight: 600; }
      .current { margin-left: auto; color: var(--tb-muted); font-size: 12px; }
      .panel { flex: 1; min-height: 0; display: flex; flex-direction: column; }
      .panel > * { flex: 1; min-height: 0; }
      .panel > tb-screening, .panel > tb-evaluation { overflow: auto; }
      .panel > [hidden] { display: none; }
      .drop-hint { display: grid; place-items: center; border: 2px dashed var(--tb-line); border-radius: 12px; color: var(--tb-muted); padding: 40px; text-align: center; }
      .overlay { position: fixed; inset: 0; z-index: 30; background: rgba(47, 111, 178, 0.18); display: grid; place-items: center; pointer-events: none; }
      .overlay div { background: var(--tb-card); border: 2px dashed var(--tb-blue); color: var(--tb-blue); font-size: 20px; font-weight: 600; padding: 40px 60px; border-radius: 16px; }
    `,
  ];
}
customElements.define('tb-app', AppShell);
