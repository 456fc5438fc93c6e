/**
 * The model report: one self-contained HTML file for reviewers — purpose, data manifest,
 * parameters, method, validation with charts, scenario comparison, environment, replay. Inline
 * CSS, charts as inline SVG, no script, no font or image fetched, so it opens offline and from an
 * e-mail attachment alike. Every piece of text from data or the notebook is escaped here; the
 * only markup taken as given is the purpose (the app's safe Markdown renderer) and the charts
 * (checked by inlineSvg).
 */
import { METRIC_CONVENTIONS } from '../scoring/metrics';
import type { ScenarioComparison } from '../scoring/scenarios';
import type { ReportChart, ModelReportInput, ReportValidation } from './report-data';
import { escapeHtml as e } from './escape';
import { REPORT_CSS } from './report-style';
import { fill, type ReportKey, type ReportLocale } from './report-text';
import { inlineSvg } from './svg';

/** The sections, in order: their ids are the report's anchors (and what the tests look for). */
export const REPORT_SECTIONS = ['purpose', 'data', 'parameters', 'method', 'validation', 'scenarios', 'environment', 'replay', 'notebook'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

type T = (key: ReportKey, params?: Readonly<Record<string, string | number>>) => string;

const num = (v: number, digits = 3) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${(100 * v).toFixed(digits)}%` : '—');
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');

/** A table: header cells and rows of already-escaped cells; numeric columns flagged by `numeric`. */
function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = []): string {
  const cls = (j: number) => (numeric[j] ? ' class="num"' : '');
  return `<table><thead><tr>${head.map((h, j) => `<th${cls(j)}>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, j) => `<td${cls(j)}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function charts(list: readonly ReportChart[]): string {
  const figures = list.flatMap((c) => {
    const svg = inlineSvg(c.svg);
    return svg ? [`<figure>${svg}<figcaption>${e(c.title)}</figcaption></figure>`] : [];
  });
  return figures.length ? `<div class="charts">${figures.join('')}</div>` : '';
}

function purpose(input: ModelReportInput, t: T): string {
  return input.purposeHtml ? `<div class="purpose">${input.purposeHtml}</div>` : `<p class="muted">${e(t('noPurpose'))}</p>`;
}

function data(input: ModelReportInput, t: T): string {
  if (!input.manifest.length) return `<p class="muted">${e(t('data.none'))}</p>`;
  const files = table(
    [t('data.table'), t('data.file'), t('data.size'), t('data.rows'), t('data.format'), t('data.recognised'), t('data.sha256')].map(e),
    input.manifest.map((m) => [e(m.table), e(m.file), int(m.size), int(m.rows), e(m.format), e(m.recognisedAs ?? t('none')), `<span class="hash">${e(m.sha256)}</span>`]),
    [false, false, true, true],
  );
  const mappings = input.manifest
    .filter((m) => m.columns.length)
    .map(
      (m) =>
        `<details><summary>${e(t('data.mapping', { table: m.table }))}</summary>${table(
          [t('data.source'), t('data.target'), t('data.kind'), t('data.unit')].map(e),
          m.columns.map((c) => [e(c.source), e(c.target), e(c.kind), c.unit === undefined ? '' : e(c.unit)]),
        )}</details>`,
    )
    .join('');
  return files + mappings;
}

/** The tier rule of a set of parameters in words. */
function tierRule(input: ModelReportInput, t: T): string {
  const p = input.params;
  if (!p) return t('none');
  if (p.tiers.mode === 'quota') {
    const share = (q: (typeof p.tiers)['strategic']) => ('percent' in q ? q.percent : q.count);
    return t('params.quota', { strategic: share(p.tiers.strategic), growth: share(p.tiers.growth) });
  }
  return t('params.cutoff', { strategic: p.tiers.strategic, growth: p.tiers.growth });
}

function overrides(input: ModelReportInput, t: T): string {
  const o = input.spec.overrides;
  const parts: string[] = [];
  if (input.params?.maxOverdueDays !== undefined) parts.push(t('params.overdue', { days: input.params.maxOverdueDays, column: o.overdueColumn ?? 'max_overdue_days' }));
  if (o.badClassColumn) parts.push(t('params.badClass', { column: o.badClassColumn }));
  return parts.length ? parts.join('; ') : t('params.noOverride');
}

/** The saved sets side by side: a row per input (a weights input gives a row per indicator), a column per set. */
function parameterSetTable(input: ModelReportInput, t: T): string {
  const sets = Object.entries(input.parameterSets);
  if (!sets.length) return `<p class="muted">${e(t('params.noSets'))}</p>`;
  const keys: string[] = [];
  const cells = sets.map(([, values]) => {
    const flat = new Map<string, string>();
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flat.set(`${name}.${k}`, String(v));
      else flat.set(name, String(value));
    }
    for (const k of flat.keys()) if (!keys.includes(k)) keys.push(k);
    return flat;
  });
  return table(
    [e(t('params.input')), ...sets.map(([name]) => e(name))],
    keys.map((k) => [e(k), ...cells.map((c) => e(c.get(k) ?? ''))]),
    [false, ...sets.map(() => true)],
  );
}

function parameters(input: ModelReportInput, t: T): string {
  const weights = input.params?.weights ?? {};
  const total = Object.values(weights).reduce((s, w) => s + (w > 0 ? w : 0), 0);
  const indicators = table(
    [t('params.column'), t('params.label'), t('params.dimension'), t('params.direction'), t('params.transform'), t('params.winsor'), t('params.scaling'), t('params.missing'), t('params.weight')].map(e),
    input.spec.indicators.map((ind) => {
      const w = weights[ind.column] ?? 0;
      return [e(ind.column), e(ind.label), e(ind.dimension), e(ind.direction), e(ind.transform), ind.winsor ? e(`${ind.winsor[0]}–${ind.winsor[1]}`) : t('none'), e(ind.scaling), e(ind.missing), total > 0 ? num((100 * Math.max(0, w)) / total, 1) : '—'];
    }),
    [false, false, false, false, false, false, false, false, true],
  );
  const present = input.fitted.reduce((s, f) => s + f.present, 0);
  const absent = input.fitted.reduce((s, f) => s + f.absent, 0);
  const fit = input.fitStored ? t('params.fitStored', { present: int(present), absent: int(absent) }) : t('params.fitFresh');
  const setList = parameterSetTable(input, t);
  const seeds = Object.entries(input.seeds);
  return `<h3>${e(t('params.model', { matrix: input.spec.matrix }))}</h3>${indicators}
<p>${e(fit)}</p>
<h3>${e(t('params.current'))}</h3>
<table><tbody><tr><th>${e(t('params.tierRule'))}</th><td>${e(tierRule(input, t))}</td></tr><tr><th>${e(t('params.override'))}</th><td>${e(overrides(input, t))}</td></tr></tbody></table>
<h3>${e(t('params.sets'))}</h3>${setList}
<h3>${e(t('params.seeds'))}</h3>${seeds.length ? table([e(t('params.input')), e(t('validation.value'))], seeds.map(([k, v]) => [e(k), e(v)])) : `<p class="muted">${e(t('params.noSeeds'))}</p>`}`;
}

function method(input: ModelReportInput, t: T): string {
  const p = input.params;
  const share = (q: { percent: number } | { count: number }) => ('percent' in q ? q.percent : q.count);
  const tiering = !p ? '' : p.tiers.mode === 'quota' ? t('method.quota', { strategic: share(p.tiers.strategic), growth: share(p.tiers.growth) }) : t('method.cutoff', { strategic: p.tiers.strategic, growth: p.tiers.growth });
  return [t('method.normalise'), t('method.weights'), tiering, t('method.override'), t('method.explain')]
    .filter(Boolean)
    .map((s) => `<p>${e(s)}</p>`)
    .join('');
}

function validation(v: ReportValidation | null, input: ModelReportInput, t: T, locale: ReportLocale): string {
  if (!v) return `<p class="muted">${e(t('validation.none'))}</p>`;
  const o = v.outcome;
  const conv = (k: keyof typeof METRIC_CONVENTIONS) => e(METRIC_CONVENTIONS[k][locale]);
  const head = `<p>${e(t('validation.outcome', { table: o.table, column: o.column, event: o.eventValue, known: int(o.known), events: int(o.events), rate: pct(o.events / o.known) }))}</p>`;
  const metrics = table(
    [t('validation.metric'), t('validation.value'), t('validation.convention')].map(e),
    [
      [e(t('validation.auc')), num(v.roc.auc), conv('auc')],
      [e(t('validation.gini')), num(v.roc.gini), conv('auc')],
      [e(t('validation.ks')), num(v.ks.ks), conv('ks')],
    ],
    [false, true, false],
  );
  const conversion = table(
    [t('validation.tier'), t('validation.count'), t('validation.events'), t('validation.rate'), t('validation.share')].map(e),
    v.conversion.map((c) => [e(t(`tier.${c.tier}` as ReportKey)), int(c.count), int(c.events), pct(c.rate), pct(c.share)]),
    [false, true, true, true, true],
  );
  const lift = table(
    [t('validation.group'), t('validation.count'), t('validation.events'), t('validation.rate'), t('validation.capture'), t('validation.groupLift'), t('validation.cumLift'), t('validation.scoreRange')].map(e),
    v.lift.map((r) => [String(r.group + 1), int(r.count), int(r.events), pct(r.rate), pct(r.capture), num(r.lift, 2), num(r.cumLift, 2), `${num(r.minScore, 1)}–${num(r.maxScore, 1)}`]),
    [true, true, true, true, true, true, true, false],
  );
  const iv = v.iv.length
    ? `<h3>${e(t('validation.iv'))}</h3><p class="muted">${conv('iv')}</p>${table(
        [t('validation.indicator'), 'IV', t('validation.band')].map(e),
        v.iv.map((r) => [e(r.label), num(r.result.iv), e(r.result.band)]),
        [false, true, false],
      )}`
    : '';
  const psi = v.psi.length
    ? table([t('validation.indicator'), 'PSI', t('validation.band')].map(e), v.psi.map((r) => [e(r.label), num(r.result.psi), e(r.result.band)]), [false, true, false])
    : `<p class="muted">${e(t('validation.psiNone'))}</p>`;
  return `${head}${metrics}
<h3>${e(t('validation.conversion'))}</h3><p class="muted">${conv('conversion')}</p>${conversion}
<h3>${e(t('validation.lift'))}</h3><p class="muted">${conv('lift')}</p>${lift}
${charts(input.charts.validation)}
${iv}
<h3>${e(t('validation.psi'))}</h3><p class="muted">${conv('psi')}</p>${psi}`;
}

/** A migration cell's background: its share of the largest cell, on the tier blue (the app's matrix uses the same). */
export function heatColor(count: number, max: number): string {
  const alpha = max > 0 ? 0.06 + 0.64 * (count / max) : 0.06;
  return `rgba(47, 111, 178, ${alpha.toFixed(2)})`;
}

/** The migration matrix as a table, cells shaded by count, the diagonal (unchanged) outlined. */
export function migrationTable(migration: Int32Array, tiers: readonly string[]): string {
  const max = Math.max(1, ...migration);
  const rows = [0, 1, 2].map(
    (r) =>
      `<tr><th>${e(tiers[r])}</th>${[0, 1, 2]
        .map((c) => {
          const v = migration[3 * r + c]!;
          return `<td class="num${r === c ? ' diag' : ''}" style="background: ${heatColor(v, max)}">${int(v)}</td>`;
        })
        .join('')}</tr>`,
  );
  return `<table><thead><tr><th></th>${tiers.map((x) => `<th class="num">${e(x)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function scenarios(c: ScenarioComparison | null, input: ModelReportInput, t: T): string {
  if (!c || c.scenarios.length < 2) return `<p class="muted">${e(t('scenarios.none'))}</p>`;
  const s = c.scenarios;
  const tiers = [t('tier.0'), t('tier.1'), t('tier.2')];
  const row = (label: string, cell: (x: (typeof s)[number]) => string) => [e(label), ...s.map(cell)];
  const side = table(
    ['', ...s.map((x) => e(x.name))],
    [
      ...tiers.map((tier, k) => row(`${t('scenarios.counts')}: ${tier}`, (x) => int(x.counts[k]!))),
      row(t('validation.auc'), (x) => (x.metrics ? num(x.metrics.auc) : '—')),
      row(t('validation.gini'), (x) => (x.metrics ? num(x.metrics.gini) : '—')),
      row(t('validation.ks'), (x) => (x.metrics ? num(x.metrics.ks) : '—')),
      row(t('scenarios.strategicRate'), (x) => (x.metrics ? pct(x.metrics.tiers[0]!.rate) : '—')),
      row(t('scenarios.strategicLift'), (x) => (x.metrics ? num(x.metrics.strategicLift, 2) : '—')),
      row(t('scenarios.topDecile'), (x) => (x.metrics ? pct(x.metrics.topDecileCapture) : '—')),
    ],
    [false, ...s.map(() => true)],
  );
  const overlap = table(
    [t('scenarios.pair'), t('scenarios.strategicBoth'), t('scenarios.topBoth')].map(e),
    c.pairs.map((p) => [e(`${s[p.a]!.name} × ${s[p.b]!.name}`), `${int(p.strategic.both)} (${num(p.strategic.jaccard, 2)})`, `${int(p.strategicGrowth.both)} (${num(p.strategicGrowth.jaccard, 2)})`]),
    [false, true, true],
  );
  const matrices = c.pairs.map((p) => `<h3>${e(t('scenarios.migration', { a: s[p.a]!.name, b: s[p.b]!.name }))}</h3>${migrationTable(p.migration, tiers)}`).join('');
  const skipped = c.skipped.map((k) => `<p class="muted">${e(t('scenarios.skipped', { name: k.name, reason: k.reason }))}</p>`).join('');
  return `${side}<h3>${e(t('scenarios.overlap'))}</h3>${overlap}${matrices}${charts(input.charts.scenarios)}${skipped}`;
}

function environment(input: ModelReportInput, t: T): string {
  const env = input.environment;
  return table(
    [e(t('validation.metric')), e(t('validation.value'))],
    [
      [e(t('env.app')), e(env.app)],
      [e(t('env.duckdb')), e(env.duckdb)],
      [e(t('env.browser')), e(env.userAgent)],
      [e(t('env.date')), e(env.date)],
      [e(t('env.file')), e(input.fileName)],
    ],
  );
}

function replay(input: ModelReportInput, t: T): string {
  return `<p>${e(t('replay.text'))}</p><pre><code>npm run replay -- ${e(shellQuote(input.fileName))}</code></pre><p>${e(t('replay.after'))}</p>`;
}

/** A file name as one shell word (single quotes, an embedded quote closed and escaped). */
function shellQuote(name: string): string {
  return /^[\w./-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

function notebook(input: ModelReportInput, t: T): string {
  return input.notebookText === null ? `<p class="muted">${e(t('notebook.none'))}</p>` : `<details><summary>${e(input.fileName)}</summary><pre>${e(input.notebookText)}</pre></details>`;
}

/** The report as one HTML document (UTF-8). */
export function buildModelReport(input: ModelReportInput): string {
  const locale = input.locale;
  const t: T = (key, params) => fill(locale, key, params);
  const body: Record<ReportSection, string> = {
    purpose: purpose(input, t),
    data: data(input, t),
    parameters: parameters(input, t),
    method: method(input, t),
    validation: validation(input.validation, input, t, locale),
    scenarios: scenarios(input.comparison, input, t),
    environment: environment(input, t),
    replay: replay(input, t),
    notebook: notebook(input, t),
  };
  const title = `${t('heading')} · ${input.title}`;
  return `<!doctype html>
<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>${e(title)}</h1><p class="meta">${e(t('generated', { date: input.environment.date, app: input.environment.app }))}</p>
<nav><ol>${REPORT_SECTIONS.map((id) => `<li><a href="#${id}">${e(t(`section.${id}` as ReportKey))}</a></li>`).join('')}</ol></nav></header>
${REPORT_SECTIONS.map((id) => `<section id="${id}"><h2>${e(t(`section.${id}` as ReportKey))}</h2>\n${body[id]}\n</section>`).join('\n')}
</body>
</html>
`;
}
