// Runs in: test tooling. The LaMa adapter on the stand-in export (real ONNX Runtime, fixed 512 × 512): an
// object on a flat background becomes the ring's mean colour whatever the crop's size (resized to 512 and
// back), every pixel beyond the feather keeps its bytes, distant objects get a crop each, and the mistakes
// the stand-in exists to catch (mask polarity, value range, output scaled twice, channel order, paste-back
// position) each fail.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseFill, findEraserPack, openEraser, type EraseModel } from '../../../src-main/engine/erase';
import { fromLamaOutput, toLamaInput, type LamaInput } from '../../../src-main/engine/erase/lama-tensors';
import { pastePatch, type FillPatch, type FillRequest } from '../../../src-main/engine/fill';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { loadOrt } from '../../../src-main/engine/runtime/ort';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { writeStandins } from '../../../src-main/standins/index';

const W = 1600,
  H = 900,
  BG = [200, 120, 40] as const;
let dir: string;
let model: EraseModel;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });

/** Flat orange background with a blue disc at each centre; a grey gradient band along the bottom. */
function scene(discs: Array<[number, number, number]>): FillRequest {
  const data = new Uint8Array(W * H * 3),
    mask = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x,
        inDisc = discs.some(([cx, cy, r]) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r);
      data.set(inDisc ? [20, 60, 230] : y >= H - 40 ? [x % 256, x % 256, 128] : BG, i * 3);
      if (discs.some(([cx, cy, r]) => (x - cx) ** 2 + (y - cy) ** 2 <= (r + 2) ** 2)) mask[i] = 255;
    }
  }
  return { image: { data, width: W, height: H, channels: 3 }, mask, method: 'lama', seed: 1 };
}

function check(req: FillRequest, patch: FillPatch) {
  const out = pastePatch(req.image, patch);
  let changedOutside = 0,
    wrongInHole = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x,
        px = x - patch.x,
        py = y - patch.y;
      const inPatch = px >= 0 && py >= 0 && px < patch.width && py < patch.height && patch.rgba[(py * patch.width + px) * 4 + 3]! > 0;
      if (!inPatch && [0, 1, 2].some((c) => out[i * 3 + c] !== req.image.data[i * 3 + c])) changedOutside++;
      if (req.mask[i] && [0, 1, 2].some((c) => out[i * 3 + c] !== BG[c])) wrongInHole++;
    }
  }
  return { changedOutside, wrongInHole };
}

/** The stand-in run with a deliberate mistake before or after the session call. */
function mistaken(pre: (i: LamaInput) => LamaInput, post: (o: Float32Array) => Float32Array = (o) => o): EraseModel {
  return async (crop) => {
    const [, , ch, cw] = crop.dims.image as number[];
    const { Tensor } = loadOrt();
    const input = pre(toLamaInput(crop, 512));
    const session = await loadOrt().InferenceSession.create(path.join(dir, 'lama-512', 'lama_fp32.onnx'));
    const out = await session.run({
      image: new Tensor('float32', input.image, [1, 3, 512, 512]),
      mask: new Tensor('float32', input.mask, [1, 1, 512, 512]),
    });
    await session.release();
    return fromLamaOutput(post(out.output!.data as Float32Array), 512, cw!, ch!);
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-lama-'));
  await writeStandins(dir, (id) => id === 'lama-512');
  const manifest = await findEraserPack(dir);
  expect(manifest?.packId).toBe('lama-512');
  model = (await openEraser(dir, manifest!, { pool, queue })).run;
});
afterAll(async () => {
  await pool.releaseAll();
  await rm(dir, { recursive: true, force: true });
});

describe('LaMa adapter on the stand-in export', () => {
  it('fills the hole with the ring colour and leaves every pixel beyond the feather byte-identical', async () => {
    const req = scene([[300, 300, 60]]);
    const crops: number[][] = [];
    const patch = await eraseFill(req, (input) => (crops.push(input.dims.image), model(input)));
    expect([patch.method, crops]).toEqual(['lama', [[1, 3, 512, 512]]]);
    expect(check(req, patch)).toEqual({ changedOutside: 0, wrongInHole: 0 });
    expect(patch.width).toBeLessThan(140);
  });

  it('erases an object larger than the model input: the crop goes down to 512 and back', async () => {
    const req = scene([[800, 420, 300]]);
    const crops: number[][] = [];
    const patch = await eraseFill(req, (input) => (crops.push(input.dims.image), model(input)));
    expect(crops.length).toBe(1);
    expect(crops[0]![3]).toBeGreaterThan(800);
    expect(check(req, patch)).toEqual({ changedOutside: 0, wrongInHole: 0 });
  });

  it('erases on a photo smaller than the model input (300×200: the crop is the image, stretched up to 512 and back)', async () => {
    const w = 300,
      h = 200,
      data = new Uint8Array(w * h * 3),
      mask = new Uint8Array(w * h);
    for (let i = 0; i < w * h; i++) {
      const x = i % w,
        y = (i - x) / w,
        box = x >= 120 && x < 190 && y >= 60 && y < 200;
      data.set(box ? [20, 60, 230] : BG, i * 3);
      if (x >= 118 && x < 192 && y >= 58) mask[i] = 255; // touches the bottom border
    }
    const req: FillRequest = { image: { data, width: w, height: h, channels: 3 }, mask, method: 'lama', seed: 1 };
    const crops: number[][] = [];
    const out = pastePatch(req.image, await eraseFill(req, (input) => (crops.push(input.dims.image), model(input))));
    expect(crops).toEqual([[1, 3, 200, 300]]);
    let wrong = 0;
    for (let i = 0; i < w * h; i++) if ([0, 1, 2].some((c) => out[i * 3 + c] !== BG[c])) wrong++;
    expect(wrong).toBe(0);
  });

  it('gives distant objects one crop each; a blob on the border is filled too', async () => {
    const req = scene([
      [120, 150, 30],
      [1400, 700, 40],
      [5, 640, 20],
    ]);
    let calls = 0;
    const patch = await eraseFill(req, (input) => (calls++, model(input)));
    expect(calls).toBe(2);
    expect(check(req, patch)).toEqual({ changedOutside: 0, wrongInHole: 0 });
  });

  it('fails when the mask polarity, the value range, the output scale, the channel order or the position is wrong', async () => {
    const req = scene([[300, 300, 60]]);
    expect(
      check(
        req,
        await eraseFill(
          req,
          mistaken((i) => i),
        ),
      ).wrongInHole,
    ).toBe(0);
    const wrongs = [
      mistaken((i) => ({ ...i, mask: i.mask.map((v) => 1 - v) })),
      mistaken((i) => ({ ...i, image: i.image.map((v) => v * 255) })),
      mistaken(
        (i) => i,
        (o) => o.map((v) => v / 255),
      ),
      mistaken((i) => ({
        ...i,
        image: Float32Array.from([
          ...i.image.subarray(2 * 512 * 512),
          ...i.image.subarray(512 * 512, 2 * 512 * 512),
          ...i.image.subarray(0, 512 * 512),
        ]),
      })),
    ];
    for (const wrong of wrongs) expect(check(req, await eraseFill(req, wrong)).wrongInHole).toBeGreaterThan(1000);
    const patch = await eraseFill(req, model);
    expect(check(req, { ...patch, x: patch.x + 20 }).wrongInHole).toBeGreaterThan(100);
  });

  it('refuses an empty mask and a damaged model file with a clear message', async () => {
    await expect(eraseFill(scene([]), model)).rejects.toThrow(/selection is empty/);
    const broken = path.join(dir, 'broken');
    await writeStandins(broken, (id) => id === 'lama-512');
    await writeFile(path.join(broken, 'lama-512', 'lama_fp32.onnx'), new Uint8Array(1000).fill(7));
    await expect(openEraser(broken, (await findEraserPack(broken))!, { pool: new SessionPool(), queue })).rejects.toThrow(
      /LaMa eraser \(lama-512\)/,
    );
  });
});
