import { describe, expect, it } from 'vitest';
import { holdoutSplit, splitPosition } from '../../src/scoring/split';
import { permutation, rng } from './random';

const ids = Array.from({ length: 5000 }, (_, i) => `C${String(i + 1).padStart(6, '0')}`);
const heldOut = (list: readonly string[], share: number, seed: number) => new Set([...holdoutSplit(list, share, seed).holdout].map((i) => list[i]!));

describe('holdoutSplit', () => {
  it('is deterministic, disjoint, covers every row once, ascending', () => {
    const a = holdoutSplit(ids, 0.3, 42);
    const b = holdoutSplit(ids, 0.3, 42);
    expect(a).toEqual(b);
    const all = [...a.train, ...a.holdout].sort((x, y) => x - y);
    expect(all).toEqual(ids.map((_, i) => i));
    for (const side of [a.train, a.holdout]) expect(side.every((v, k) => k === 0 || v > side[k - 1]!)).toBe(true);
  });

  it('holds out close to the target share (within 3 binomial standard deviations)', () => {
    for (const [share, seed] of [[0.3, 42], [0.5, 1], [0.1, 7]] as const) {
      const { holdout } = holdoutSplit(ids, share, seed);
      const sd = Math.sqrt((share * (1 - share)) / ids.length);
      expect(Math.abs(holdout.length / ids.length - share)).toBeLessThan(3 * sd);
    }
    expect(holdoutSplit(ids, 0, 42).holdout.length).toBe(0);
    expect(holdoutSplit(ids, 1, 42).train.length).toBe(0);
  });

  it("a customer's side depends on its id and the seed only: not on row order, nor on who else is in the data", () => {
    const base = heldOut(ids, 0.3, 42);
    const shuffled = permutation(ids.length, rng(9)).map((i) => ids[i]!);
    expect(heldOut(shuffled, 0.3, 42)).toEqual(base);
    // a subset (every third customer) and a superset (new customers) keep everyone's side
    const subset = ids.filter((_, i) => i % 3 === 0);
    expect(heldOut(subset, 0.3, 42)).toEqual(new Set(subset.filter((id) => base.has(id))));
    const superset = [...ids, ...Array.from({ length: 500 }, (_, i) => `N${i}`)];
    expect(new Set([...heldOut(superset, 0.3, 42)].filter((id) => !id.startsWith('N')))).toEqual(base);
  });

  it('a larger share only adds customers to the holdout (nested), and another seed gives another split', () => {
    const small = heldOut(ids, 0.2, 42);
    const large = heldOut(ids, 0.3, 42);
    for (const id of small) expect(large.has(id)).toBe(true);
    const other = heldOut(ids, 0.3, 43);
    const overlap = [...other].filter((id) => large.has(id)).length;
    // independent splits overlap in about 0.3 · 0.3 of the customers, not in all of the held-out ones
    expect(overlap / ids.length).toBeGreaterThan(0.06);
    expect(overlap / ids.length).toBeLessThan(0.12);
  });

  it('the position is FNV-1a over the UTF-8 bytes of "seed:id", then fmix32, over 2³² (recomputed here in BigInt)', () => {
    const fnv1a = (text: string) => {
      let h = 0x811c9dc5n;
      for (const byte of Buffer.from(text, 'utf8')) h = ((h ^ BigInt(byte)) * 0x01000193n) & 0xffffffffn;
      return h;
    };
    const fmix32 = (h: bigint) => {
      h ^= h >> 16n;
      h = (h * 0x85ebca6bn) & 0xffffffffn;
      h ^= h >> 13n;
      h = (h * 0xc2b2ae35n) & 0xffffffffn;
      return h ^ (h >> 16n);
    };
    // the reference FNV-1a against its published test vectors
    expect(fnv1a('a')).toBe(0xe40c292cn);
    expect(fnv1a('foobar')).toBe(0xbf9cf968n);
    for (const id of ['C000001', '客户-北京-01', '', '1.23457E+17']) expect(splitPosition(id, 42)).toBe(Number(fmix32(fnv1a(`42:${id}`))) / 2 ** 32);
  });

  it('refuses a share outside [0, 1] and a non-integer seed', () => {
    expect(() => holdoutSplit(ids, 1.5, 42)).toThrow(/share/);
    expect(() => holdoutSplit(ids, 0.3, 0.5)).toThrow(/seed/);
  });
});
