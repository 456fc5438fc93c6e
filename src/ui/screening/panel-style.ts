import { css } from 'lit';

/** What every part of the screening view shares: a block host, cards with a small title, muted text, numbers. */
export const panelStyle = css`
  :host { display: block; }
  .card { background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); padding: 10px 14px; min-width: 0; }
  h3 { margin: 0 0 8px; font-size: 14px; }
  .muted { color: var(--tb-muted); }
  h3 .muted { font-weight: 400; }
  .small { font-size: 12px; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
`;
