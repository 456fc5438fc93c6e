/**
 * Header normalisation: banks write the same column many ways ("客户号", "客户号 ", "Customer ID",
 * "customer_id", "贷款余额（万元）"). A header becomes a matching key plus the unit it declares.
 */

/** Multiplier from the unit a header or value declares to 元. */
export const AMOUNT_UNITS = { 元: 1, 万元: 10_000, 亿元: 100_000_000 } as const;
export type AmountUnitName = keyof typeof AMOUNT_UNITS;

/** Full-width ASCII (Ａ-Ｚ, ０-９, （）...) and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A unit in brackets at the end ("(万元)", "（%）", "[单位:元]"), or 万元/亿元 written straight on. */
const BRACKETED_UNIT = /[([{【]\s*(?:单位[:：]?\s*)?(万元|亿元|元|%|‰|天|人)\s*[)\]}】]$/;
const BARE_UNIT = /(万元|亿元)$/;

export interface NormalisedHeader {
  /** lower-case, without spaces, punctuation or the unit: what names are compared by */
  readonly key: string;
  /** the unit the header declares, if any */
  readonly unit: string | null;
}

/** Splits a header into its matching key and declared unit: "贷款余额（万元）" → 贷款余额, 万元. */
export function normaliseHeader(header: string): NormalisedHeader {
  let text = toHalfWidth(header).trim();
  let unit: string | null = null;
  const m = BRACKETED_UNIT.exec(text) ?? BARE_UNIT.exec(text);
  if (m && m.index > 0) {
    unit = m[1]!;
    text = text.slice(0, m.index);
  }
  const key = text.toLowerCase().replace(/[\s_\-.:：()[\]{}【】/\\#·]/g, '');
  return { key, unit };
}

/** A name for a table made from a file name: `贷款明细 (1).csv` → `贷款明细_1`. */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').replace(/^.*[\\/]/, '');
  const cleaned = toHalfWidth(base).trim().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '');
  const name = cleaned === '' ? 'table' : cleaned;
  return /^\p{N}/u.test(name) ? `t_${name}` : name;
}

/** `name`, or `name_2`, `name_3`... the first not in `taken`. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  let k = 2;
  while (taken.has(`${name}_${k}`)) k++;
  return `${name}_${k}`;
}
