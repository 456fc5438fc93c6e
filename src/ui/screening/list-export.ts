import type { ExportColumn, ExportIssue, ExportValue } from '../../export/columns';
import { describeIssue } from '../../export/columns';
import type { Locale } from '../i18n/locale';
import { message } from '../i18n/messages';
import type { ListColumn } from './list-columns';

/** What the user asked for: CSV in an encoding, or XLSX; one file, or one per account manager. */
export type ExportChoice = { readonly format: 'csv'; readonly encoding: 'utf-8' | 'gbk'; readonly split: boolean } | { readonly format: 'xlsx'; readonly split: boolean };

/** One list column as export values, in the list's order: dates as Date, missing as null. */
function exportColumn(column: ListColumn, index: Uint32Array): ExportColumn {
  const values: ExportValue[] = new Array(index.length);
  for (let k = 0; k < index.length; k++) {
    const v = column.values[index[k]!];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) values[k] = null;
    else if (column.type === 'DATE' && typeof v === 'number') values[k] = new Date(v);
    else values[k] = typeof v === 'number' || typeof v === 'string' ? v : String(v);
  }
  return { header: column.name, values };
}

/** An export problem in the user's words (the first one; the count says how many more). */
function issueText(issue: ExportIssue, total: number, locale: Locale): string {
  const first =
    issue.code === 'unencodable-character'
      ? message(locale, 'screening.export.gbkChar', { char: issue.char ?? '?', row: issue.row ?? '?', column: issue.column ?? '?' })
      : describeIssue(issue);
  return total > 1 ? `${first} (+${total - 1})` : first;
}

/**
 * Exports the name list as shown (its filtered, sorted rows) and saves the file. The split is
 * by the account manager column; the file is named after the list and the date.
 */
export async function exportNameList(columns: readonly ListColumn[], index: Uint32Array, choice: ExportChoice, locale: Locale): Promise<{ ok: true; fileName: string } | { ok: false; message: string }> {
  const { exportList, download } = await import('../../export');
  const managerHeader = message(locale, 'screening.manager');
  const split = choice.split && columns.some((c) => c.name === managerHeader);
  const result = await exportList(
    columns.map((c) => exportColumn(c, index)),
    {
      format: choice.format,
      ...(choice.format === 'csv' ? { encoding: choice.encoding } : {}),
      ...(split ? { splitBy: managerHeader, splitAs: 'files' as const } : {}),
      baseName: `${message(locale, 'screening.list')}-${new Date().toISOString().slice(0, 10)}`,
      unassigned: message(locale, 'screening.list.unassigned'),
    },
  );
  if (!result.ok) return { ok: false, message: issueText(result.issues[0]!, result.issues.length, locale) };
  download(result.fileName, result.mime, result.bytes);
  return { ok: true, fileName: result.fileName };
}

