// Runs in: engine process (pure). [Note: seeded noise] The seeded Gaussian noise every diffusion run starts
// from. A seed must give the same bytes on every machine and every run, so nothing here depends on the
// platform, the call order or Math.random:
// - uniforms come from a counter-based generator: word n of a stream is a pure function of (seed, n),
//   a 32-bit integer hash built from Math.imul and shifts, which JavaScript defines exactly on every CPU;
// - normals come from Box–Muller on pairs of words, computed in float64 and rounded once to float32.
//   u1 = (w + 0.5)/2³² is never 0 or 1, so log never sees 0 and the tails stop at ≈ 6.7σ. V8 computes
//   Math.log/cos/sin with its own bundled fdlibm port, not the C library, so the float64 results are the
//   same on Windows, macOS and Linux; the float32 rounding absorbs last-bit differences of other engines
//   in all but rare ties.
// Counter-based (rather than a stateful xorshift) also lets normal i be drawn directly: a latent of any
// size takes a prefix of one stream, and the ancestral noise of later steps continues the same stream.

const TWO_POW_32 = 4294967296;

/** A 32-bit integer finaliser: every input bit affects every output bit (xor-shift-multiply rounds). */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

/** Word n (0 ≤ n < 2³²) of the stream of `seed` (an integer 0 ≤ seed < 2³²; larger seeds use their low 53 bits). */
export function randomWord(seed: number, n: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  const k0 = mix(lo ^ 0x9e3779b9);
  const k1 = mix(hi ^ 0x7f4a7c15 ^ k0);
  return mix(mix((n >>> 0) ^ k0) ^ k1);
}

/** Standard normal number i of the stream of `seed`. */
export function normalAt(seed: number, i: number): number {
  const pair = Math.floor(i / 2) * 2;
  const u1 = (randomWord(seed, pair) + 0.5) / TWO_POW_32;
  const u2 = (randomWord(seed, pair + 1) + 0.5) / TWO_POW_32;
  const r = Math.sqrt(-2 * Math.log(u1));
  const a = 2 * Math.PI * u2;
  return i % 2 === 0 ? r * Math.cos(a) : r * Math.sin(a);
}

/** A seeded stream of N(0,1) float32 values; each call continues where the last stopped. */
export class GaussianStream {
  private next = 0;
  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  }

  /** n fresh normals (float64 maths, rounded to float32 once). */
  take(n: number): Float32Array {
    const out = new Float32Array(n);
    const start = this.next;
    for (let k = 0; k < n; k += 2) {
      const i = start + k;
      // Both values of one Box–Muller pair at once: same numbers as normalAt, half the hashing.
      const u1 = (randomWord(this.seed, i) + 0.5) / TWO_POW_32;
      const u2 = (randomWord(this.seed, i + 1) + 0.5) / TWO_POW_32;
      const r = Math.sqrt(-2 * Math.log(u1));
      const a = 2 * Math.PI * u2;
      out[k] = r * Math.cos(a);
      if (k + 1 < n) out[k + 1] = r * Math.sin(a);
    }
    // Streams advance by whole pairs, so a stream's values never depend on how it was split into calls.
    this.next = start + n + (n % 2);
    return out;
  }
}
