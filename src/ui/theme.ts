import { css } from 'lit';

/** Colours, type and spacing shared by every element (system fonts only: nothing is fetched). */
export const theme = css`
  :host {
    --tb-navy: #12263f;
    --tb-navy-2: #1d3a5f;
    --tb-blue: #2f6fb2;
    --tb-blue-soft: #e8f1fb;
    --tb-gold: #c9a227;
    --tb-green: #2e7d4f;
    --tb-red: #b42318;
    --tb-red-soft: #fdecea;
    --tb-amber: #b54708;
    --tb-amber-soft: #fff4e5;
    --tb-ink: #1f2933;
    --tb-muted: #616e7c;
    --tb-line: #dde3ea;
    --tb-bg: #f4f6f9;
    --tb-card: #ffffff;
    --tb-radius: 8px;
    --tb-mono: ui-monospace, 'SFMono-Regular', 'Cascadia Mono', Menlo, Consolas, monospace;
    font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif;
    color: var(--tb-ink);
    font-size: 14px;
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  button {
    font: inherit;
    border: 1px solid var(--tb-line);
    background: var(--tb-card);
    color: var(--tb-ink);
    border-radius: 6px;
    padding: 6px 12px;
    cursor: pointer;
  }
  button:hover:not(:disabled) { border-color: var(--tb-blue); color: var(--tb-blue); }
  button:disabled { opacity: 0.5; cursor: default; }
  button.primary { background: var(--tb-blue); border-color: var(--tb-blue); color: #fff; }
  button.primary:hover:not(:disabled) { background: var(--tb-navy-2); color: #fff; }
  button.quiet { border-color: transparent; background: transparent; color: var(--tb-muted); padding: 4px 6px; }
  select, input[type='text'], input[type='number'] {
    font: inherit;
    border: 1px solid var(--tb-line);
    border-radius: 6px;
    padding: 4px 8px;
    background: #fff;
    color: var(--tb-ink);
  }
  .muted { color: var(--tb-muted); }
  .num { font-variant-numeric: tabular-nums; }
  .badge {
    display: inline-block;
    font-size: 12px;
    line-height: 18px;
    padding: 0 6px;
    border-radius: 9px;
    background: var(--tb-blue-soft);
    color: var(--tb-blue);
    white-space: nowrap;
  }
  .badge.warn { background: var(--tb-amber-soft); color: var(--tb-amber); }
  .badge.error { background: var(--tb-red-soft); color: var(--tb-red); }
  .badge.ok { background: #e7f4ec; color: var(--tb-green); }
`;
