// Runs in: test tooling. The MI-GAN adapter on the stand-in pipeline (real ONNX Runtime): an object on a
// flat background becomes the ring's mean colour, every pixel beyond the feather keeps its bytes, distant
// objects get a crop each, and the mistakes the stand-in exists to catch (mask polarity, channel order,
// paste-back position) each fail.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseFill, findEraserPack, openEraser, type EraseModel } from '../../../src-main/engine/erase';
import { pastePatch } from '../../../src-main/engine/fill';
import type { FillRequest } from '../../../src-main/engine/fill/types';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
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
        band = y >= H - 40;
      const inDisc = discs.some(([cx, cy, r]) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r);
      const c = inDisc ? [20, 60, 230] : band ? [x % 256, x % 256, 128] : BG;
      data.set(c, i * 3);
      if (discs.some(([cx, cy, r]) => (x - cx) ** 2 + (y - cy) ** 2 <= (r + 2) ** 2)) mask[i] = 255;
    }
  }
  return { image: { data, width: W, height: H, channels: 3 }, mask, method: 'migan', seed: 1 };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-erase-'));
  await writeStandins(dir, (id) => id === 'migan-512');
  const manifest = await findEraserPack(dir);
  model = (await openEraser(dir, manifest!, { pool, queue })).run;
});
afterAll(async () => {
  await pool.releaseAll();
  await rm(dir, { recursive: true, force: true });
});

function check(req: FillRequest, out: Uint8Array, patch: { x: number; y: number; width: number; height: number; rgba: Uint8Array }) {
  let changedOutside = 0,
    wrongInHole = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x,
        px = x - patch.x,
        py = y - patch.y;
      const inPatch = px >= 0 && py >= 0 && px < patch.width && py < patch.height && patch.rgba[(py * patch.width + px) * 4 + 3]! > 0;
      const same = [0, 1, 2].every((c) => out[i * 3 + c] === req.image.data[i * 3 + c]);
      if (!inPatch && !same) changedOutside++;
      if (req.mask[i] && [0, 1, 2].some((c) => out[i * 3 + c] !== BG[c])) wrongInHole++;
    }
  }
  return { changedOutside, wrongInHole };
}

describe('MI-GAN adapter on the stand-in pipeline', () => {
  it('fills the hole with the ring colour and leaves every pixel beyond the feather byte-identical', async () => {
    const req = scene([[300, 300, 60]]);
    const calls: number[][] = [];
    const spy: EraseModel = (input) => (calls.push(input.dims.image), model(input));
    const patch = await eraseFill(req, spy);
    expect(patch.method).toBe('migan');
    expect(calls).toEqual([[1, 3, 512, 512]]);
    const out = pastePatch(req.image, patch);
    expect(check(req, out, patch)).toEqual({ changedOutside: 0, wrongInHole: 0 });
    // The patch is small: the hole plus its ramp, not the crop.
    expect(patch.width).toBeLessThan(140);
  });

  it('gives distant objects one crop each, and merges near ones; a blob on the border is filled too', async () => {
    const req = scene([
      [120, 150, 30],
      [1400, 700, 40],
      [5, 640, 20],
    ]);
    const calls: number[][] = [];
    const patch = await eraseFill(req, (input) => (calls.push(input.dims.image), model(input)));
    expect(calls.length).toBe(2); // the two left blobs share a crop (they lie within one), the far one has its own
    const out = pastePatch(req.image, patch);
    expect(check(req, out, patch)).toEqual({ changedOutside: 0, wrongInHole: 0 });
  });

  it("a mask larger than the model's 512 px crop: one larger crop (clamped to the image), resized inside the pipeline, filled exactly", async () => {
    const req = scene([[800, 450, 350]]);
    const calls: number[][] = [];
    const patch = await eraseFill(req, (input) => (calls.push(input.dims.image), model(input)));
    // The blob (704 px + 2 px grown + an 8 px feather each side) padded by 128 px: 977 px, at most the image's 900 px tall.
    expect(calls).toEqual([[1, 3, 900, 977]]);
    expect(check(req, pastePatch(req.image, patch), patch)).toEqual({ changedOutside: 0, wrongInHole: 0 });
  });

  it('fails when the mask polarity, the channel order or the paste-back position is wrong', async () => {
    const req = scene([[300, 300, 60]]);
    const polarity: EraseModel = (input) => model({ ...input, mask: input.mask.map((v) => 255 - v) });
    const bgr: EraseModel = async (input) => {
      const r = await model(input),
        n = r.length / 3;
      return Uint8Array.from([...r.subarray(2 * n), ...r.subarray(n, 2 * n), ...r.subarray(0, n)]);
    };
    for (const wrong of [polarity, bgr]) {
      const patch = await eraseFill(req, wrong);
      expect(check(req, pastePatch(req.image, patch), patch).wrongInHole).toBeGreaterThan(1000);
    }
    const patch = await eraseFill(req, model);
    const shifted = { ...patch, x: patch.x + 20 };
    expect(check(req, pastePatch(req.image, shifted), shifted).wrongInHole).toBeGreaterThan(100);
  });

  it('refuses an empty mask and a damaged model file with a clear message', async () => {
    const req = scene([]);
    await expect(eraseFill(req, model)).rejects.toThrow(/selection is empty/);
    const broken = path.join(dir, 'broken');
    await writeStandins(broken, (id) => id === 'migan-512');
    await writeFile(path.join(broken, 'migan-512', 'migan_pipeline_v2.onnx'), new Uint8Array(1000).fill(7));
    await expect(openEraser(broken, (await findEraserPack(broken))!, { pool: new SessionPool(), queue })).rejects.toThrow(
      /MI-GAN eraser \(migan-512\)/,
    );
  });
});
