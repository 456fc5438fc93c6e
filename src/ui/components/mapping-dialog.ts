import { LitElement, css, html, type PropertyValues } from 'lit';
import type { Database } from '../../engine/database';
import { quoteIdent } from '../../engine/database';
import type { ColumnMapping, InvalidRowPolicy, TableMapping } from '../../extract/mapping';
import { mapToTable, missingRequired, TABLE_NAMES } from '../../extract/recognise';
import type { ColumnKind, TableName } from '../../extract/schema';
import { tableSpec } from '../../extract/schema';
import type { ReadRequest } from '../../extract/load-file';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { issueText } from '../i18n/issue-text';
import type { LoadJob } from '../state/load-job';
import { theme } from '../theme';

const KINDS: readonly ColumnKind[] = ['id', 'text', 'category', 'amount', 'number', 'rate', 'integer', 'date', 'flag'];
const UNITS = [
  [1, 'units.plain'],
  [10_000, 'units.wan'],
  [100_000_000, 'units.yi'],
] as const;
const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The column-mapping step: how the file was read (overridable), which extract table it is, and
 * where each column goes and how it is parsed, with sample values to judge by.
 */
export class MappingDialog extends LitElement {
  static override properties = {
    job: { attribute: false },
    db: { attribute: false },
    queue: { attribute: false },
    existing: { attribute: false },
    locale: {},
    mapping: { state: true },
    policy: { state: true },
    samples: { state: true },
  };
  declare job: LoadJob | null;
  declare db: Database | null;
  declare queue: { index: number; count: number };
  declare existing: ReadonlySet<string>;
  declare locale: Locale;
  declare mapping: TableMapping | null;
  declare policy: InvalidRowPolicy;
  declare samples: string[][];

  constructor() {
    super();
    this.job = null;
    this.db = null;
    this.queue = { index: 1, count: 1 };
    this.existing = new Set();
    this.locale = 'zh';
    this.mapping = null;
    this.policy = 'reject-row';
    this.samples = [];
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('job')) {
      this.mapping = this.job?.staged?.proposal ?? null;
      this.samples = [];
      void this.loadSamples();
    }
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && this.job?.staged && !dialog.open) dialog.showModal();
  }

  private async loadSamples(): Promise<void> {
    const staged = this.job?.staged?.staged;
    if (!staged || !this.db) return;
    const table = await this.db.query(`SELECT * EXCLUDE (__row) FROM ${quoteIdent(staged.table)} LIMIT 4`);
    this.samples = staged.columns.map((_c, i) => {
      const v = table.getChildAt(i);
      return Array.from({ length: table.numRows }, (_x, r) => (v?.get(r) == null ? '' : String(v.get(r))));
    });
  }

  private setColumn(index: number, change: Partial<ColumnMapping>): void {
    if (!this.mapping) return;
    const columns = this.mapping.columns.map((c, i) => (i === index ? { ...c, ...change, confidence: 'user' as const } : c));
    this.mapping = { ...this.mapping, columns };
  }

  private setTarget(index: number, value: string): void {
    const column = this.mapping!.columns[index]!;
    if (value === '') {
      const kind = this.job!.staged!.columns[index]!.detectedKind;
      this.setColumn(index, { target: column.source, canonical: false, kind, unit: 1 });
      return;
    }
    const spec = tableSpec(this.mapping!.table!).columns.find((c) => c.name === value)!;
    this.setColumn(index, { target: spec.name, canonical: true, kind: spec.kind });
  }

  private setTable(value: string): void {
    const staged = this.job!.staged!;
    const table = (value || null) as TableName | null;
    const name = table ?? staged.proposal.name;
    this.mapping = mapToTable(staged.columns, table, name);
  }

  private reread(request: ReadRequest): void {
    this.dispatchEvent(new CustomEvent('reread', { detail: { jobId: this.job!.id, request }, bubbles: true, composed: true }));
  }

  private confirm(): void {
    this.renderRoot.querySelector('dialog')?.close();
    this.dispatchEvent(new CustomEvent('confirm-mapping', { detail: { jobId: this.job!.id, mapping: this.mapping, policy: this.policy }, bubbles: true, composed: true }));
  }

  private skip(): void {
    this.renderRoot.querySelector('dialog')?.close();
    this.dispatchEvent(new CustomEvent('cancel-job', { detail: this.job!.id, bubbles: true, composed: true }));
  }

  private readOptions() {
    const staged = this.job!.staged!.staged;
    const o = staged.options;
    const format = staged.source.format;
    return html`<div class="options">
      <span><span class="muted">${this.t('mapping.format')}</span> ${format.toUpperCase()}</span>
      ${o['encoding'] ? html`<span><span class="muted">${this.t('mapping.encoding')}</span> ${String(o['encoding'])}</span>` : null}
      ${format === 'csv'
        ? html`<label>${this.t('mapping.delimiter')}
              <select @change=${(e: Event) => this.reread({ delimiter: (e.target as HTMLSelectElement).value })}>
                ${DELIMITERS.map((d) => html`<option value=${d} ?selected=${o['delimiter'] === d}>${d === '\t' ? 'TAB' : d}</option>`)}
              </select></label>
            <label>${this.t('mapping.quote')}
              <select @change=${(e: Event) => this.reread({ quote: (e.target as HTMLSelectElement).value })}>
                <option value='"' ?selected=${o['quote'] === '"'}>"</option>
                <option value="" ?selected=${o['quote'] === ''}>${this.t('mapping.quoteNone')}</option>
              </select></label>
            <label><input type="checkbox" .checked=${Boolean(o['header'])} @change=${(e: Event) => this.reread({ header: (e.target as HTMLInputElement).checked })} /> ${this.t('mapping.header')}</label>`
        : null}
      ${staged.parts && staged.parts.length > 0
        ? html`<label>${this.t('mapping.sheet')}
            <select @change=${(e: Event) => this.reread({ sheet: (e.target as HTMLSelectElement).value })}>
              ${staged.parts.map((p) => html`<option ?selected=${o['sheet'] === p}>${p}</option>`)}
            </select></label>
            <label>${this.t('mapping.headerRow')}
              <input type="number" min="1" .value=${String(o['headerRow'] ?? 1)} @change=${(e: Event) => this.reread({ headerRow: Number((e.target as HTMLInputElement).value) })} /></label>`
        : null}
      ${this.readIssues()}
    </div>`;
  }

  /** Problems met while reading (ragged rows, mixed encodings...), listed under a badge; notes shown as such. */
  private readIssues() {
    const issues = this.job!.staged!.staged.issues;
    const problems = issues.filter((i) => i.severity !== 'info');
    const notes = issues.filter((i) => i.severity === 'info');
    return html`
      ${notes.map((i) => html`<span class="badge">${issueText(this.locale, i.code, i.detail)}</span>`)}
      ${problems.length
        ? html`<details class="read-issues"><summary><span class="badge warn">${this.t('mapping.readIssues', { count: problems.length })}</span></summary>
            <ul>${problems.slice(0, 50).map((i) => html`<li>${i.row !== undefined ? html`<strong>${i.row}</strong> ` : null}${issueText(this.locale, i.code, i.detail)} ${i.value ? html`<code>${i.value}</code>` : null}</li>`)}</ul>
          </details>`
        : null}`;
  }

  private columnRow(c: ColumnMapping, index: number) {
    const table = this.mapping!.table;
    const taken = new Set(this.mapping!.columns.filter((m, i) => m.canonical && i !== index).map((m) => m.target));
    const choices = table ? tableSpec(table).columns.filter((s) => !taken.has(s.name)) : [];
    return html`<tr data-source=${c.source} data-target=${c.target} data-kind=${c.kind} data-unit=${c.unit}>
      <td><strong>${c.header || c.source}</strong></td>
      <td class="samples">${(this.samples[index] ?? []).map((s) => html`<span>${s}</span>`)}</td>
      <td>
        <select aria-label=${this.t('mapping.target')} @change=${(e: Event) => this.setTarget(index, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!c.canonical}>${this.t('mapping.keep', { name: c.source })}</option>
          ${choices.map((s) => html`<option value=${s.name} ?selected=${c.canonical && c.target === s.name}>${s.name} · ${s.zh}${s.required ? ' *' : ''}</option>`)}
        </select>
      </td>
      <td>
        <select aria-label=${this.t('mapping.kind')} @change=${(e: Event) => this.setColumn(index, { kind: (e.target as HTMLSelectElement).value as ColumnKind })}>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${c.kind === k}>${this.t(`kind.${k}` as MessageKey)}</option>`)}
        </select>
      </td>
      <td>
        ${c.kind === 'amount'
          ? html`<select aria-label=${this.t('mapping.unit')} @change=${(e: Event) => this.setColumn(index, { unit: Number((e.target as HTMLSelectElement).value) })}>
              ${UNITS.map(([u, key]) => html`<option value=${u} ?selected=${c.unit === u}>${this.t(key)}</option>`)}
            </select>`
          : null}
      </td>
      <td><span class="badge ${c.confidence === 'partial' ? 'warn' : c.confidence === 'none' ? '' : 'ok'}">${this.t(`confidence.${c.confidence}` as MessageKey)}</span></td>
    </tr>`;
  }

  override render() {
    const job = this.job;
    const m = this.mapping;
    if (!job?.staged || !m) return null;
    const missing = missingRequired(m);
    return html`<dialog aria-labelledby="mapping-title" data-testid="mapping-dialog" data-table=${m.table ?? ''} @cancel=${(e: Event) => e.preventDefault()}>
      <header>
        <h2 id="mapping-title">${this.t('mapping.title', { file: job.fileName })}</h2>
        ${this.queue.count > 1 ? html`<span class="muted">${this.t('mapping.queue', this.queue)}</span>` : null}
      </header>
      ${this.readOptions()}
      <div class="target">
        <label>${this.t('mapping.table')}
          <select aria-label=${this.t('mapping.table')} @change=${(e: Event) => this.setTable((e.target as HTMLSelectElement).value)}>
            ${TABLE_NAMES.map((n) => html`<option value=${n} ?selected=${m.table === n}>${this.t(`table.${n}` as MessageKey)} (${n})</option>`)}
            <option value="" ?selected=${m.table === null}>${this.t('mapping.plain')}</option>
          </select>
        </label>
        <label>${this.t('mapping.name')}
          <input type="text" data-testid="mapping-name" .value=${m.name} @input=${(e: Event) => (this.mapping = { ...m, name: (e.target as HTMLInputElement).value.trim() })} />
        </label>
        ${this.existing.has(m.name) ? html`<span class="badge warn">${this.t('mapping.exists')}</span>` : null}
      </div>
      <div class="columns">
        <table>
          <thead><tr><th>${this.t('mapping.source')}</th><th>${this.t('mapping.sample')}</th><th>${this.t('mapping.target')}</th><th>${this.t('mapping.kind')}</th><th>${this.t('mapping.unit')}</th><th>${this.t('mapping.confidence')}</th></tr></thead>
          <tbody>${m.columns.map((c, i) => this.columnRow(c, i))}</tbody>
        </table>
      </div>
      ${missing.length ? html`<p class="missing" role="alert">${this.t('mapping.missingRequired', { table: m.table ?? '', columns: missing.join(', ') })}</p>` : null}
      <fieldset>
        <legend>${this.t('mapping.policy')}</legend>
        ${(['reject-row', 'keep-row-blank-cell'] as const).map((p) => html`<label><input type="radio" name="policy" .checked=${this.policy === p} @change=${() => (this.policy = p)} /> ${this.t(`mapping.policy.${p}`)}</label>`)}
      </fieldset>
      <footer>
        <button data-testid="mapping-skip" @click=${this.skip}>${this.t('mapping.skip')}</button>
        <button class="primary" data-testid="mapping-load" ?disabled=${missing.length > 0 || m.name === ''} @click=${this.confirm}>${this.t('mapping.load')}</button>
      </footer>
    </dialog>`;
  }

  static override styles = [
    theme,
    css`
      dialog { width: min(1100px, calc(100vw - 48px)); max-height: calc(100vh - 48px); border: none; border-radius: 12px; padding: 0; box-shadow: 0 20px 60px rgba(18, 38, 63, 0.35); display: flex; flex-direction: column; }
      dialog::backdrop { background: rgba(18, 38, 63, 0.45); }
      header { display: flex; align-items: baseline; gap: 12px; padding: 16px 20px 6px; }
      h2 { margin: 0; font-size: 18px; word-break: break-all; }
      .options, .target { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; padding: 6px 20px; }
      .target { padding-bottom: 10px; border-bottom: 1px solid var(--tb-line); }
      label { display: inline-flex; gap: 6px; align-items: center; }
      .columns { overflow: auto; padding: 0 20px; flex: 1; min-height: 120px; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eef1f5; vertical-align: middle; }
      th { position: sticky; top: 0; background: #f0f3f7; font-weight: 600; z-index: 1; }
      .samples { max-width: 260px; }
      .samples span { display: inline-block; max-width: 120px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: var(--tb-mono); font-size: 12px; color: var(--tb-muted); margin-right: 8px; }
      .read-issues ul { margin: 4px 0; padding-left: 18px; max-height: 140px; overflow: auto; font-size: 12px; }
      .read-issues summary { cursor: pointer; list-style: none; }
      .missing { color: var(--tb-red); padding: 0 20px; margin: 8px 0 0; }
      fieldset { border: none; padding: 8px 20px; margin: 0; display: flex; gap: 16px; flex-wrap: wrap; }
      legend { float: left; margin-right: 12px; color: var(--tb-muted); }
      footer { display: flex; justify-content: flex-end; gap: 10px; padding: 12px 20px 16px; border-top: 1px solid var(--tb-line); }
    `,
  ];
}
customElements.define('tb-mapping-dialog', MappingDialog);
