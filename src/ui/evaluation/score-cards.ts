import { LitElement, css, html, nothing } from 'lit';
import type { CalibrationRow } from '../../scoring/metrics/calibration';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { TIER_COLORS } from '../screening/screening-charts';
import { panelStyle } from '../screening/panel-style';
import { theme } from '../theme';
import { calibrationChart, conversionChart, gainsChart, ksChart, rocChart } from './eval-charts';
import { EVAL_HOLDOUT_SHARE, EVAL_SEED, type CalibrationView, type ScoreMetrics } from './eval-compute';
import { convention, evalStyle, fixed, pct } from './eval-style';

/**
 * The metrics of the score in use against the outcome: conversion by tier (with the source's
 * "names at a higher rate" framing), lift and gains, ROC with AUC and Gini, KS, and calibration on
 * the holdout. Display only: the numbers come in computed (eval-compute.ts).
 */
export class ScoreCards extends LitElement {
  static override properties = { metrics: { attribute: false }, calibration: { attribute: false }, locale: {} };
  declare metrics: ScoreMetrics | null;
  declare calibration: CalibrationView | null;
  declare locale: Locale;

  constructor() {
    super();
    this.metrics = null;
    this.calibration = null;
    this.locale = 'zh';
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  private tiers(): [string, string, string] {
    return [this.t('tier.strategic'), this.t('tier.growth'), this.t('tier.general')];
  }

  override render() {
    const m = this.metrics;
    if (!m) return nothing;
    return html`
      <div class="row">${this.renderConversion(m)}${this.renderLift(m)}</div>
      <div class="row">${this.renderRoc(m)}${this.renderKs(m)}</div>
      ${this.calibration ? this.renderCalibration(this.calibration) : nothing}
    `;
  }

  private renderConversion(m: ScoreMetrics) {
    const tiers = this.tiers();
    const top = m.conversion[0]!;
    const lift = top.rate / m.rate;
    return html`<section class="card" data-testid="eval-conversion">
      <h3>${this.t('eval.conversion')}</h3>
      <p class="convention">${convention(this.locale, 'conversion')} ${this.t('eval.conversionScope', { count: m.count })}</p>
      <p class="headline" data-testid="eval-headline" data-rate=${String(top.rate)} data-lift=${String(lift)}>
        ${this.t('eval.headline', { tier: tiers[0], count: top.count, rate: pct(top.rate), overall: pct(m.rate), lift: fixed(lift, 1), all: m.count })}
        <span class="muted small">${this.t('eval.sourceFraming')}</span></p>
      <table class="grid">
        <thead><tr><th>${this.t('eval.tier')}</th><th class="num">${this.t('eval.customers')}</th><th class="num">${this.t('eval.events')}</th>
          <th class="num">${this.t('eval.rate')}</th><th class="num">${this.t('eval.lift')}</th><th class="num">${this.t('eval.share')}</th></tr></thead>
        <tbody>
          ${m.conversion.map((r) => html`<tr data-tier=${r.tier}><td><span class="swatch" style="--c:${TIER_COLORS[r.tier]}"></span>${tiers[r.tier]}</td>
            <td class="num">${r.count.toLocaleString()}</td><td class="num">${r.events.toLocaleString()}</td>
            <td class="num" data-rate=${String(r.rate)}>${pct(r.rate)}</td><td class="num">${fixed(r.rate / m.rate, 2)}</td><td class="num">${pct(r.share)}</td></tr>`)}
          <tr class="total"><td>${this.t('eval.total')}</td><td class="num">${m.count.toLocaleString()}</td><td class="num">${m.events.toLocaleString()}</td>
            <td class="num">${pct(m.rate)}</td><td class="num">1.00</td><td class="num">100.0%</td></tr>
        </tbody>
      </table>
      ${conversionChart(m.conversion, m.rate, tiers, { overall: this.t('eval.overall') })}
    </section>`;
  }

  private renderLift(m: ScoreMetrics) {
    return html`<section class="card" data-testid="eval-lift">
      <h3>${this.t('eval.liftTitle')}</h3>
      <p class="convention">${convention(this.locale, 'lift')}</p>
      <table class="grid">
        <thead><tr><th>${this.t('eval.group')}</th><th class="num">${this.t('eval.customers')}</th><th class="num">${this.t('eval.events')}</th>
          <th class="num">${this.t('eval.rate')}</th><th class="num">${this.t('eval.lift')}</th><th class="num">${this.t('eval.capture')}</th>
          <th class="num">${this.t('eval.cumLift')}</th><th class="num">${this.t('eval.scores')}</th></tr></thead>
        <tbody>${m.lift.map((r) => html`<tr data-group=${r.group}><td>${r.group + 1}</td><td class="num">${r.count.toLocaleString()}</td><td class="num">${r.events}</td>
          <td class="num">${pct(r.rate)}</td><td class="num">${fixed(r.lift, 2)}</td><td class="num">${pct(r.capture)}</td><td class="num" data-cum-lift=${String(r.cumLift)}>${fixed(r.cumLift, 2)}</td>
          <td class="num muted">${fixed(r.minScore, 1)}–${fixed(r.maxScore, 1)}</td></tr>`)}</tbody>
      </table>
      ${gainsChart(m.lift, { customers: this.t('eval.topShare'), captured: this.t('eval.captured'), model: this.t('eval.model'), random: this.t('eval.random') })}
    </section>`;
  }

  private renderRoc(m: ScoreMetrics) {
    const r = m.roc;
    const auc = this.t('eval.aucGini', { auc: fixed(r.auc), gini: fixed(r.gini) });
    return html`<section class="card" data-testid="eval-roc">
      <h3>${this.t('eval.roc')}</h3>
      <p class="convention">${convention(this.locale, 'auc')}</p>
      <p class="headline"><b data-testid="eval-auc" data-value=${String(r.auc)}>${auc}</b>
        <span class="muted small">${this.t('eval.rocCounts', { events: r.events, nonEvents: r.nonEvents, excluded: r.excluded })}</span></p>
      ${rocChart(r, { fpr: this.t('eval.fpr'), tpr: this.t('eval.tpr'), auc })}
    </section>`;
  }

  private renderKs(m: ScoreMetrics) {
    const k = m.ks;
    const text = this.t('eval.ksAt', { ks: fixed(k.ks), threshold: fixed(k.threshold, 2) });
    return html`<section class="card" data-testid="eval-ks">
      <h3>${this.t('eval.ks')}</h3>
      <p class="convention">${convention(this.locale, 'ks')}</p>
      <p class="headline"><b data-testid="eval-ks-value" data-value=${String(k.ks)}>${text}</b></p>
      ${ksChart(k, { score: this.t('screening.score'), share: this.t('eval.cdf'), events: this.t('eval.eventsCdf'), nonEvents: this.t('eval.nonEventsCdf'), ks: `KS ${fixed(k.ks)}` })}
    </section>`;
  }

  private renderCalibration(c: CalibrationView) {
    const tiers = this.tiers();
    const table = (rows: readonly CalibrationRow[], name: (g: number) => string) => html`<table class="grid">
      <thead><tr><th></th><th class="num">${this.t('eval.customers')}</th><th class="num">${this.t('eval.predicted')}</th><th class="num">${this.t('eval.actual')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr><td>${name(r.group)}</td><td class="num">${r.count}</td><td class="num">${pct(r.predicted)}</td><td class="num">${pct(r.actual)}</td></tr>`)}</tbody></table>`;
    const decile = (g: number) => this.t('eval.decile', { n: g + 1 });
    const axis = { predicted: this.t('eval.predicted'), actual: this.t('eval.actual') };
    return html`<section class="card" data-testid="eval-calibration">
      <h3>${this.t('eval.calibration')}</h3>
      <p class="convention">${convention(this.locale, 'calibration')}
        ${this.t('eval.plattNote', { train: c.train, holdout: c.holdout, events: c.holdoutEvents, seed: EVAL_SEED, share: pct(EVAL_HOLDOUT_SHARE), a: fixed(c.fit.intercept), b: fixed(c.fit.coefficients[0]!, 4), lambda: c.fit.lambda })}</p>
      <div class="pair">
        <div><h4>${this.t('eval.byTier')}</h4><div class="side">${calibrationChart(c.byTier, (g) => tiers[g]!, (g) => TIER_COLORS[g]!, axis)}${table(c.byTier, (g) => tiers[g]!)}</div></div>
        <div><h4>${this.t('eval.byDecile')}</h4><div class="side">${calibrationChart(c.byDecile, decile, () => TIER_COLORS[1], axis)}${table(c.byDecile, decile)}</div></div>
      </div>
    </section>`;
  }

  static override styles = [
    theme,
    panelStyle,
    evalStyle,
    css`
      :host { display: grid; gap: 12px; }
      .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 12px; }
      .row > * { min-width: 0; }
      .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; background: var(--c); margin-right: 6px; }
      tr.total td { font-weight: 600; }
      h4 { margin: 4px 0; font-size: 13px; font-weight: 500; }
      .side { display: flex; gap: 12px; align-items: flex-start; }
      .side table.grid { width: auto; }
      .pair { gap: 32px; }
    `,
  ];
}

customElements.define('tb-score-cards', ScoreCards);
