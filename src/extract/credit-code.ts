/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from an alphabet
 * without I, O, S, V, Z; the last is a check character over the first 17.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters of a code, or null if one is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a code is invalid, or null when it is valid. Upper-cases and trims before checking. */
export function creditCodeProblem(raw: string): 'length' | 'character' | 'check' | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return 'length';
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected === null || !CREDIT_CODE_ALPHABET.includes(code[17]!)) return 'character';
  return expected === code[17] ? null : 'check';
}

/** True when `raw` is a well-formed code with a correct check character. */
export function isValidCreditCode(raw: string): boolean {
  return creditCodeProblem(raw) === null;
}
