// The renderer's synchronous raw-DEFLATE decoder against Node's zlib: every block type and level.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateRawSync } from '../../../src-renderer/selection/inflate-raw';

function sample(n: number, seed: number, alphabet: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    // Runs and repeats (back-references) mixed with noise.
    out[i] = i > 64 && s % 3 === 0 ? out[i - 1 - (s % 64)]! : s % alphabet;
  }
  return out;
}

describe('inflateRawSync', () => {
  it('inflates what zlib deflates (stored, fixed and dynamic blocks)', () => {
    for (const [n, alphabet] of [
      [0, 2],
      [1, 2],
      [300, 4],
      [65536, 256],
      [70000, 3],
      [200000, 17],
    ] as const) {
      const data = sample(n, n + alphabet, alphabet);
      for (const level of [0, 1, 6, 9]) {
        for (const strategy of [0, 4]) expect(inflateRawSync(deflateRawSync(data, { level, strategy }))).toEqual(data);
      }
    }
  });

  it('rejects truncated data', () => {
    const packed = deflateRawSync(sample(5000, 7, 9));
    expect(() => inflateRawSync(packed.subarray(0, packed.length >> 1))).toThrow();
  });
});
