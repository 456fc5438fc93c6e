import { css, unsafeCSS } from 'lit';
import { TIER_COLORS } from './screening-charts';

/** How the customer profile drawer looks: the dialog over the page, its sections, tier badges, percentile bars. */
export const profileStyle = css`
  dialog {
    position: fixed;
    inset: 0;
    width: 100%;
    height: 100%;
    max-width: none;
    max-height: none;
    margin: 0;
    padding: 0;
    border: 0;
    background: transparent;
    overflow: hidden;
  }
  dialog::backdrop { background: transparent; }
  .backdrop { position: absolute; inset: 0; background: rgba(18, 38, 63, 0.35); }
  .panel {
    position: absolute;
    top: 0;
    right: 0;
    bottom: 0;
    width: min(720px, 100%);
    overflow-y: auto;
    background: var(--tb-card);
    box-shadow: -8px 0 24px rgba(18, 38, 63, 0.18);
    padding: 16px 24px 32px;
    outline: none;
    color: var(--tb-ink);
  }
  .head { border-bottom: 1px solid var(--tb-line); padding-bottom: 10px; }
  .title { display: flex; align-items: flex-start; justify-content: space-between; gap: 12px; }
  h2 { font-size: 20px; margin: 0; color: var(--tb-navy); }
  h3 { font-size: 15px; margin: 0 0 8px; color: var(--tb-navy); }
  .head p { margin: 6px 0 0; }
  .close { font-size: 16px; line-height: 1; }
  .mono { font-family: var(--tb-mono); }
  .facts { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
  .tier { display: inline-block; padding: 1px 10px; border-radius: 10px; font-size: 13px; font-weight: 600; color: #fff; }
  /* the tiers' colours of the screening charts: 战略级 gold, 成长型 blue, 一般 grey */
  .tier-0 { background: ${unsafeCSS(TIER_COLORS[0])}; }
  .tier-1 { background: ${unsafeCSS(TIER_COLORS[1])}; }
  .tier-2 { background: ${unsafeCSS(TIER_COLORS[2])}; color: var(--tb-ink); }
  section { padding: 14px 0 4px; border-bottom: 1px solid var(--tb-line); }
  section:last-child { border-bottom: 0; }
  section p { margin: 0 0 8px; }
  .caption { font-size: 12px; }
  .chart { overflow-x: auto; }
  .chart svg, .chart figure { max-width: 100%; height: auto; }
  .chart figure { margin: 0; }
  table.indicators { width: 100%; border-collapse: collapse; font-size: 13px; }
  .indicators th { text-align: left; font-weight: 600; color: var(--tb-muted); font-size: 12px; padding: 4px 6px; border-bottom: 1px solid var(--tb-line); }
  .indicators td { padding: 4px 6px; border-bottom: 1px solid #eef1f5; }
  .indicators .right { text-align: right; }
  .pbar { position: relative; display: inline-block; width: 140px; height: 8px; border-radius: 4px; background: #eef1f5; vertical-align: middle; }
  .pbar .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 4px; opacity: 0.35; }
  .pbar .mark { position: absolute; top: -3px; width: 3px; height: 14px; margin-left: -1.5px; border-radius: 1px; }
  .pbar.good .fill, .pbar.good .mark { background: var(--tb-green); }
  .pbar.middle .fill, .pbar.middle .mark { background: var(--tb-blue); }
  .pbar.poor .fill, .pbar.poor .mark { background: var(--tb-red); }
  .pbar.neutral .fill, .pbar.neutral .mark { background: var(--tb-muted); }
  .pnum { display: inline-block; width: 40px; margin-left: 8px; color: var(--tb-muted); font-size: 12px; }
  ul.alerts { list-style: none; margin: 0; padding: 0; }
  ul.alerts li { margin: 0 0 6px; }
  .error { color: var(--tb-red); }
  .note { color: var(--tb-amber); font-size: 12px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
  dt { color: var(--tb-muted); }
  dd { margin: 0; }
`;
