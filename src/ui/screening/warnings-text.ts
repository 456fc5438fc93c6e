import type { Warning, WarningThresholds } from '../../scoring/risk-grid';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey } from '../i18n/messages';

/** One early warning in words: days for overdue, percent for drops and group overdue rates. */
export function warningText(w: Warning, thresholds: WarningThresholds, locale: Locale): string {
  const percent = w.kind !== 'overdue';
  const threshold =
    w.kind === 'overdue' ? thresholds.overdueDays : w.kind === 'balance-drop' ? thresholds.balanceDrop : w.kind === 'industry' ? thresholds.industryOverdueRate : thresholds.regionOverdueRate;
  return message(locale, `screening.warning.${w.kind}` as MessageKey, {
    value: percent ? (100 * w.value).toFixed(1) : w.value,
    threshold: percent ? (100 * threshold).toFixed(0) : threshold,
    group: w.group ?? '',
  });
}
