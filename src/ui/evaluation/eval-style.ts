import { css } from 'lit';
import { METRIC_CONVENTIONS } from '../../scoring/metrics/conventions';
import type { Locale } from '../i18n/locale';

/** What the evaluation cards share beyond the panel style: the convention line, tables, bands. */
export const evalStyle = css`
  .card { overflow-x: auto; }
  .convention { margin: -4px 0 8px; font-size: 12px; color: var(--tb-muted); line-height: 1.45; }
  .headline { margin: 0 0 8px; }
  .headline b { font-variant-numeric: tabular-nums; }
  table.grid { border-collapse: collapse; font-size: 12px; width: 100%; }
  table.grid th, table.grid td { padding: 3px 6px; border-bottom: 1px solid #eef1f5; text-align: left; white-space: nowrap; }
  table.grid th { color: var(--tb-muted); font-weight: 500; }
  table.grid th.num, table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .band { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 11px; }
  .band.stable, .band.medium, .band.strong { background: #e7f4ec; color: var(--tb-green); }
  .band.shifting, .band.weak { background: var(--tb-amber-soft); color: var(--tb-amber); }
  .band.major, .band.suspicious { background: var(--tb-red-soft); color: var(--tb-red); }
  .band.useless { background: #eef1f5; color: var(--tb-muted); }
  .bad { color: var(--tb-red); }
  .pair { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
`;

/** The metric's convention sentence (what a reviewer needs to recompute it), in the UI language. */
export function convention(locale: Locale, metric: keyof typeof METRIC_CONVENTIONS): string {
  return METRIC_CONVENTIONS[metric][locale];
}

/** A share as a percentage with one decimal; '—' when undefined. */
export function pct(v: number): string {
  return Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—';
}

/** A number with fixed decimals; '—' when undefined. */
export function fixed(v: number, digits = 3): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}
