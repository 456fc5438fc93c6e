import { creditCodeCheckChar } from '../extract/credit-code';
import { COMPANY_SUFFIXES, GIVEN_NAME_CHARS, SURNAMES, TRADE_NAME_CHARS } from './vocabulary';
import { cumulativeWeights, type Rng } from './random';
import type { City } from './regions';

/**
 * Who a customer is: ids, company name, 统一社会信用代码, account-manager names. Ids come from
 * the customer's index alone, so they do not depend on the seed or on the number of customers.
 */

/** 客户号: ten digits starting with 8. Duplicates injected by --messy start with 9 instead. */
export function customerId(index: number): string {
  return `8${String(index).padStart(9, '0')}`;
}

/** GB 11714 check character of an 8-character organisation code body. */
function orgCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * weights[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Spreads indices over the 8-digit body space; odd multiplier mod 10^8 is a bijection. */
function orgCodeBody(index: number, seed: number): string {
  const scrambled = (index * 7_368_787 + (seed % 100_000_000) * 13 + 12_345_679) % 100_000_000;
  return String(scrambled).padStart(8, '0');
}

/**
 * A valid 统一社会信用代码: 9 (registered by 市场监管), 1 (enterprise), the district's division
 * code, the organisation code with its own GB 11714 check, and the GB 32100 check character.
 * Unique per (seed, index) for index < 10^8.
 */
export function creditCode(index: number, seed: number, divisionCode: string): string {
  const body = orgCodeBody(index, seed);
  const first17 = `91${divisionCode}${body}${orgCodeCheck(body)}`;
  return first17 + creditCodeCheckChar(first17)!;
}

const suffixWeights = cumulativeWeights(COMPANY_SUFFIXES.map((s) => s.weight));

/**
 * A plausible company name: 深圳市华信科技有限公司, or with the city in brackets
 * 华信（深圳）科技有限公司 (full-width brackets, as registered). Large firms are more often
 * 股份有限公司.
 */
export function companyName(rng: Rng, city: City, words: readonly string[], large: boolean): string {
  const a = rng.int(0, TRADE_NAME_CHARS.length);
  let b = rng.int(0, TRADE_NAME_CHARS.length - 1);
  if (b >= a) b++;
  const trade = TRADE_NAME_CHARS[a]! + TRADE_NAME_CHARS[b]!;
  const word = rng.pick(words);
  const suffix = large && rng.bernoulli(0.5) ? '股份有限公司' : COMPANY_SUFFIXES[rng.pickCumulative(suffixWeights)]!.name;
  return rng.bernoulli(0.1) ? `${trade}（${city.short}）${word}${suffix}` : `${city.name}${trade}${word}${suffix}`;
}

/** A Chinese personal name of two or three characters. */
export function personName(rng: Rng): string {
  const given = rng.pick(GIVEN) + (rng.bernoulli(0.7) ? rng.pick(GIVEN) : '');
  return rng.pick(SURNAME_LIST) + given;
}

const SURNAME_LIST = Array.from(SURNAMES);
const GIVEN = Array.from(GIVEN_NAME_CHARS);
