// Runs in: test tooling. Pure post-processing: low-res logits → binary masks (against a literal
// re-implementation of the graph's resize chain), bbox/area, the wire codec and the embedding file.
import { describe, expect, it } from 'vitest';
import { parseEmbedding, serializeEmbedding, type EmbeddingKey } from '../../../src-main/engine/segment/embedding-file';
import { placementFor } from '../../../src-main/engine/segment/geometry';
import { CLICK_BUDGET_BYTES, decodeLogits, encodeCandidates, encodeLogits } from '../../../src-main/engine/segment/logits-codec';
import { lowResToMask } from '../../../src-main/engine/segment/low-res-mask';
import { maskBox, maskStats } from '../../../src-main/engine/segment/mask-stats';
import type { Embedding } from '../../../src-main/engine/segment/types';
import { differing } from '../../helpers/scenes';

/** Deterministic pseudo-random numbers in [0,1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Smooth logits with a few blobs, plus noise: `noise` 0 gives SAM-like saturated maps. */
function logits(seed: number, noise = 0): Float32Array {
  const r = rng(seed);
  const blobs = Array.from({ length: 3 }, () => ({ x: r() * 256, y: r() * 256, s: 10 + r() * 40 }));
  const out = new Float32Array(65536);
  for (let y = 0; y < 256; y++) {
    for (let x = 0; x < 256; x++) {
      const d = Math.min(...blobs.map((b) => Math.hypot(x - b.x, y - b.y) / b.s));
      out[y * 256 + x] = Math.max(-30, Math.min(30, 12 * (1 - d))) + (r() - 0.5) * noise;
    }
  }
  return out;
}

/** ONNX Resize linear / half_pixel on a 2-D array, literally. */
function resize(src: Float64Array, w: number, h: number, ow: number, oh: number): Float64Array {
  const out = new Float64Array(ow * oh);
  const at = (i: number, n: number, o: number) => {
    const s = Math.min(Math.max(((i + 0.5) * n) / o - 0.5, 0), n - 1);
    const a = Math.floor(s);
    return [a, Math.min(a + 1, n - 1), s - a] as const;
  };
  for (let y = 0; y < oh; y++) {
    const [y0, y1, fy] = at(y, h, oh);
    for (let x = 0; x < ow; x++) {
      const [x0, x1, fx] = at(x, w, ow);
      const top = src[y0 * w + x0]! * (1 - fx) + src[y0 * w + x1]! * fx;
      const bottom = src[y1 * w + x0]! * (1 - fx) + src[y1 * w + x1]! * fx;
      out[y * ow + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

/** The SAM 1 graph's chain: 256→1024, crop, →(H,W); SAM 2: 256→(H,W). */
function reference(l: Float32Array, family: 'sam1' | 'sam2', w: number, h: number): Uint8Array {
  const p = placementFor(family, w, h);
  let full: Float64Array;
  if (family === 'sam2') full = resize(Float64Array.from(l), 256, 256, w, h);
  else {
    const frame = resize(Float64Array.from(l), 256, 256, 1024, 1024);
    const crop = new Float64Array(p.crop.width * p.crop.height);
    for (let y = 0; y < p.crop.height; y++) crop.set(frame.subarray(y * 1024, y * 1024 + p.crop.width), y * p.crop.width);
    full = resize(crop, p.crop.width, p.crop.height, w, h);
  }
  return Uint8Array.from(full, (v) => (v > 0 ? 255 : 0));
}

describe('lowResToMask', () => {
  it.each([
    ['sam1', 300, 200],
    ['sam1', 200, 300],
    ['sam1', 1500, 1000],
    ['sam1', 97, 61],
    ['sam2', 300, 200],
    ['sam2', 1500, 1000],
  ] as const)('%s %i×%i equals the graph chain computed literally', (family, w, h) => {
    const l = logits(w * 7 + h);
    const mine = lowResToMask(l, placementFor(family, w, h));
    expect(differing(mine, reference(l, family, w, h))).toBe(0);
  });

  it.each([
    ['sam1', 1536, 1024],
    ['sam1', 56, 37],
    ['sam2', 777, 333],
  ] as const)('%s %i×%i with zero, NaN and huge cells still equals the literal chain (edge tiles, decided tiles)', (family, w, h) => {
    const l = logits(w + h);
    // A solid inside area (decided without interpolating) with odd cells in and next to it.
    for (let y = 60; y < 140; y++) for (let x = 50; x < 170; x++) l[y * 256 + x] = 5;
    [l[100 * 256 + 100], l[101 * 256 + 90], l[60 * 256 + 60], l[70 * 256 + 80], l[139 * 256 + 169]] = [NaN, 3e38, -3e38, 0, -0];
    expect(differing(lowResToMask(l, placementFor(family, w, h)), reference(l, family, w, h))).toBe(0);
  });

  it('an all-negative map is an empty mask; an all-positive SAM 1 map fills the image', () => {
    const p = placementFor('sam1', 640, 480);
    expect(maskBox(lowResToMask(new Float32Array(65536).fill(-1), p), 640, 480)).toEqual({ bbox: null, area: 0 });
    expect(maskBox(lowResToMask(new Float32Array(65536).fill(1), p), 640, 480).area).toBe(640 * 480);
  });

  it('per-click stats (measured at ≤ 512 px) track the full-size mask of a 12 MP image', () => {
    const l = logits(11);
    const p = placementFor('sam1', 4000, 3000);
    const exact = maskBox(lowResToMask(l, p), 4000, 3000);
    const est = maskStats(l, p);
    expect(Math.abs(est.area - exact.area) / exact.area).toBeLessThan(0.02);
    for (const k of ['x', 'y', 'width', 'height'] as const)
      expect(Math.abs(est.bbox![k] - exact.bbox![k])).toBeLessThanOrEqual(2 * (4000 / 512) + 1);
    // At or below 512 px the stats are exact.
    const small = placementFor('sam1', 500, 300);
    expect(maskStats(l, small)).toEqual(maskBox(lowResToMask(l, small), 500, 300));
  });
});

describe('logits codec', () => {
  it('keeps every sign and 1/32 precision within ±7.9 (tiny positives read as 1/16)', () => {
    const l = logits(3, 1);
    const back = decodeLogits(encodeLogits(l));
    let [signs, worst] = [0, 0];
    for (let i = 0; i < l.length; i++) {
      if (back[i]! > 0 !== l[i]! > 0) signs++;
      const tol = l[i]! > 0 && l[i]! < 1 / 32 ? 1 / 16 : 1 / 32;
      if (Math.abs(l[i]!) < 7.9) worst = Math.max(worst, Math.abs(back[i]! - l[i]!) / tol);
    }
    expect(signs).toBe(0);
    expect(worst).toBeLessThanOrEqual(1 + 1e-5);
    expect(decodeLogits(encodeLogits(Float32Array.of(...new Array<number>(65535).fill(0), 1e-9)))[65535]).toBeGreaterThan(0);
  });

  it('SAM-like maps take a few KB; noisy ones step down until a click fits the budget', () => {
    const clean = [1, 2, 3, 4].map((s) => logits(s));
    const enc = encodeCandidates(clean, 2);
    expect(enc.every((e) => e.scale === 16)).toBe(true);
    expect(enc.reduce((n, e) => n + e.data.length, 0)).toBeLessThan(20 * 1024);
    const noisy = [1, 2, 3, 4].map((s) => logits(s, 12));
    expect(noisy.reduce((n, l) => n + encodeLogits(l).data.length, 0)).toBeGreaterThan(CLICK_BUDGET_BYTES);
    const fit = encodeCandidates(noisy, 2);
    expect(fit.reduce((n, e) => n + e.data.length, 0)).toBeLessThanOrEqual(CLICK_BUDGET_BYTES);
    expect(Math.min(...fit.map((e) => e.scale))).toBeLessThan(16);
    expect(fit[2]!.scale).toBeGreaterThanOrEqual(Math.max(...fit.map((e) => e.scale))); // the chosen keeps the most
    // Whatever the precision, the thresholded low-res mask is unchanged.
    fit.forEach((e, k) =>
      expect(
        differing(
          decodeLogits(e).map((v) => (v > 0 ? 1 : 0)),
          noisy[k]!.map((v) => (v > 0 ? 1 : 0)),
        ),
      ).toBe(0),
    );
  });

  it('refuses data it did not make', () => {
    expect(() => decodeLogits({ encoding: 'i8-grad-deflate-raw', size: 256, scale: 16, data: Uint8Array.of(1, 2, 3) })).toThrow(/damaged/);
    expect(() => decodeLogits({ encoding: 'png' as 'i8-grad-deflate-raw', size: 256, scale: 16, data: new Uint8Array(0) })).toThrow(
      /unknown format/,
    );
  });
});

describe('embedding file', () => {
  const key: EmbeddingKey = { imageHash: 'a'.repeat(64), packId: 'sam2.1-tiny', encoderSha256: 'b'.repeat(64), prep: 1 };
  const emb: Embedding = {
    family: 'sam2',
    width: 1500,
    height: 1000,
    tensors: [
      { name: 'image_embed', type: 'float32', dims: [1, 2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) },
      { name: 'high_res_feats_0', type: 'float16', dims: [3], data: Uint16Array.of(1, 2, 3) },
      { name: 'high_res_feats_1', type: 'float32', dims: [1], data: Float32Array.of(-7.5) },
    ],
  };

  it('round-trips, aligned and independent of the file buffer', () => {
    const parsed = parseEmbedding(serializeEmbedding(key, emb), key);
    expect(parsed).toEqual({ embedding: emb });
  });

  it('reads a stale, truncated or damaged file as a problem, never throws', () => {
    const buf = serializeEmbedding(key, emb);
    expect(parseEmbedding(buf, { ...key, encoderSha256: 'c'.repeat(64) })).toEqual({ problem: 'made for another image or model' });
    expect(parseEmbedding(buf, { ...key, prep: 2 })).toMatchObject({ problem: expect.any(String) });
    expect(parseEmbedding(buf.subarray(0, buf.length - 4), key)).toMatchObject({ problem: expect.stringMatching(/size/) });
    const flipped = Buffer.from(buf);
    flipped[flipped.length - 10]! ^= 0xff;
    expect(parseEmbedding(flipped, key)).toEqual({ problem: 'checksum mismatch' });
    expect(parseEmbedding(Buffer.from('hello world'), key)).toEqual({ problem: 'not an embedding file' });
    const badHeader = Buffer.from(buf);
    badHeader.write('{{{{', 12);
    expect(parseEmbedding(badHeader, key)).toEqual({ problem: 'unreadable header' });
  });
});
