import type { ColumnInfo } from '../../engine/database';
import type { Screen, ScreenState } from '../../scoring/screen';
import { LIBRARY_COLUMNS } from '../../scoring/screen';
import { SEGMENTS } from '../../scoring/segments';
import { rankOrder } from '../../scoring/tiers';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey } from '../i18n/messages';

/** A column of the name list: its header in the user's language, its type, one value per customer row. */
export type ListColumn = ColumnInfo & { readonly values: ArrayLike<unknown> };

/** The matrix column naming each customer's account manager (the export can split by it). */
const MANAGER_COLUMN = 'manager';

/**
 * The name list's columns for the screening's current state, in the user's language: rank,
 * customer, tier, score, segment with its strategy and campaign, where the customer is and who
 * manages it, the balance and the next maturity (for renewal visits). Values are per data row;
 * the list shows them through its filtered, sorted index.
 */
export function listColumns(screen: Screen, state: ScreenState, locale: Locale): ListColumn[] {
  const t = (k: MessageKey) => message(locale, k);
  const zh = locale === 'zh';
  const n = screen.data.rows;
  const rank = new Float64Array(n);
  const order = rankOrder(state.score, screen.idRank);
  for (let k = 0; k < order.length; k++) rank[order[k]!] = k + 1;
  const tierNames = [t('tier.strategic'), t('tier.growth'), t('tier.general')];
  const tier = Array.from(state.tiering.tier, (x) => tierNames[x]!);
  const score = Float64Array.from(state.score, (s) => Math.round(s * 10) / 10);
  const seg = (pick: (s: (typeof SEGMENTS)[number]) => string) => Array.from(screen.segment, (s) => pick(SEGMENTS[s]!));
  const text = (c: string) => screen.data.text[c];
  const columns: (ListColumn | null)[] = [
    { name: t('screening.list.rank'), type: 'INTEGER', values: rank },
    { name: t('screening.list.id'), type: 'VARCHAR', values: screen.data.ids },
    text('name') ? { name: t('screening.list.name'), type: 'VARCHAR', values: text('name')! } : null,
    { name: t('screening.list.tier'), type: 'VARCHAR', values: tier },
    { name: t('screening.score'), type: 'DOUBLE', values: score },
    { name: t('screening.segment'), type: 'VARCHAR', values: seg((s) => (zh ? s.zh : s.en)) },
    { name: t('screening.strategy'), type: 'VARCHAR', values: seg((s) => (zh ? s.strategy.zh : s.strategy.en)) },
    { name: t('screening.campaign'), type: 'VARCHAR', values: seg((s) => (zh ? s.campaign.zh : s.campaign.en)) },
    text('industry') ? { name: t('screening.industry'), type: 'VARCHAR', values: text('industry')! } : null,
    text('region') ? { name: t('screening.region'), type: 'VARCHAR', values: text('region')! } : null,
    text(MANAGER_COLUMN) ? { name: t('screening.manager'), type: 'VARCHAR', values: text(MANAGER_COLUMN)! } : null,
    screen.data.numbers.get(LIBRARY_COLUMNS.balance) ? { name: t('screening.list.balance'), type: 'DOUBLE', values: screen.data.numbers.get(LIBRARY_COLUMNS.balance)! } : null,
    screen.data.dates?.get('next_maturity') ? { name: t('screening.list.nextMaturity'), type: 'DATE', values: screen.data.dates.get('next_maturity')! } : null,
  ];
  return columns.filter((c): c is ListColumn => c !== null);
}
