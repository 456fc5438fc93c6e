/**
 * Numbers as CSV text. JavaScript's `String(x)` is the shortest text that reads back as the same
 * double, which is what a CSV should hold, but it switches to exponent form below 1e-6 (`1.5e-7`),
 * and some readers (and people) take `1.5e-7` for text. So the same digits are written out in plain
 * positional form for every |x| < 1e21; from 1e21 on, `String(x)` is kept (`1e+21`), as such a
 * number would otherwise be 22+ digits of which only ~17 mean anything.
 */

/** `x` in plain digits (`0.00000015`, `-1234.5`, `0` for -0); not finite numbers are the caller's. */
export function plainNumber(x: number): string {
  const text = String(x);
  const e = text.indexOf('e');
  if (e < 0 || Math.abs(x) >= 1e21) return text;
  // here the exponent is negative: String() uses exponents below 1e21 only for |x| < 1e-6
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e); // "1.5"
  const exponent = Number(text.slice(e + 1)); // -7
  const digits = mantissa.replace('.', ''); // "15"
  const pointAt = (mantissa.indexOf('.') < 0 ? mantissa.length : mantissa.indexOf('.')) + exponent; // ≤ 0
  return `${negative ? '-' : ''}0.${'0'.repeat(-pointAt)}${digits}`;
}
