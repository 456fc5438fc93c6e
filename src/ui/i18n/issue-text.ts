import type { IssueCode, LoadIssue } from '../../extract/issues';
import type { Locale } from './locale';
import { interpolate } from './messages';

type Texts = Record<IssueCode | 'scientific-number' | 'unit-in-value' | 'excel-serial' | 'percent', string>;

/** What each problem means, in words a bank analyst uses; `{name}` are the issue's details. */
const en: Texts = {
  'empty-file': 'The file is empty.',
  'header-only': 'The file has a header but no data rows.',
  'binary-file': 'This is not a text file (it looks like binary data renamed). Export the extract as CSV, Excel .xlsx, Parquet or JSON.',
  'too-large': 'The file is {sizeText}; this browser can load files up to about {maxText} of this format. Split the extract (by month or branch), or filter it before export.',
  'out-of-memory': 'DuckDB ran out of memory while loading this file; the tables already loaded are kept. Split the file, or remove tables you no longer need. ({message})',
  'unsupported-format': 'This format cannot be read ({kind}). Save legacy .xls workbooks as .xlsx; other archives must be unpacked first.',
  'mixed-encoding': 'The file mixes encodings: {utf8Lines} lines are UTF-8 and {gbkLines} are GBK (first GBK line: {firstGbkLine}, first UTF-8 line: {firstUtf8Line}). Each line was decoded in its own encoding; check the text of those lines.',
  'decoded-gb18030': 'Decoded as GBK/GB18030 (it is not UTF-8).',
  'line-decoded-gb18030': 'This line is not valid UTF-8 and was read as GBK; if the file is UTF-8, its text is garbled: check it.',
  'unreadable': 'The file could not be read: {message}',
  'damaged-file': 'The file is damaged: a part of the workbook does not match its checksum (CRC-32), so its values cannot be trusted and nothing was loaded from it. Export or download the workbook again. ({message})',
  'duplicate-file': 'This exact file (same SHA-256) is already loaded as table "{table}"; it was not loaded again.',
  'no-sheet-data': 'The sheet has no data.',
  'unsupported-column-type': 'Column type {type} cannot be loaded; the column was left out.',
  'converted-column-type': 'Column type {type} is not supported by DuckDB in the browser; the values were kept as text.',
  'merged-header': 'Merged header cells were filled in: {what}',
  'duplicate-header': 'The header appears more than once; this column was renamed "{renamed}".',
  'empty-header': 'A column has no header; it was named after its position.',
  'row-numbers-approximate': 'Row numbers are approximate: they count the rows loaded, not the lines of the file (its quoting could not be followed line by line), so a row may sit a few lines further down than its number says.',
  'too-many-columns': 'The row has {found} fields where the header has {expected}; the row was not loaded.',
  'too-few-columns': 'The row has {found} fields where the header has {expected}; the row was not loaded.',
  'unclosed-quote': 'A quote opened on this line is never closed, so the rest of the file could not be split into rows. Fix the quote, or re-read with quoting off.',
  'parse-error': 'The row could not be parsed.',
  'not-a-number': 'Not a number.',
  'not-an-integer': 'Not a whole number.',
  'not-a-date': 'Not a date (expected e.g. 20240305, 2024-03-05, 2024/3/5 or an Excel date).',
  'ambiguous-date': 'Ambiguous date: day and month order cannot be told; write it as 2024-03-05.',
  'not-a-flag': 'Not a yes/no value (expected 1/0, 是/否, Y/N).',
  'id-scientific': 'The ID was turned into scientific notation by Excel and its digits are lost; re-export the column as text.',
  'missing-required': 'A required value is missing.',
  'excel-error': 'An Excel error value.',
  'formula-no-result': 'A formula cell has no saved result (the workbook was not recalculated before saving); its value is unknown.',
  'total-row': 'A total (合计) row; skipped.',
  'duplicate-key': '{count} rows share this key (rows {rows}).',
  'duplicate-credit-code': 'One credit code under {count} customer IDs: {customers}.',
  'duplicate-name': 'One company name (brackets and spaces aside) under {count} customer IDs: {customers}.',
  'invalid-credit-code': 'Invalid unified social credit code ({problem}).',
  'excel-serial-dates': 'Excel serial numbers were read as dates.',
  'unit-converted': 'Amounts converted to 元.',
  'rate-looks-like-percent': '{high} of {count} values are above 1: the column may be in percent points (4.35 meaning 4.35%). Values were kept as written.',
  'missing-column': 'The file lacks these columns of the table; indicators that need them will not work: {columns}.',
  'scientific-number': 'Numbers in scientific notation (Excel may have rounded them).',
  'unit-in-value': 'Values written with 万 or 亿 were converted to 元.',
  'excel-serial': 'Excel serial numbers read as dates.',
  percent: 'Percentages converted to fractions (85.3% → 0.853).',
};

const zh: Texts = {
  'empty-file': '文件为空。',
  'header-only': '文件只有表头，没有数据行。',
  'binary-file': '这不是文本文件（像是改了扩展名的二进制文件）。请将数据导出为 CSV、Excel .xlsx、Parquet 或 JSON。',
  'too-large': '文件大小为 {sizeText}；浏览器可加载的此格式文件最大约 {maxText}。请按月份或机构拆分数据，或在导出前筛选。',
  'out-of-memory': '加载此文件时 DuckDB 内存不足；已加载的数据表均保留。请拆分文件，或删除不再需要的数据表。（{message}）',
  'unsupported-format': '无法读取此格式（{kind}）。旧版 .xls 请另存为 .xlsx；其他压缩包请先解压。',
  'mixed-encoding': '文件混用了编码：{utf8Lines} 行为 UTF-8，{gbkLines} 行为 GBK（第一个 GBK 行：第 {firstGbkLine} 行；第一个 UTF-8 行：第 {firstUtf8Line} 行）。各行已按其自身编码解码，请核对这些行的文字。',
  'line-decoded-gb18030': '该行不是有效的 UTF-8，已按 GBK 读取；如果文件是 UTF-8，该行文字会是乱码，请核对。',
  'decoded-gb18030': '已按 GBK/GB18030 解码（文件不是 UTF-8）。',
  'unreadable': '无法读取文件：{message}',
  'damaged-file': '文件已损坏：工作簿中有部分内容与其校验值（CRC-32）不符，数值不可信，因此未加载任何数据。请重新导出或重新下载该工作簿。（{message}）',
  'duplicate-file': '完全相同的文件（SHA-256 相同）已加载为数据表“{table}”，未重复加载。',
  'no-sheet-data': '该工作表没有数据。',
  'unsupported-column-type': '字段类型 {type} 无法加载，该字段已略去。',
  'converted-column-type': '浏览器中的 DuckDB 不支持字段类型 {type}，其值已按文本保留。',
  'merged-header': '已填充合并的表头单元格：{what}',
  'duplicate-header': '表头重复，此字段已重命名为“{renamed}”。',
  'empty-header': '有字段没有表头，已按位置命名。',
  'row-numbers-approximate': '行号为近似值：按已加载的行计数，而非文件中的行（文件中的引号无法逐行对应），实际位置可能比行号靠后几行。',
  'too-many-columns': '该行有 {found} 个字段，表头有 {expected} 个；该行未加载。',
  'too-few-columns': '该行有 {found} 个字段，表头有 {expected} 个；该行未加载。',
  'unclosed-quote': '此行的引号没有闭合，之后的内容无法分行。请修正引号，或关闭引号识别后重新读取。',
  'parse-error': '该行无法解析。',
  'not-a-number': '不是数字。',
  'not-an-integer': '不是整数。',
  'not-a-date': '不是日期（应为 20240305、2024-03-05、2024/3/5 或 Excel 日期）。',
  'ambiguous-date': '日期有歧义，无法区分日和月；请写成 2024-03-05。',
  'not-a-flag': '不是“是/否”值（应为 1/0、是/否、Y/N）。',
  'id-scientific': '编号被 Excel 转成了科学计数法，数字已丢失；请将该列按文本重新导出。',
  'missing-required': '缺少必填值。',
  'excel-error': 'Excel 错误值。',
  'formula-no-result': '公式单元格没有保存计算结果（保存前未重新计算），其值未知。',
  'total-row': '合计行，已跳过。',
  'duplicate-key': '{count} 行的主键相同（第 {rows} 行）。',
  'duplicate-credit-code': '同一统一社会信用代码对应 {count} 个客户号：{customers}。',
  'duplicate-name': '同一企业名称（忽略全角/半角括号与空格）对应 {count} 个客户号：{customers}。',
  'invalid-credit-code': '统一社会信用代码无效（{problem}）。',
  'excel-serial-dates': 'Excel 序列号已按日期读取。',
  'unit-converted': '金额已换算为元。',
  'rate-looks-like-percent': '{count} 个值中有 {high} 个大于 1：该列可能以百分点表示（4.35 表示 4.35%）。已按原值保留。',
  'missing-column': '文件缺少该表的以下字段，需要它们的指标将无法计算：{columns}。',
  'scientific-number': '数值为科学计数法（Excel 可能已四舍五入）。',
  'unit-in-value': '带“万”或“亿”的数值已换算为元。',
  'excel-serial': 'Excel 序列号已按日期读取。',
  percent: '百分数已换算为小数（85.3% → 0.853）。',
};

const PROBLEM_WORDS: Record<Locale, Record<string, string>> = {
  en: { length: 'not 18 characters', character: 'a character outside the code alphabet', check: 'wrong check character' },
  zh: { length: '长度不是 18 位', character: '含有不允许的字符', check: '校验码错误' },
};

/** A byte count for people: 1.2 GB, 35 MB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** The text of an issue (or a counted note code) in a locale, with its details filled in. */
export function issueText(locale: Locale, code: string, detail: LoadIssue['detail'] = {}): string {
  const texts = locale === 'zh' ? zh : en;
  const template = (texts as Record<string, string>)[code] ?? code;
  const params: Record<string, string | number> = { ...detail };
  if (typeof detail['size'] === 'number') params['sizeText'] = formatBytes(detail['size']);
  if (typeof detail['max'] === 'number') params['maxText'] = formatBytes(detail['max']);
  if (typeof detail['problem'] === 'string') params['problem'] = PROBLEM_WORDS[locale][detail['problem']] ?? detail['problem'];
  return interpolate(template, params, locale);
}

/** "file · row 12 · column 贷款余额": where an issue is. */
export function issuePlace(locale: Locale, issue: LoadIssue): string {
  const parts = [issue.file];
  if (issue.row !== undefined) parts.push(locale === 'zh' ? `第 ${issue.row} 行` : `row ${issue.row}`);
  if (issue.column !== undefined) parts.push(locale === 'zh' ? `字段“${issue.column}”` : `column "${issue.column}"`);
  return parts.join(' · ');
}
