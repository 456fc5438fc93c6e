import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { isCancellation, type Database } from '../../engine/database';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { theme } from '../theme';
import { profileStyle } from './customer-profile-style';
import { formatIndicatorValue, percentileTone, topContributions, type IndicatorLike } from './customer-profile-format';
import { balanceChart, contributionChart, loanTimeline } from './profile-charts';
import { loadProfileData, type ProfileData, type ProfileNote } from './profile-data';

/** One indicator of the customer, placed among all customers (defined with the helpers that word it). */
export type ProfileIndicator = IndicatorLike;

export interface ProfileAlert {
  readonly kind: 'overdue' | 'balance-drop' | 'industry' | 'region';
  readonly text: string;
}

/** Everything the screening view knows about the customer; the drawer adds their loans from the database. */
export interface ProfileContext {
  readonly customerId: string;
  readonly name: string;
  readonly industry: string;
  readonly region: string;
  readonly manager: string;
  readonly tier: 0 | 1 | 2;
  readonly tierLabel: string;
  readonly score: number;
  readonly rank: number;
  readonly total: number;
  /** already worded, e.g. "第 12 名 / 5,000，得分 81.2 ≥ 战略级线 78.4" */
  readonly reasonText: string;
  readonly segment: string;
  readonly strategy: string;
  readonly campaign: string;
  readonly indicators: readonly ProfileIndicator[];
  readonly alerts: readonly ProfileAlert[];
}

/** What the drawer knows of the loans of the customer it was last asked about. */
type LoadState =
  | { readonly status: 'idle'; readonly key: '' }
  | { readonly status: 'loading'; readonly key: string }
  | { readonly status: 'ready'; readonly key: string; readonly data: ProfileData }
  | { readonly status: 'error'; readonly key: string; readonly message: string };

/** The charts of one load, built once per data and locale (Plot is not cheap to re-run per render). */
interface Charts {
  readonly key: string;
  readonly data: ProfileData;
  readonly locale: Locale;
  readonly timeline: SVGElement | HTMLElement | null;
  readonly balance: SVGElement | HTMLElement | null;
}

/** Chart width inside the drawer's padding; the SVGs scale down with the drawer (max-width: 100%). */
const CHART_WIDTH = 640;

/** The element that had focus deepest inside shadow roots: where focus goes back on close. */
function deepActiveElement(doc: Document): HTMLElement | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

const UTC_DAY = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * <tb-customer-profile .db .context .asOf .locale ?open> — the customer profile 客户画像: a
 * right-hand drawer over the page; closes on Escape, on its close button and on a click on the
 * backdrop, dispatching a `close` event (bubbles, composed). Focus moves into it on open and back
 * on close.
 *
 * A modal <dialog> gives the drawer what a modal needs without hand-written traps: the page behind
 * is inert, Tab stays inside, and it sits in the top layer above every other element. The loans,
 * repayments and balances are read from `db` when it opens for a customer; moving to another
 * customer (or date) aborts the previous queries and only the latest answer is ever shown.
 */
export class CustomerProfile extends LitElement {
  static override properties = {
    db: { attribute: false },
    context: { attribute: false },
    asOf: { attribute: 'as-of' },
    locale: {},
    open: { type: Boolean, reflect: true },
    loaded: { state: true },
  };
  declare db: Database | null;
  declare context: ProfileContext | null;
  /** YYYY-MM-DD */
  declare asOf: string;
  declare locale: Locale;
  declare open: boolean;
  declare private loaded: LoadState;

  private controller: AbortController | null = null;
  private charts: Charts | null = null;
  private returnFocus: HTMLElement | null = null;
  private whyChart: { readonly context: ProfileContext; readonly locale: Locale; readonly node: SVGElement | HTMLElement | null } | null = null;

  constructor() {
    super();
    this.db = null;
    this.context = null;
    this.asOf = '';
    this.locale = 'zh';
    this.open = false;
    this.loaded = { status: 'idle', key: '' };
  }

  /** Which customer and date the loaded data must be for; '' when nothing should load. */
  private wantedKey(): string {
    return this.open && this.db && this.context && this.asOf ? `${this.context.customerId}\u0000${this.asOf}` : '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = this.wantedKey();
    // a new database is new data even for the same customer
    if (key && (key !== this.loaded.key || changed.has('db'))) this.startLoad(key);
    else if (!key && this.loaded.key && !this.open) this.stopLoad();
  }

  private startLoad(key: string): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.loaded = { status: 'loading', key };
    this.charts = null;
    loadProfileData(this.db!, this.context!.customerId, this.asOf, { signal: controller.signal }).then(
      (data) => {
        if (this.controller === controller) this.loaded = { status: 'ready', key, data };
      },
      (error: unknown) => {
        if (this.controller !== controller || isCancellation(error)) return;
        this.loaded = { status: 'error', key, message: error instanceof Error ? error.message : String(error) };
      },
    );
  }

  /** Closed with no customer: nothing in flight, nothing kept (the next open reloads). */
  private stopLoad(): void {
    this.controller?.abort();
    this.controller = null;
    this.charts = null;
    this.loaded = { status: 'idle', key: '' };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopLoad();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (this.open && !dialog.open) {
      this.returnFocus = deepActiveElement(this.ownerDocument);
      dialog.showModal();
      this.renderRoot.querySelector<HTMLElement>('[data-testid="profile-close"]')?.focus();
    } else if (!this.open && dialog.open) {
      dialog.close();
    }
    if (!this.open && this.returnFocus) {
      const target = this.returnFocus;
      this.returnFocus = null;
      if (target.isConnected) target.focus();
    }
  }

  /** A close asked for by the user: the drawer closes and tells its host. */
  private requestClose(): void {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new Event('close', { bubbles: true, composed: true }));
  }

  /** Escape: the dialog's cancel, turned into our close so `open` and the host stay in step. */
  private onCancel(event: Event): void {
    event.preventDefault();
    this.requestClose();
  }

  /** The dialog closed by the browser itself (e.g. a second Escape it does not let us cancel). */
  private onDialogClose(): void {
    if (this.open) this.requestClose();
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  override render() {
    return html`<dialog aria-labelledby="profile-name" @cancel=${this.onCancel} @close=${this.onDialogClose}>
      <div class="backdrop" data-testid="profile-backdrop" @click=${() => this.requestClose()}></div>
      <aside class="panel" data-testid="customer-profile" tabindex="-1">
        ${this.context ? this.renderBody(this.context) : nothing}
      </aside>
    </dialog>`;
  }

  private renderBody(c: ProfileContext): TemplateResult {
    return html`
      <header class="head">
        <div class="title">
          <h2 id="profile-name" data-testid="profile-name">${c.name || c.customerId}</h2>
          <button class="quiet close" data-testid="profile-close" aria-label=${this.t('profile.close')} title=${this.t('profile.close')} @click=${() => this.requestClose()}>✕</button>
        </div>
        <p class="muted"><span class="mono">${c.customerId}</span> · ${[c.industry, c.region, c.manager].filter(Boolean).join(' · ')}</p>
        <p class="facts">
          <span class="tier tier-${c.tier}" data-testid="profile-tier">${c.tierLabel}</span>
          <span class="num" data-testid="profile-score">${this.t('profile.score', { score: c.score.toFixed(1) })}</span>
          <span class="num muted">${this.t('profile.rank', { rank: c.rank, total: c.total })}</span>
        </p>
      </header>
      ${this.renderWhy(c)} ${this.renderIndicators(c)} ${this.renderAlerts(c)} ${this.renderLoans()} ${this.renderSegment(c)}
    `;
  }

  private renderWhy(c: ProfileContext): TemplateResult {
    const chart = this.whyChartFor(c);
    return html`<section data-testid="profile-why">
      <h3>${this.t('profile.why')}</h3>
      <p data-testid="profile-reason">${c.reasonText}</p>
      ${chart ? html`<p class="caption muted">${this.t('profile.contributions')}</p><div class="chart">${chart}</div>` : nothing}
    </section>`;
  }

  /** The contributions chart of a context, rebuilt only when the context or the locale changes. */
  private whyChartFor(c: ProfileContext): SVGElement | HTMLElement | null {
    if (this.whyChart?.context === c && this.whyChart.locale === this.locale) return this.whyChart.node;
    const top = topContributions(c.indicators);
    const node = top.length ? contributionChart(top, { document: this.ownerDocument, width: CHART_WIDTH, axisLabel: this.t('profile.pointsAxis') }) : null;
    this.whyChart = { context: c, locale: this.locale, node };
    return node;
  }

  private renderIndicators(c: ProfileContext): TemplateResult {
    return html`<section>
      <h3>${this.t('profile.indicators')}</h3>
      <table class="indicators" data-testid="profile-indicators">
        <thead><tr><th>${this.t('profile.indicator')}</th><th class="right">${this.t('profile.value')}</th><th>${this.t('profile.percentile')}</th></tr></thead>
        <tbody>
          ${c.indicators.map((ind) => {
            const tone = percentileTone(ind.percentile, ind.direction);
            const p = Number.isNaN(ind.percentile) ? null : Math.max(0, Math.min(100, ind.percentile));
            return html`<tr data-column=${ind.column}>
              <td>${ind.label}</td>
              <td class="num right">${formatIndicatorValue(ind.value, ind.unit, this.locale)}</td>
              <td>
                ${p === null
                  ? html`<span class="muted">${this.t('profile.missing')}</span>`
                  : html`<span class="pbar ${tone}" role="img" aria-label=${this.t('profile.percentileTitle', { p: Math.round(p) })}
                        title=${this.t('profile.percentileTitle', { p: Math.round(p) })}>
                        <span class="fill" style=${styleMap({ width: `${p}%` })}></span><span class="mark" style=${styleMap({ left: `${p}%` })}></span>
                      </span>
                      <span class="num pnum">P${Math.round(p)}</span>`}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;
  }

  private renderAlerts(c: ProfileContext): TemplateResult {
    return html`<section data-testid="profile-alerts">
      <h3>${this.t('profile.alerts')}</h3>
      ${c.alerts.length
        ? html`<ul class="alerts">
            ${c.alerts.map((a) => html`<li><span class="badge ${a.kind === 'overdue' || a.kind === 'balance-drop' ? 'error' : 'warn'}">${this.t(`profile.alert.${a.kind}`)}</span> ${a.text}</li>`)}
          </ul>`
        : html`<p class="muted">${this.t('profile.noAlerts')}</p>`}
    </section>`;
  }

  /** The charts of the loaded data, built on first need and kept until the data or the locale changes. */
  private chartsFor(data: ProfileData, key: string): Charts {
    if (this.charts && this.charts.data === data && this.charts.locale === this.locale && this.charts.key === key) return this.charts;
    const asOf = UTC_DAY(this.asOf);
    const base = { document: this.ownerDocument, width: CHART_WIDTH };
    const asOfText = this.t('profile.asOf', { date: this.asOf });
    this.charts = {
      key,
      data,
      locale: this.locale,
      timeline: data.loans.length
        ? loanTimeline(data.loans, data.repayments, asOf, {
            own: this.t('profile.ownBank'), other: this.t('profile.otherBank'), unknown: this.t('profile.unknownBank'),
            onTime: this.t('profile.onTime'), late: this.t('profile.late'), overdue30: this.t('profile.overdue30'),
            overdueUnknown: this.t('profile.overdueUnknown'), asOf: asOfText,
          }, base)
        : null,
      balance: data.balances.length ? balanceChart(data.balances, asOf, { axis: this.t('profile.balanceAxis'), asOf: asOfText }, base) : null,
    };
    return this.charts;
  }

  private renderLoans(): TemplateResult {
    const state = this.loaded;
    if (state.status === 'error') {
      return html`<section><h3>${this.t('profile.timeline')}</h3><p class="error" role="alert" data-testid="profile-error">${this.t('profile.error', { message: state.message })}</p></section>`;
    }
    // data for another customer or date is never shown: until the latest load answers, it is loading
    if (state.status !== 'ready' || state.key !== this.wantedKey()) {
      return html`<section><h3>${this.t('profile.timeline')}</h3><p class="muted" data-testid="profile-loading" aria-busy="true">${this.t('profile.loading')}</p></section>`;
    }
    const { data } = state;
    const charts = this.chartsFor(data, state.key);
    const notes = (table: ProfileNote['table']) => data.notes.filter((n) => n.table === table).map((n) => this.noteText(n));
    const own = data.loans.filter((l) => l.ownBank === true).length;
    const balance = data.loans.reduce((sum, l) => sum + (Number.isNaN(l.balance) ? 0 : l.balance), 0);
    return html`<section data-testid="profile-timeline">
        <h3>${this.t('profile.timeline')}</h3>
        ${data.loans.length
          ? html`<p class="caption muted" data-testid="profile-loan-summary">${this.t('profile.loanCount', { count: data.loans.length, own, balance: formatIndicatorValue(balance, '元', this.locale) })}</p>
              <div class="chart">${charts.timeline}</div>`
          : html`<p class="muted">${this.t('profile.noLoans', { date: this.asOf })}</p>`}
        ${[...notes('loans'), ...notes('repayments')].map((n) => html`<p class="note">${n}</p>`)}
      </section>
      <section data-testid="profile-balances">
        <h3>${this.t('profile.balanceTrend')}</h3>
        ${charts.balance ? html`<div class="chart">${charts.balance}</div>` : html`<p class="muted">${this.t('profile.noBalances', { date: this.asOf })}</p>`}
        ${notes('balances').map((n) => html`<p class="note">${n}</p>`)}
      </section>`;
  }

  private noteText(note: ProfileNote): string {
    return note.kind === 'missing-table'
      ? this.t('profile.note.missing-table', { table: note.table })
      : this.t('profile.note.missing-column', { table: note.table, column: note.column });
  }

  private renderSegment(c: ProfileContext): TemplateResult {
    return html`<section data-testid="profile-segment">
      <h3>${this.t('profile.segment')}</h3>
      <dl>
        <dt>${this.t('profile.segment')}</dt><dd>${c.segment}</dd>
        <dt>${this.t('profile.strategy')}</dt><dd>${c.strategy}</dd>
        <dt>${this.t('profile.campaign')}</dt><dd>${c.campaign}</dd>
      </dl>
    </section>`;
  }

  static override styles = [theme, profileStyle];
}
customElements.define('tb-customer-profile', CustomerProfile);
