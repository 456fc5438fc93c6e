/**
 * Keeps a set of percentage weights summing to 100 when one of them is moved: the difference is
 * taken from (or given to) the other weights that are not locked, in proportion to their size
 * (equally when they are all zero), never below zero. Values are kept to one decimal, and the
 * rounding remainder goes to the largest free weight, so the sum is exactly 100.
 */
export function rebalance(
  weights: Readonly<Record<string, number>>,
  key: string,
  value: number,
  locked: ReadonlySet<string> = new Set(),
): Record<string, number> {
  const names = Object.keys(weights);
  const free = names.filter((n) => n !== key && !locked.has(n));
  const lockedSum = names.filter((n) => n !== key && locked.has(n)).reduce((s, n) => s + weights[n]!, 0);
  // the moved weight can take at most what the locked ones leave
  const target = round1(Math.min(Math.max(0, value), 100 - lockedSum, free.length === 0 ? weights[key]! : 100));
  const out: Record<string, number> = { ...weights, [key]: target };
  const budget = 100 - lockedSum - target;
  const current = free.reduce((s, n) => s + weights[n]!, 0);
  for (const n of free) out[n] = round1(current > 0 ? (weights[n]! / current) * budget : budget / free.length);
  const remainder = round1(100 - names.reduce((s, n) => s + out[n]!, 0));
  if (remainder !== 0 && free.length > 0) {
    const largest = free.reduce((a, b) => (out[b]! > out[a]! ? b : a));
    out[largest] = round1(out[largest]! + remainder);
  }
  return out;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
