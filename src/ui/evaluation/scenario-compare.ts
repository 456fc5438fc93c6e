import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { heatColor } from '../../report/model-report';
import { compareScenarios, migrationRows, type ScenarioComparison, type ScenarioResult } from '../../scoring/scenarios';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import type { NotebookSession } from '../notebook/notebook-session';
import { panelStyle } from '../screening/panel-style';
import { TIER_COLORS } from '../screening/screening-charts';
import type { ScreeningSource } from '../screening/screening-source';
import { theme } from '../theme';
import { convention, evalStyle, fixed, pct } from './eval-style';
import type { Outcome } from './outcome';
import { comparisonScreen, CURRENT_SET, defaultSelection, scenarioSets } from './scenario-compare-sets';

/** Slider movements arrive as notebook changes; the comparison follows this much later at most (it re-weights every scenario). */
const FOLLOW_MS = 200;
/** Rows of the "who moved" list drawn at once; the rest are counted. */
const MOVED_SHOWN = 100;

/**
 * Scenarios side by side (<tb-scenario-compare>): the notebook's saved parameter sets (and the
 * current sliders as a pseudo-set), ticked to compare; a table of tier counts, metrics on the
 * known outcomes and list overlaps; the migration matrix of a chosen pair with the customers of a
 * clicked cell; a button per set applies it to the sliders. Runs on a screen of its own, so the
 * Screening tab's arrays are never re-weighted behind its back.
 */
export class ScenarioCompare extends LitElement {
  static override properties = {
    session: { attribute: false },
    source: { attribute: false },
    outcome: { attribute: false },
    locale: {},
    selected: { state: true },
    pair: { state: true },
    cell: { state: true },
    result: { state: true },
  };
  declare session: NotebookSession | null;
  declare source: ScreeningSource | null;
  declare outcome: Outcome | null;
  declare locale: Locale;
  /** ticked set names (CURRENT_SET for the sliders); null until the user ticks: the default then */
  declare selected: ReadonlySet<string> | null;
  /** indexes of the pair whose matrix is shown */
  declare pair: readonly [number, number];
  /** the clicked matrix cell: [tier under A, tier under B] */
  declare cell: readonly [number, number] | null;
  declare result: ScenarioComparison | null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly follow = () => this.schedule();

  constructor() {
    super();
    this.session = null;
    this.source = null;
    this.outcome = null;
    this.locale = 'en';
    this.selected = null;
    this.pair = [0, 1];
    this.cell = null;
    this.result = null;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session?.removeEventListener('change', this.follow);
    this.source?.removeEventListener('change', this.follow);
    clearTimeout(this.timer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    for (const key of ['session', 'source'] as const) {
      if (!changed.has(key)) continue;
      (changed.get(key) as EventTarget | null | undefined)?.removeEventListener('change', this.follow);
      this[key]?.addEventListener('change', this.follow);
    }
    if (changed.has('session') || changed.has('source') || changed.has('outcome') || changed.has('selected') || changed.has('locale')) this.compute();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.session?.addEventListener('change', this.follow);
    this.source?.addEventListener('change', this.follow);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.compute(), FOLLOW_MS);
  }

  private selection(): ReadonlySet<string> {
    return this.selected ?? new Set(defaultSelection(this.session?.document.parameterSets ?? {}));
  }

  private compute(): void {
    const status = this.source?.status;
    if (!this.session || status?.kind !== 'ready') {
      this.result = null;
      return;
    }
    const sets = scenarioSets(status.spec, this.session.runtime.inputValues(), this.session.document.parameterSets, this.selection(), this.t('scenarios.current'));
    const result = compareScenarios(comparisonScreen(status.screen), status.spec, sets, this.outcome);
    const n = result.scenarios.length;
    if (!(this.pair[0] < n && this.pair[1] < n && this.pair[0] !== this.pair[1])) this.pair = [0, 1];
    this.result = result;
  }

  private toggle(name: string, on: boolean): void {
    const next = new Set(this.selection());
    if (on) next.add(name);
    else next.delete(name);
    this.selected = next;
    this.cell = null;
  }

  override render() {
    const status = this.source?.status;
    const session = this.session;
    if (!session || status?.kind !== 'ready') return html`<section class="card"><h3>${this.t('scenarios.title')}</h3><p class="muted">${this.t('scenarios.notReady')}</p></section>`;
    const selection = this.selection();
    const names = [...Object.keys(session.document.parameterSets), CURRENT_SET];
    const label = (name: string) => (name === CURRENT_SET ? this.t('scenarios.current') : name);
    const result = this.result;
    return html`<section class="card" data-testid="scenario-compare">
      <h3>${this.t('scenarios.title')} <span class="muted small">${this.t('scenarios.intro')}</span></h3>
      <div class="sets">
        ${names.map(
          (name) => html`<span class="set">
            <label><input type="checkbox" data-set=${name} .checked=${selection.has(name)} @change=${(e: Event) => this.toggle(name, (e.target as HTMLInputElement).checked)} /> ${label(name)}</label>
            ${name === CURRENT_SET
              ? nothing
              : html`<button class="apply" title=${this.t('scenarios.applyTitle', { name })} @click=${() => session.applyParameterSet(name)}>${this.t('scenarios.apply')}</button>`}
          </span>`,
        )}
      </div>
      ${result?.skipped.map((s) => html`<p class="bad small">${this.t('scenarios.skipped', { name: s.name, reason: s.reason })}</p>`)}
      ${!result || result.scenarios.length < 2 ? html`<p class="muted">${this.t('scenarios.needTwo')}</p>` : this.renderComparison(result)}
    </section>`;
  }

  private renderComparison(result: ScenarioComparison) {
    const s = result.scenarios;
    const tiers = [this.t('tier.strategic'), this.t('tier.growth'), this.t('tier.general')];
    const metric = (key: MessageKey, cell: (x: ScenarioResult) => string) => html`<tr><th>${this.t(key)}</th>${s.map((x) => html`<td class="num">${cell(x)}</td>`)}</tr>`;
    const m = (f: (x: NonNullable<ScenarioResult['metrics']>) => string) => (x: ScenarioResult) => (x.metrics ? f(x.metrics) : '—');
    const hasMetrics = s.some((x) => x.metrics);
    return html`
      <table class="grid side" data-testid="scenario-table">
        <thead><tr><th>${this.t('scenarios.metric')}</th>${s.map((x) => html`<th class="num">${x.name}</th>`)}</tr></thead>
        <tbody>
          ${tiers.map((tier, k) => html`<tr><th><i class="dot" style="background:${TIER_COLORS[k]}"></i>${this.t('scenarios.counts', { tier })}</th>${s.map((x) => html`<td class="num">${x.counts[k]!.toLocaleString()}</td>`)}</tr>`)}
          ${hasMetrics
            ? html`${metric('scenarios.known', m((v) => `${v.known.toLocaleString()} / ${v.events.toLocaleString()}`))}
              ${metric('scenarios.auc', m((v) => fixed(v.auc)))} ${metric('scenarios.gini', m((v) => fixed(v.gini)))} ${metric('scenarios.ks', m((v) => fixed(v.ks)))}
              ${metric('scenarios.strategicRate', m((v) => pct(v.tiers[0]!.rate)))} ${metric('scenarios.strategicLift', m((v) => fixed(v.strategicLift, 2)))}
              ${metric('scenarios.topDecile', m((v) => pct(v.topDecileCapture)))}`
            : nothing}
        </tbody>
      </table>
      ${hasMetrics
        ? html`<details class="convention"><summary>${this.t('scenarios.conventions')}</summary>
            <p>${convention(this.locale, 'auc')}</p><p>${convention(this.locale, 'ks')}</p><p>${convention(this.locale, 'lift')}</p><p>${convention(this.locale, 'conversion')}</p></details>`
        : html`<p class="muted small">${this.t('scenarios.noOutcome')}</p>`}
      <h4>${this.t('scenarios.overlap')}</h4>
      <table class="grid overlap">
        <thead><tr><th></th><th class="num">${this.t('scenarios.overlapStrategic')}</th><th class="num">${this.t('scenarios.overlapTop')}</th></tr></thead>
        <tbody>
          ${result.pairs.map(
            (p) => html`<tr><th>${s[p.a]!.name} × ${s[p.b]!.name}</th>
              <td class="num">${this.t('scenarios.jaccard', { both: p.strategic.both, jaccard: fixed(p.strategic.jaccard, 2) })}</td>
              <td class="num">${this.t('scenarios.jaccard', { both: p.strategicGrowth.both, jaccard: fixed(p.strategicGrowth.jaccard, 2) })}</td></tr>`,
          )}
        </tbody>
      </table>
      ${this.renderMigration(result, tiers)}`;
  }

  private renderMigration(result: ScenarioComparison, tiers: readonly string[]) {
    const s = result.scenarios;
    const [ia, ib] = this.pair;
    const a = s[ia]!, b = s[ib]!;
    const pair = result.pairs.find((p) => (p.a === ia && p.b === ib) || (p.a === ib && p.b === ia))!;
    // pairs are stored a < b; shown the way round the user picked
    const count = (r: number, c: number) => (pair.a === ia ? pair.migration[3 * r + c]! : pair.migration[3 * c + r]!);
    const max = Math.max(1, ...pair.migration);
    const pick = (which: 0 | 1, value: number) => {
      const next: [number, number] = [...this.pair];
      next[which] = value;
      if (next[0] === next[1]) next[1 - which] = this.pair[which];
      this.pair = next;
      this.cell = null;
    };
    const select = (which: 0 | 1) => html`<select data-pair=${which} @change=${(e: Event) => pick(which, Number((e.target as HTMLSelectElement).value))}>
      ${s.map((x, k) => html`<option value=${k} ?selected=${k === this.pair[which]}>${x.name}</option>`)}</select>`;
    return html`<h4>${this.t('scenarios.migration')} ${s.length > 2 ? html`<span class="pick">${select(0)} → ${select(1)}</span>` : nothing}</h4>
      <p class="muted small">${this.t('scenarios.migrationOf', { a: a.name, b: b.name })}</p>
      <table class="matrix" data-testid="migration-matrix">
        <thead><tr><th class="corner">${a.name} ↓ · ${b.name} →</th>${tiers.map((tier) => html`<th>${tier}</th>`)}</tr></thead>
        <tbody>
          ${[0, 1, 2].map(
            (r) => html`<tr><th>${tiers[r]}</th>${[0, 1, 2].map((c) => {
              const v = count(r, c);
              const on = this.cell?.[0] === r && this.cell?.[1] === c;
              return html`<td class="num ${r === c ? 'diag' : ''} ${on ? 'on' : ''}" style="background:${heatColor(v, max)}" data-cell="${r}${c}"
                @click=${() => (this.cell = on ? null : [r, c])}>${v.toLocaleString()}</td>`;
            })}</tr>`,
          )}
        </tbody>
      </table>
      ${this.cell ? this.renderMoved(a, b, this.cell, tiers) : nothing}`;
  }

  private renderMoved(a: ScenarioResult, b: ScenarioResult, [from, to]: readonly [number, number], tiers: readonly string[]) {
    const status = this.source?.status;
    if (status?.kind !== 'ready') return nothing;
    const data = status.screen.data;
    const rows = migrationRows(a, b, from, to, status.screen.idRank);
    const names = data.text['name'];
    const shown = Array.from(rows.subarray(0, MOVED_SHOWN));
    return html`<div class="moved" data-testid="moved">
      <p><b>${this.t('scenarios.moved', { count: rows.length, from: tiers[from]!, to: tiers[to]!, a: a.name, b: b.name })}</b></p>
      <table class="grid">
        <thead><tr><th>${this.t('scenarios.customer')}</th><th class="num">${this.t('scenarios.scoreUnder', { name: a.name })}</th><th class="num">${this.t('scenarios.scoreUnder', { name: b.name })}</th>
          <th>${this.t('scenarios.tierUnder', { name: a.name })}</th><th>${this.t('scenarios.tierUnder', { name: b.name })}</th></tr></thead>
        <tbody>
          ${shown.map(
            (i) => html`<tr><td>${data.ids[i]}${names?.[i] ? html` <span class="muted">${names[i]}</span>` : nothing}</td>
              <td class="num">${fixed(a.score[i]!, 1)}</td><td class="num">${fixed(b.score[i]!, 1)}</td>
              <td><i class="dot" style="background:${TIER_COLORS[a.tier[i]!]}"></i>${tiers[a.tier[i]!]}</td><td><i class="dot" style="background:${TIER_COLORS[b.tier[i]!]}"></i>${tiers[b.tier[i]!]}</td></tr>`,
          )}
        </tbody>
      </table>
      ${rows.length > MOVED_SHOWN ? html`<p class="muted small">${this.t('scenarios.more', { count: rows.length - MOVED_SHOWN })}</p>` : nothing}
    </div>`;
  }

  static override styles = [
    theme,
    panelStyle,
    evalStyle,
    css`
      h4 { margin: 14px 0 4px; font-size: 13px; }
      .sets { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 4px 0 10px; }
      .set { display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--tb-line); border-radius: 6px; padding: 2px 4px 2px 8px; }
      .set label { cursor: pointer; }
      button.apply { font-size: 11px; padding: 1px 8px; }
      table.side { width: auto; min-width: 420px; }
      table.side th:first-child { text-align: left; }
      table.overlap { width: auto; }
      .dot { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 5px; vertical-align: baseline; }
      table.matrix { border-collapse: collapse; font-size: 13px; margin: 4px 0 8px; }
      table.matrix th, table.matrix td { padding: 6px 14px; border: 1px solid var(--tb-line); }
      table.matrix th { font-weight: 500; color: var(--tb-muted); text-align: left; }
      table.matrix th.corner { font-size: 11px; }
      table.matrix td { cursor: pointer; min-width: 64px; }
      table.matrix td.diag { outline: 2px solid #1d2733; outline-offset: -3px; }
      table.matrix td.on { box-shadow: inset 0 0 0 3px var(--tb-accent, #c9a227); }
      .moved { max-height: 360px; overflow: auto; }
      .pick select { font-size: 12px; }
      details.convention p { margin: 2px 0; }
    `,
  ];
}

customElements.define('tb-scenario-compare', ScenarioCompare);
