// Runs in: tests (Node). Scenes, masks and checks shared by the diffusion tests: a blue image with a green
// square and a mask inside it, compositing a patch over its image, and stand-in packs on disk.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Patch } from '../../../src-main/engine/diffusion/blend';
import type { GenerateSettings } from '../../../src-main/engine/diffusion/inpaint-service';
import type { Pixels } from '../../../src-main/engine/images/pixels';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { writeStandins } from '../../../src-main/standins/index';
import type { Mask } from '../../../src-shared/masks';

export async function standinModels(only: (id: string) => boolean = (id) => id === 'sd15-inpaint' || id.startsWith('standin-sd-')) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-diffusion-'));
  await writeStandins(dir, only);
  const queue = new InferenceQueue();
  const pool = new SessionPool({ queue });
  return {
    dir,
    queue,
    pool,
    cleanup: async () => {
      await pool.releaseAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Blue W×H with a green square over the middle half; noisy by a few levels so "flat" checks stay honest. */
export function scene(width: number, height: number, channels: 3 | 4 = 3): Pixels {
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inSquare = x >= width / 4 && x < (3 * width) / 4 && y >= height / 4 && y < (3 * height) / 4;
      const rgb = inSquare ? [20, 200, 30] : [30, 40, 190];
      const i = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) data[i + c] = rgb[c]! + ((x * 7 + y * 13 + c * 5) % 9);
      if (channels === 4) data[i + 3] = 255;
    }
  return { data, width, height, channels };
}

/** 255 inside the rectangle. */
export function rectMask(width: number, height: number, r: { x: number; y: number; width: number; height: number }): Mask {
  const data = new Uint8Array(width * height);
  for (let y = r.y; y < r.y + r.height; y++) data.fill(255, y * width + r.x, y * width + r.x + r.width);
  return { width, height, data };
}

/** The patch composited over the image (source-over, rounded), 3 channels out. */
export function composite(image: Pixels, patch: Patch): Uint8Array {
  const out = new Uint8Array(image.width * image.height * 3);
  for (let i = 0; i < image.width * image.height; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = image.data[i * image.channels + c]!;
  for (let y = 0; y < patch.height; y++)
    for (let x = 0; x < patch.width; x++) {
      const s = (y * patch.width + x) * 4;
      const a = patch.rgba[s + 3]! / 255;
      const d = ((patch.y + y) * image.width + patch.x + x) * 3;
      for (let c = 0; c < 3; c++) out[d + c] = Math.round(patch.rgba[s + c]! * a + out[d + c]! * (1 - a));
    }
  return out;
}

/** Mean RGB of the composite over pixels where `where` holds. */
export function meanWhere(rgb: Uint8Array, width: number, where: (x: number, y: number) => boolean): number[] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < rgb.length / 3; i++) {
    if (!where(i % width, Math.floor(i / width))) continue;
    n++;
    for (let c = 0; c < 3; c++) sum[c]! += rgb[i * 3 + c]!;
  }
  return sum.map((v) => v / n);
}

export const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;

export const SETTINGS: GenerateSettings = {
  prompt: 'a red car',
  negativePrompt: '',
  seed: 1234,
  steps: 8,
  guidance: 7.5,
  strength: 1,
  scheduler: 'ddim',
  variants: 1,
  colourMatch: true,
  side: 128,
};
