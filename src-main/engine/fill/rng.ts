// Runs in: engine process and the fill worker thread (pure). A tiny seeded PRNG (mulberry32-style):
// fills must be reproducible from their seed, so Math.random is never used.

export type Rng = () => number;

/** Uniform floats in [0, 1), fully determined by seed. */
export function makeRng(seed: number): Rng {
  let s = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}
