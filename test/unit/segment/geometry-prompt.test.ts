// Runs in: test tooling. Pure SAM pre-processing: frames and coordinate transforms (§1.3, §2.1), prompt
// checks, prompt assembly with the padding rules (Pitfalls 1–3), candidate choice (§1.1), encoder inputs.
import { describe, expect, it } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import {
  IMAGENET_MEAN,
  IMAGENET_STD,
  SAM1_MEAN,
  SAM1_STD,
  resizedRgb,
  sam1HwcInput,
  sam1NchwInput,
  sam2Input,
} from '../../../src-main/engine/segment/encoder-input';
import { checkPrompt, placementFor, resizeLongSide, toFrame } from '../../../src-main/engine/segment/geometry';
import { assembleSam1, assembleSam2, candidateTokens, chooseCandidate, maskInput } from '../../../src-main/engine/segment/prompt';
import type { Prompt } from '../../../src-main/engine/segment/types';

const pt = (x: number, y: number, label: 0 | 1 = 1) => ({ x, y, label });

describe('frames', () => {
  it.each([
    [1500, 1000, 1024, 683],
    [800, 1200, 683, 1024],
    [4000, 3000, 1024, 768],
    [600, 400, 1024, 683],
    [1024, 1024, 1024, 1024],
    [1001, 3, 1024, 3],
  ])('resizeLongSide(%i×%i) = %i×%i (int(side·scale + 0.5))', (w, h, nw, nh) => {
    expect(resizeLongSide(w, h)).toMatchObject({ width: nw, height: nh });
  });

  it('SAM 1 maps by the rounded resize dims, SAM 2 stretches; both place the low-res grid', () => {
    const s1 = placementFor('sam1', 1500, 1000);
    expect(s1).toEqual({
      kind: 'sam1-crop',
      width: 1500,
      height: 1000,
      crop: { width: 1024, height: 683 },
      sourceRect: { x: 0, y: 0, width: 256, height: 170.75 },
    });
    expect(toFrame(s1, 750, 500)).toEqual([512, (500 * 683) / 1000]);
    const s2 = placementFor('sam2', 1500, 1000);
    expect(s2.sourceRect).toEqual({ x: 0, y: 0, width: 256, height: 256 });
    expect(toFrame(s2, 750, 500)).toEqual([512, 512]);
    expect(toFrame(placementFor('sam2', 800, 1200), 800, 1200)).toEqual([1024, 1024]);
  });
});

describe('checkPrompt', () => {
  const bad = (p: Prompt, message: RegExp) => {
    const err = (() => {
      try {
        checkPrompt(p, 1500, 1000);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(AnyfillError);
    expect((err as AnyfillError).code).toBe('BAD_REQUEST');
    expect((err as AnyfillError).message).toMatch(message);
  };

  it('refuses clicks outside the image, odd labels and empty prompts', () => {
    bad({ points: [pt(1501, 10)] }, /^That click is outside the image\.$/);
    bad({ points: [pt(-1, 10)] }, /outside the image/);
    bad({ points: [pt(10, NaN)] }, /outside the image/);
    bad({ points: [{ x: 1, y: 1, label: 2 as 1 }] }, /include/);
    bad({ points: [] }, /Click on the image or draw a box/);
    bad({ points: [], box: { x0: 1600, y0: 10, x1: 1700, y1: 50 } }, /box is outside the image/);
    bad({ points: [], box: { x0: 10, y0: 10, x1: 10.5, y1: 50 } }, /too small/);
  });

  it('accepts the image edges, orders and clamps a box dragged past them', () => {
    expect(checkPrompt({ points: [pt(0, 0), pt(1500, 1000)] }, 1500, 1000).points).toHaveLength(2);
    expect(checkPrompt({ points: [], box: { x0: 1600, y0: 900, x1: 1400, y1: -50 } }, 1500, 1000).box).toEqual({
      x0: 1400,
      y0: 0,
      x1: 1500,
      y1: 900,
    });
  });
});

describe('prompt assembly', () => {
  const p1 = placementFor('sam1', 1500, 1000);
  const p2 = placementFor('sam2', 1500, 1000);
  const box = { x0: 300, y0: 400, x1: 700, y1: 700 };

  it('SAM 1: points, then a padding point (0,0)/−1 only when there is no box', () => {
    const a = assembleSam1({ points: [pt(750, 500), pt(100, 100, 0)] }, p1);
    expect(Array.from(a.labels)).toEqual([1, 0, -1]);
    expect(Array.from(a.coords.slice(0, 2))).toEqual(Array.from(Float32Array.of(512, (500 * 683) / 1000)));
    expect(Array.from(a.coords.slice(4))).toEqual([0, 0]);
    const b = assembleSam1({ points: [pt(750, 500)], box }, p1);
    expect(Array.from(b.labels)).toEqual([1, 2, 3]);
    expect(b.count).toBe(3);
    expect(Array.from(b.coords.slice(2))).toEqual(Array.from(Float32Array.from([...toFrame(p1, 300, 400), ...toFrame(p1, 700, 700)])));
    expect(Array.from(assembleSam1({ points: [], box }, p1).labels)).toEqual([2, 3]);
  });

  it('SAM 2: the box corners first, then the points, and no padding point', () => {
    const a = assembleSam2({ points: [pt(750, 500), pt(10, 10, 0)], box }, p2);
    expect(Array.from(a.labels)).toEqual([2, 3, 1, 0]);
    expect(Array.from(a.coords.slice(0, 2))).toEqual(Array.from(Float32Array.of((300 / 1500) * 1024, (400 / 1000) * 1024)));
    expect(Array.from(assembleSam2({ points: [pt(750, 500)] }, p2).labels)).toEqual([1]);
  });

  it('mask_input: zeros and has 0 without a previous mask; the logits and 1 with one', () => {
    expect(maskInput()).toMatchObject({ has: 0 });
    expect(maskInput().data).toHaveLength(65536);
    const prev = new Float32Array(65536).fill(3);
    expect(maskInput(prev)).toEqual({ data: prev, has: 1 });
    expect(() => maskInput(new Float32Array(10))).toThrow(/wrong size/);
  });
});

describe('candidate choice', () => {
  const ious = [0.9, 0.8, 0.95, 0.7];
  it('knows which token each output is', () => {
    expect(candidateTokens('sam1', 4)).toEqual([0, 1, 2, 3]);
    expect(candidateTokens('sam1', 1)).toEqual([null]);
    expect(candidateTokens('sam2', 3)).toEqual([1, 2, 3]);
  });

  it('SAM 1, 4 masks: best of 1..3 for one click or a box alone; token 0 for N ≥ 3', () => {
    const tokens = candidateTokens('sam1', 4);
    expect(chooseCandidate(tokens, ious, { points: [pt(1, 1)] })).toBe(2);
    expect(chooseCandidate(tokens, ious, { points: [], box: { x0: 0, y0: 0, x1: 5, y1: 5 } })).toBe(2);
    expect(chooseCandidate(tokens, ious, { points: [pt(1, 1), pt(2, 2, 0)] })).toBe(0);
    expect(chooseCandidate(tokens, ious, { points: [pt(1, 1)], box: { x0: 0, y0: 0, x1: 5, y1: 5 } })).toBe(0);
  });

  it('SAM 2 (tokens 1..3): always the best by IoU; a single-mask export: its only mask', () => {
    expect(chooseCandidate([1, 2, 3], [0.8, 0.85, 0.7], { points: [pt(1, 1), pt(2, 2)] })).toBe(1);
    expect(chooseCandidate([null], [0.5], { points: [pt(1, 1), pt(2, 2)] })).toBe(0);
  });
});

describe('encoder inputs', () => {
  const rgb = Uint8Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 37) % 256); // 4 wide, 3 high

  it('HWC: 0–255 floats at the resized size', () => {
    const x = sam1HwcInput(rgb, 4, 3);
    expect(x.dims).toEqual([3, 4, 3]);
    expect(Array.from(x.values)).toEqual(Array.from(rgb));
  });

  it('NCHW: normalised on the 0–255 scale, zero-padded bottom and right to 1024²', () => {
    const x = sam1NchwInput(rgb, 4, 3);
    expect(x.dims).toEqual([1, 3, 1024, 1024]);
    const at = (c: number, y: number, xx: number) => x.values[c * 1024 * 1024 + y * 1024 + xx]!;
    expect(at(1, 2, 3)).toBeCloseTo((rgb[(2 * 4 + 3) * 3 + 1]! - SAM1_MEAN[1]) / SAM1_STD[1], 5);
    expect(at(0, 0, 4)).toBe(0);
    expect(at(2, 3, 0)).toBe(0);
  });

  it('SAM 2: 0..1 then ImageNet mean/std over the stretched 1024² frame', () => {
    const frame = new Uint8Array(1024 * 1024 * 3).fill(128);
    const x = sam2Input(frame);
    expect(x.dims).toEqual([1, 3, 1024, 1024]);
    expect(x.values[2 * 1024 * 1024 + 5]).toBeCloseTo((128 / 255 - IMAGENET_MEAN[2]) / IMAGENET_STD[2], 5);
  });

  it('resizes RGB to the rounded SAM 1 size or the SAM 2 square; transparent pixels read as white', async () => {
    const [w, h] = [2000, 1000];
    const data = Buffer.alloc(w * h * 4);
    for (let i = 0; i < w * h; i++) data.set(i % w < w / 2 ? [200, 10, 10, 255] : [0, 0, 0, 0], i * 4);
    const pixels = { data, width: w, height: h, channels: 4 as const };
    const s1 = await resizedRgb(pixels, 'sam1');
    expect([s1.width, s1.height, s1.rgb.length]).toEqual([1024, 512, 1024 * 512 * 3]);
    expect(Array.from(s1.rgb.subarray(0, 3))).toEqual([200, 10, 10]);
    expect(Array.from(s1.rgb.subarray(s1.rgb.length - 3))).toEqual([255, 255, 255]);
    const s2 = await resizedRgb({ ...pixels, channels: 4 }, 'sam2');
    expect([s2.width, s2.height]).toEqual([1024, 1024]);
  });
});
