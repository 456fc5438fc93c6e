/** Small helpers over the seeded PRNG (test/support/random), so every choice replays from a seed. */
import type { Random } from '../../support/random';

/** A whole number in [0, n). */
export const int = (random: Random, n: number): number => Math.floor(random() * n);

/** A whole number in [lo, hi]. */
export const between = (random: Random, lo: number, hi: number): number => lo + int(random, hi - lo + 1);

export const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;

/** `n` random bytes drawn from `alphabet` (any byte when left out). */
export function randomBytes(random: Random, n: number, alphabet?: readonly number[]): Uint8Array {
  return Uint8Array.from({ length: n }, () => (alphabet ? pick(random, alphabet) : int(random, 256)));
}

export const hex = (bytes: Uint8Array): string => Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(' ') + (bytes.length > 16 ? ` …(${bytes.length} bytes)` : '');
