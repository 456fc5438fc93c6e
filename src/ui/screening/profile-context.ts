import { explainRow } from '../../scoring/explain';
import { percentileOf, sortedPresent } from '../../scoring/percentiles';
import type { Screen, ScreenState } from '../../scoring/screen';
import { SEGMENTS } from '../../scoring/segments';
import { TIER_REASONS } from '../../scoring/tiers';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey } from '../i18n/messages';
import type { ProfileAlert, ProfileContext } from './customer-profile';
import type { Warning, WarningThresholds } from '../../scoring/risk-grid';
import { warningText } from './warnings-text';

/** Sorted present values per (screen, column), so percentiles cost a binary search per profile. */
const sortedCache = new WeakMap<Screen, Map<string, Float64Array>>();

function sorted(screen: Screen, column: string, values: Float64Array): Float64Array {
  let byColumn = sortedCache.get(screen);
  if (!byColumn) sortedCache.set(screen, (byColumn = new Map()));
  let s = byColumn.get(column);
  if (!s) byColumn.set(column, (s = sortedPresent(values)));
  return s;
}

/** The 1-based position of a row by score (desc), equal scores by customer id: what a sort would give. */
function rankOf(screen: Screen, score: Float64Array, row: number): number {
  const s = score[row]!;
  const id = screen.idRank[row]!;
  let ahead = 0;
  for (let i = 0; i < score.length; i++) if (score[i]! > s || (score[i] === s && screen.idRank[i]! < id)) ahead++;
  return ahead + 1;
}

/** Everything the customer profile shows about one row of the screening, worded in the locale. */
export function profileContext(screen: Screen, state: ScreenState, row: number, warnings: readonly Warning[], thresholds: WarningThresholds, locale: Locale): ProfileContext {
  const rank = rankOf(screen, state.score, row);
  const why = explainRow(screen.matrix, state.weights, state.score, state.tiering, row, rank);
  const text = (column: string) => screen.data.text[column]?.[row] ?? '';
  const contributions = new Map(why.top.map((c) => [c.column, c.points]));
  const indicators = screen.spec.indicators.map((ind) => {
    const values = screen.data.numbers.get(ind.column)!;
    const value = values[row]!;
    return {
      column: ind.column,
      label: ind.label,
      unit: ind.unit ?? '',
      value,
      percentile: Number.isNaN(value) ? Number.NaN : percentileOf(sorted(screen, ind.column, values), value),
      direction: ind.direction,
      points: contributions.get(ind.column) ?? 0,
    };
  });
  const segment = SEGMENTS[screen.segment[row]!]!;
  const zh = locale === 'zh';
  const tierKey: MessageKey[] = ['tier.strategic', 'tier.growth', 'tier.general'];
  const reason = TIER_REASONS[state.tiering.reason[row]!]!;
  const alerts: ProfileAlert[] = warnings.filter((w) => w.row === row).map((w) => ({ kind: w.kind, text: warningText(w, thresholds, locale) }));
  return {
    customerId: screen.data.ids[row]!,
    name: text('name'),
    industry: text('industry'),
    region: text('region'),
    manager: text('manager'),
    tier: state.tiering.tier[row] as 0 | 1 | 2,
    tierLabel: message(locale, tierKey[state.tiering.tier[row]!]!),
    score: state.score[row]!,
    rank,
    total: screen.data.rows,
    reasonText: message(locale, `screening.reason.${reason}` as MessageKey, {
      score: state.score[row]!.toFixed(1),
      cut: Number.isFinite(why.cut) ? why.cut.toFixed(1) : '—',
      rank,
      total: screen.data.rows,
      days: state.params.maxOverdueDays ?? '—',
    }),
    segment: zh ? segment.zh : segment.en,
    strategy: zh ? segment.strategy.zh : segment.strategy.en,
    campaign: zh ? segment.campaign.zh : segment.campaign.en,
    indicators,
    alerts,
  };
}
