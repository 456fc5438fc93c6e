/**
 * The report's stylesheet, inlined in its <head>: system fonts only (no web font, nothing fetched),
 * readable on screen and in print (each section starts a new page in print).
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 14px/1.5 system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif; color: #1d2733; margin: 0 auto; max-width: 980px; padding: 24px 32px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #2f6fb2; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.meta, .muted { color: #5b6775; }
nav ol { columns: 2; margin: 8px 0 0; padding-left: 20px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #d5dbe1; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f1f4f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.hash { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 11px; word-break: break-all; }
td.diag { outline: 2px solid #1d2733; outline-offset: -2px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; }
figcaption { font-size: 12px; color: #5b6775; }
pre { background: #f6f8fa; border: 1px solid #d5dbe1; padding: 8px 10px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; word-break: break-word; }
code { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; }
.purpose { border-left: 3px solid #c9a227; padding-left: 12px; }
.external-link, .blocked-image { color: #5b6775; }
@media print { h2 { break-before: page; } nav { display: none; } }
`;
