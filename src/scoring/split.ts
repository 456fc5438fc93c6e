/**
 * The train/holdout split for fitting weights on outcomes. Each customer's side is decided by a
 * hash of its own id and the seed alone — not by a random draw in row order — so the split is
 * the same whatever order the extract lists customers in, and adding or removing other customers
 * (a later extract, a filtered list) never moves a customer from one side to the other: a
 * customer that was held out stays held out, and holdout metrics stay honest across re-runs.
 *
 * The hash, so a reviewer can recompute it in any language: h = FNV-1a (32-bit) over the UTF-8
 * bytes of `${seed}:${id}`, then MurmurHash3's 32-bit finaliser (fmix32) to spread FNV's weak
 * low bits; u = h / 2³². The customer is held out when u < holdoutShare.
 */

const encoder = new TextEncoder();

/** FNV-1a 32-bit over bytes, then fmix32; an unsigned 32-bit integer. */
function hash32(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The customer's position in [0, 1) for this seed (see the module comment). */
export function splitPosition(id: string, seed: number): number {
  return hash32(encoder.encode(`${seed}:${id}`)) / 4294967296;
}

/**
 * A seeded, deterministic train/holdout split (by a hash of each customer id and the seed, so the
 * same customer lands on the same side whatever the row order and whatever else is in the data);
 * returns row indices, ascending. holdoutShare is in [0, 1]; the realised share is binomial
 * around it (a few tenths of a percent off on thousands of customers).
 */
export function holdoutSplit(ids: readonly string[], holdoutShare: number, seed: number): { train: Uint32Array; holdout: Uint32Array } {
  if (!(holdoutShare >= 0 && holdoutShare <= 1)) throw new Error(`holdoutSplit: the holdout share must be in [0, 1], not ${holdoutShare}`);
  if (!Number.isInteger(seed)) throw new Error(`holdoutSplit: the seed must be an integer, not ${seed}`);
  const train: number[] = [];
  const holdout: number[] = [];
  ids.forEach((id, i) => (splitPosition(id, seed) < holdoutShare ? holdout : train).push(i));
  return { train: Uint32Array.from(train), holdout: Uint32Array.from(holdout) };
}
