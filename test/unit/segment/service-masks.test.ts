// Runs in: test tooling. The segment service end to end on the SAM stand-ins and image files the engine
// opens for real (landscape, portrait, smaller than 1024, EXIF-rotated JPEG, 12 MP): clicks, negative
// clicks, boxes, box + click, refinement, candidates, bytes per click; and our low-res → full-res upscale
// against the SAM 1 graph's own `masks` output.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetId } from '../../../src-shared/document/ids';
import { placementFor } from '../../../src-main/engine/segment/geometry';
import { decodeLogits, encodeLogits } from '../../../src-main/engine/segment/logits-codec';
import { lowResToMask } from '../../../src-main/engine/segment/low-res-mask';
import { findSamPack, openSamPack } from '../../../src-main/engine/segment/sam-pack';
import { decodePrompt, encodeImage } from '../../../src-main/engine/segment/sam-runs';
import type { SegmentRequest } from '../../../src-main/engine/segment/requests';
import type { SegmentResult } from '../../../src-main/engine/segment/types';
import { LANDSCAPE, PORTRAIT, RED, SHADES, type Scene } from '../../../src-main/standins/sam/scenes';
import { differing, maskIoU, scaledScene, truthOf, type SceneFormat } from '../../helpers/scenes';
import { PHOTO_12MP, SAM_PACKS, jsonBytes, segmentFixture, type SegmentFixture } from './fixture';

let f: SegmentFixture;
beforeAll(async () => {
  f = await segmentFixture();
});
afterAll(() => f.cleanup());

const SMALL = scaledScene(LANDSCAPE, 0.6); // 900×600: the encoder upscales
const IMAGES: Array<[string, Scene, SceneFormat, { x: number; y: number }]> = [
  ['landscape PNG 1500×1000', LANDSCAPE, 'png', { x: 500, y: 550 }],
  ['portrait PNG 800×1200', PORTRAIT, 'png', { x: 650, y: 850 }],
  ['EXIF-rotated JPEG (orientation 6), upright 800×1200', PORTRAIT, 'jpeg-exif6', { x: 650, y: 850 }],
  ['small JPEG 900×600', SMALL, 'jpeg', { x: 300, y: 330 }],
  ['12 MP JPEG 4000×3000', PHOTO_12MP, 'jpeg', { x: 1300, y: 1500 }],
];
const maxBytes = { value: 0 };

/** The chosen candidate as the renderer would draw it: wire logits → mask at the image size. */
const shown = (r: SegmentResult) => lowResToMask(decodeLogits(r.candidates[r.chosen]!.logits!), r.placement);
const click = (x: number, y: number, label: 0 | 1 = 1) => ({ x, y, label });

async function fullMask(assetId: AssetId, packId: string, req: Omit<SegmentRequest, 'assetId' | 'packId'>) {
  const r = await f.service.segment(f.ctx, { assetId, packId, ...req });
  maxBytes.value = Math.max(maxBytes.value, jsonBytes(r));
  const full = await f.service.segmentFullRes(f.ctx, { assetId, resultId: r.resultId, index: r.candidates[r.chosen]!.index });
  return { r, mask: full.mask, full };
}

describe.each(SAM_PACKS)('%s', (packId) => {
  it.each(IMAGES)('a click inside the rectangle selects it: %s', async (_name, scene, format, at) => {
    const assetId = await f.open(scene, format);
    const { r, mask, full } = await fullMask(assetId, packId, { points: [click(at.x, at.y)] });
    expect([full.width, full.height]).toEqual([scene.width, scene.height]);
    expect(maskIoU(mask, truthOf(scene, [0]))).toBeGreaterThanOrEqual(0.95);
    expect(maskIoU(shown(r), truthOf(scene, [0]))).toBeGreaterThanOrEqual(0.95);
  });

  it('a negative click removes the neighbouring similar colour', async () => {
    const assetId = await f.open(SHADES, 'png');
    const one = (await fullMask(assetId, packId, { points: [click(300, 250)] })).mask;
    const darkRed = truthOf(SHADES, [1]);
    const overlap = (m: Uint8Array) =>
      maskIoU(
        Uint8Array.from(m, (v, i) => (v && darkRed[i] ? 1 : 0)),
        darkRed,
      );
    expect(overlap(one)).toBeGreaterThan(0.95);
    const two = (await fullMask(assetId, packId, { points: [click(300, 250), click(850, 250, 0)] })).mask;
    expect(overlap(two)).toBeLessThan(0.01);
    expect(
      maskIoU(
        Uint8Array.from(two, (v, i) => (v && truthOf(SHADES, [0])[i] ? 1 : 0)),
        truthOf(SHADES, [0]),
      ),
    ).toBeGreaterThan(0.95);
  });

  it('a box selects what it encloses; box + click only the enclosed part', async () => {
    const assetId = await f.open(LANDSCAPE, 'png');
    const disc = await fullMask(assetId, packId, { points: [], box: { x0: 990, y0: 190, x1: 1310, y1: 510 } });
    expect(maskIoU(disc.mask, truthOf(LANDSCAPE, [1]))).toBeGreaterThanOrEqual(0.95);
    const half = await fullMask(assetId, packId, { points: [click(400, 550)], box: { x0: 250, y0: 350, x1: 500, y1: 750 } });
    const leftHalf = { ...LANDSCAPE, shapes: [{ kind: 'rect' as const, rgb: RED, x0: 300, y0: 400, x1: 500, y1: 700 }] };
    expect(maskIoU(half.mask, truthOf(leftHalf, [0]))).toBeGreaterThanOrEqual(0.95);
  });
});

describe('refinement with the previous low-res mask', () => {
  it.each(['mobilesam', 'sam2.1-tiny'])('%s: an edited previous mask drops a region; the unedited one keeps the mask', async (packId) => {
    const assetId = await f.open(SHADES, 'png');
    const first = await fullMask(assetId, packId, { points: [click(300, 250)] });
    expect(maskIoU(first.mask, truthOf(SHADES, [0, 1]))).toBeGreaterThanOrEqual(0.95);
    // What a brush-erase would send back: the renderer's logits, pushed negative right of x = 575.
    const p = placementFor(first.r.family, SHADES.width, SHADES.height);
    const edited = decodeLogits(first.r.candidates[first.r.chosen]!.logits!).map((v, i) =>
      ((i % 256) + 0.5) * (SHADES.width / p.sourceRect.width) > 575 ? -8 : v,
    );
    const refined = await fullMask(assetId, packId, { points: [click(300, 250)], previousLowRes: { logits: encodeLogits(edited) } });
    expect(maskIoU(refined.mask, truthOf(SHADES, [0]))).toBeGreaterThanOrEqual(0.95);
    // The exact logits the engine still holds, by resultId.
    const same = await fullMask(assetId, packId, {
      points: [click(300, 250)],
      previousLowRes: { resultId: first.r.resultId, index: first.r.candidates[first.r.chosen]!.index },
    });
    expect(maskIoU(same.mask, first.mask)).toBeGreaterThanOrEqual(0.99);
  });

  it('a result the engine no longer holds falls back to the logits sent along, else NOT_FOUND', async () => {
    const assetId = await f.open(SHADES, 'png');
    const first = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: [click(300, 250)] });
    const fallback = first.candidates[first.chosen]!.logits;
    const r = await f.service.segment(f.ctx, {
      assetId,
      packId: 'mobilesam',
      points: [click(300, 250)],
      previousLowRes: { resultId: 'r_gone', index: 0, fallback },
    });
    expect(maskIoU(shown(r), shown(first))).toBeGreaterThanOrEqual(0.99);
    await expect(
      f.service.segment(f.ctx, {
        assetId,
        packId: 'mobilesam',
        points: [click(300, 250)],
        previousLowRes: { resultId: 'r_gone', index: 0 },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('candidates', () => {
  it('4-mask SAM 1: every token with its score, the choice by §1.1, areas growing with the token', async () => {
    const assetId = await f.open(SHADES, 'png');
    const r = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: [click(300, 250)] });
    expect(r.candidates.map((c) => [c.index, c.token])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(r.candidates.map((c) => c.score)).toEqual([0.9, 0.8, 0.85, 0.7].map((v) => Math.fround(v)));
    expect(r.chosen).toBe(2);
    const areas = r.candidates.map((c) => lowResToMask(decodeLogits(c.logits!), r.placement).filter(Boolean).length);
    expect(areas[1]).toBeLessThan(areas[2]!);
    expect(areas[2]).toBeLessThan(areas[3]!);
    const two = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: [click(300, 250), click(200, 150)] });
    expect(two.chosen).toBe(0);
  });

  it('single-mask SAM 1 gives one; SAM 2 tokens 1..3 by IoU; multimask off sends only the chosen', async () => {
    const assetId = await f.open(SHADES, 'png');
    const vitb = await f.service.segment(f.ctx, { assetId, packId: 'sam-vit-b', points: [click(300, 250)] });
    expect(vitb.candidates.map((c) => c.token)).toEqual([null]);
    const sam2 = await f.service.segment(f.ctx, { assetId, packId: 'sam2.1-tiny', points: [click(300, 250)] });
    expect(sam2.candidates.map((c) => c.token)).toEqual([1, 2, 3]);
    expect(sam2.chosen).toBe(1);
    const one = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: [click(300, 250)], multimask: false });
    expect(one.candidates.map((c) => c.index)).toEqual([2]);
    expect(one.chosen).toBe(0);
  });

  it('every result stays under 100 KB as JSON (binary as base64)', () => {
    expect(maxBytes.value).toBeGreaterThan(0);
    expect(maxBytes.value).toBeLessThanOrEqual(100 * 1024);
  });
});

describe('our upscale agrees with the SAM 1 graph’s own masks output', () => {
  it.each([LANDSCAPE, PORTRAIT, SMALL])('%# every token, within a few boundary pixels', async (scene) => {
    const assetId = await f.open(scene, 'png');
    const pack = await openSamPack(f.ctx.modelsDir, await findSamPack(f.ctx.modelsDir, 'mobilesam'), f.ctx.services.runtime.sessionPool);
    const { embedding } = await encodeImage(
      pack,
      (await f.ctx.services.assets.ensureDecoded(assetId)).pixels,
      f.ctx.services.runtime.inferenceQueue,
    );
    const rect = scene.shapes[0]!;
    if (rect.kind !== 'rect') throw new Error('shape 0 is a rectangle in these scenes');
    const centre = click((rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2);
    const out = await decodePrompt(
      pack,
      embedding,
      { points: [centre] },
      { queue: f.ctx.services.runtime.inferenceQueue, graphMasks: 'image' },
    );
    const plane = scene.width * scene.height;
    const p = placementFor('sam1', scene.width, scene.height);
    out.lowRes.forEach((low, k) => {
      const graph = out.graphMasks!.subarray(k * plane, (k + 1) * plane);
      const diff = differing(
        lowResToMask(low, p),
        Uint8Array.from(graph, (v) => (v > 0 ? 1 : 0)),
      );
      expect(diff).toBeLessThanOrEqual(5); // 0 on these scenes: the same chain, in float64 instead of float32
    });
  });
});
