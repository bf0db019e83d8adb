// Runs in: tests (Node). The pure halves of Grounding DINO: sub-sentence masks (the §4.1 worked example),
// the 800/1333 resize rule, ImageNet normalisation, and post-processing on hand-made logits.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src-main/engine/detect/caption';
import { dropDuplicates, iou, numberDetections } from '../../../src-main/engine/detect/dedupe';
import {
  aspectResize,
  IMAGENET,
  modelInputSize,
  normaliseChw,
  readPreprocessor,
  UPSTREAM,
} from '../../../src-main/engine/detect/image-input';
import {
  candidates,
  DEFAULT_THRESHOLDS,
  sigmoid,
  toPixelBox,
  type Box,
  type Candidate,
  type ModelOutput,
} from '../../../src-main/engine/detect/postprocess';
import { subSentenceMasks } from '../../../src-main/engine/detect/text-masks';

const rounded = (b: Box | null | undefined) => b && Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
const rows = (mask: Uint8Array, L: number) => Array.from({ length: L }, (_, r) => Array.from(mask.subarray(r * L, r * L + L)).join(''));

describe('sub-sentence text masks (IDEA-style inputs)', () => {
  it('matches the worked example "the running dog ." → position ids [0,0,1,2,3,0]', () => {
    const { positionIds, selfAttention } = subSentenceMasks([101, 1996, 2770, 3899, 1012, 102]);
    expect(positionIds).toEqual([0, 0, 1, 2, 3, 0]);
    expect(rows(selfAttention, 6)).toEqual(['100000', '011110', '011110', '011110', '011110', '000001']);
  });

  it('gives each phrase its own block and restarts the positions', () => {
    const { positionIds, selfAttention } = subSentenceMasks(
      assemble([
        { text: 'red car', ids: [2417, 2482] },
        { text: 'tree', ids: [100] },
      ]).ids,
    );
    expect(positionIds).toEqual([0, 0, 1, 2, 0, 1, 0]);
    expect(rows(selfAttention, 7)).toEqual(['1000000', '0111000', '0111000', '0111000', '0000110', '0000110', '0000001']);
  });
});

describe('image input', () => {
  it('resizes by the 800/1333 rule, aspect kept', () => {
    expect(aspectResize(1200, 800)).toEqual({ width: 1200, height: 800 }); // short side already 800
    expect(aspectResize(224, 224)).toEqual({ width: 800, height: 800 }); // transformers.js test fact
    expect(aspectResize(600, 900)).toEqual({ width: 800, height: 1200 });
    expect(aspectResize(4000, 3000)).toEqual({ width: 1066, height: 800 }); // int(800·4000/3000)
    expect(aspectResize(2000, 1000)).toEqual({ width: 1332, height: 666 }); // round(666.5) = 666 (Python rounds half to even)
    expect(aspectResize(1000, 3000)).toEqual({ width: 444, height: 1332 }); // round(444.33)
    expect(aspectResize(3000, 4000, 1024, 1024)).toEqual({ width: 768, height: 1024 });
  });

  it("picks the model input size: declared dims, else the config's fixed size, else IDEA 1200×800 or the 800/1333 rule", () => {
    const fixed = { ...UPSTREAM, fixed: { width: 800, height: 800 } };
    const [wide, tall] = [
      { width: 4000, height: 3000 },
      { width: 600, height: 900 },
    ];
    const dynamic = ['batch', 3, 'height', 'width'];
    expect(modelInputSize(dynamic, false, wide, fixed)).toEqual({ width: 800, height: 800 });
    expect(modelInputSize(dynamic, false, tall, fixed)).toEqual({ width: 800, height: 800 });
    expect(modelInputSize(dynamic, false, wide, UPSTREAM)).toEqual({ width: 1066, height: 800 });
    expect(modelInputSize(dynamic, false, tall, UPSTREAM)).toEqual({ width: 800, height: 1200 });
    expect(modelInputSize(dynamic, true, tall, UPSTREAM)).toEqual({ width: 1200, height: 800 });
    expect(modelInputSize(['batch', 3, 640, 960], false, tall, fixed)).toEqual({ width: 960, height: 640 });
  });

  it('normalises interleaved RGB(A) to planar ImageNet values, alpha ignored', () => {
    const rgba = Uint8Array.from([255, 0, 0, 7, 0, 255, 0, 200]);
    const out = normaliseChw(rgba, 2, 1, 4, IMAGENET);
    const v = (x: number, c: number) => (x / 255 - IMAGENET.mean[c]!) / IMAGENET.std[c]!;
    const expected = [v(255, 0), v(0, 0), v(0, 1), v(255, 1), v(0, 2), v(0, 2)];
    Array.from(out).forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 5));
  });

  it('reads size, mean and std from preprocessor_config.json, upstream values otherwise', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-pre-'));
    try {
      const file = path.join(dir, 'preprocessor_config.json');
      await writeFile(
        file,
        JSON.stringify({ size: { shortest_edge: 640, longest_edge: 1024 }, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] }),
      );
      expect(await readPreprocessor(file)).toEqual({
        shortestEdge: 640,
        longestEdge: 1024,
        norm: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], rescale: 1 / 255 },
      });
      // onnx-community's form: a fixed size, stretched to (as transformers.js and HF's processor do).
      await writeFile(file, JSON.stringify({ do_resize: true, size: { height: 800, width: 800 }, rescale_factor: 0.00392156862745098 }));
      expect(await readPreprocessor(file)).toEqual({ ...UPSTREAM, fixed: { width: 800, height: 800 } });
      await writeFile(file, JSON.stringify({ size: { height: 800, width: 'wide' } }));
      expect(await readPreprocessor(file)).toEqual(UPSTREAM);
      await writeFile(file, '{ not json');
      expect(await readPreprocessor(file)).toEqual(UPSTREAM);
      expect(await readPreprocessor(null)).toEqual(UPSTREAM);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Logits for `queries` queries over 256 text positions: −8 on the text, −inf past it; `set` overrides. */
function output(L: number, queries: Array<{ logits: Record<number, number>; box: [number, number, number, number] }>): ModelOutput {
  const T = 256;
  const logits = new Float32Array(queries.length * T).fill(-Infinity);
  const boxes = new Float32Array(queries.length * 4);
  queries.forEach((q, i) => {
    logits.fill(-8, i * T, i * T + L);
    for (const [l, v] of Object.entries(q.logits)) logits[i * T + Number(l)] = v;
    boxes.set(q.box, i * 4);
  });
  return { logits, boxes, queries: queries.length, textLen: T };
}

describe('post-processing', () => {
  // [CLS] a red car . tree . [SEP]
  const seq = assemble([
    { text: 'a red car', ids: [1037, 2417, 2482] },
    { text: 'tree', ids: [100] },
  ]);
  const decode = (ids: number[]) => ids.map((i) => ({ 1037: 'a', 2417: 'red', 2482: 'car', 100: 'tree' })[i] ?? `#${i}`).join(' ');
  const size = { width: 1000, height: 500 };

  it('sigmoids, keeps scores over the box threshold, labels by tokens over the text threshold', () => {
    const out = output(seq.ids.length, [
      { logits: { 2: 3, 3: 0 }, box: [0.5, 0.5, 0.2, 0.4] }, // red 0.95, car 0.5 → "red car"
      { logits: { 2: -0.7 }, box: [0.5, 0.5, 0.2, 0.4] }, // 0.33 < 0.35: dropped
      { logits: { 5: 2, 6: 4, 7: 4, 0: 5 }, box: [0.1, 0.1, 0.1, 0.1] }, // "." [SEP] [CLS] never label; tree wins the span
    ]);
    const found = candidates(out, seq, size, DEFAULT_THRESHOLDS, decode);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ label: 'red car', phrase: 'a red car' });
    expect(rounded(found[0]!.box)).toEqual({ x0: 400, y0: 150, x1: 600, y1: 350 });
    expect(found[0]!.score).toBeCloseTo(sigmoid(3), 6);
    expect(found[1]).toMatchObject({ label: 'tree', phrase: 'tree' });
    expect(found[1]!.score).toBeCloseTo(sigmoid(5), 6); // the score is the best token, [CLS] included (upstream)
    // A higher text threshold keeps only "red"; one above every token falls back to the phrase.
    expect(candidates(out, seq, size, { box: 0.35, text: 0.6 }, decode)[0]!.label).toBe('red');
    expect(candidates(out, seq, size, { box: 0.35, text: 0.99 }, decode)[0]!.label).toBe('a red car');
    expect(candidates(out, seq, size, { box: 0.96, text: 0.25 }, decode)).toHaveLength(1);
  });

  it('maps a box to exactly one phrase: the one holding the best phrase token', () => {
    const out = output(seq.ids.length, [{ logits: { 2: 1, 5: 2 }, box: [0.5, 0.5, 0.2, 0.2] }]);
    const [only] = candidates(out, seq, size, DEFAULT_THRESHOLDS, decode);
    expect(only).toMatchObject({ label: 'tree', phrase: 'tree' }); // not "red tree"
  });

  it('converts (cx,cy,w,h) to pixel corners of the original image and clamps them', () => {
    expect(toPixelBox(0.5, 0.5, 1, 1, 640, 480)).toEqual({ x0: 0, y0: 0, x1: 640, y1: 480 });
    expect(rounded(toPixelBox(0.95, 0.1, 0.2, 0.4, 100, 100))).toEqual({ x0: 85, y0: 0, x1: 100, y1: 30 });
    expect(toPixelBox(1.5, 0.5, 0.2, 0.2, 100, 100)).toBeNull();
    expect(toPixelBox(0.5, 0.5, 0, 0.2, 100, 100)).toBeNull();
  });
});

describe('de-duplication and numbering', () => {
  const c = (label: string, score: number, x0: number, x1 = x0 + 100): Candidate => ({
    label,
    phrase: label,
    score,
    box: { x0, y0: 0, x1, y1: 100 },
  });

  it('drops a box overlapping a better one with the same label (IoU > 0.7), keeps other labels', () => {
    expect(iou(c('a', 1, 0).box, c('a', 1, 10).box)).toBeCloseTo(90 / 110, 6);
    const kept = dropDuplicates([c('red', 0.8, 10), c('red', 0.9, 0), c('car', 0.7, 5), c('red', 0.6, 50)]);
    expect(kept.map((k) => [k.label, k.score])).toEqual([
      ['red', 0.9],
      ['car', 0.7],
      ['red', 0.6],
    ]);
  });

  it('numbers from 1 in score order and rounds', () => {
    const list = numberDetections([c('b', 0.512345, 1.234567), c('a', 0.9, 300)]);
    expect(list.map((d) => [d.index, d.label, d.score])).toEqual([
      [1, 'a', 0.9],
      [2, 'b', 0.5123],
    ]);
    expect(list[1]!.box).toEqual({ x0: 1.23, y0: 0, x1: 101.23, y1: 100 });
  });
});
