// Runs in: test tooling. Remove on a real photo (picture3.jpg at 1600 × 1067, a round object-sized hole)
// with an eraser cost twin written as an installed pack at a fraction of its channels, run through removeFill
// as Remove runs it; counts the pixels the pasted result changed outside the patch and inside the hole.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { removeFill } from '../../src-main/engine/erase';
import { pastePatch } from '../../src-main/engine/fill';
import { InferenceQueue } from '../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../src-main/engine/runtime/session-pool';
import { TWIN_PACKS } from '../../src-main/twins/catalog';
import { writeTwinPack } from '../../src-main/twins/write-twin';
import { blobMask } from './fill-metrics';
import { SHARED_IMAGES } from './images';

const W = 1600,
  H = 1067;

export interface EraserTwin {
  remove(
    method: 'auto' | 'migan' | 'lama',
  ): Promise<{ method: string; packId: string | undefined; holePixels: number; changedOutside: number; changedInHole: number }>;
  cleanup(): Promise<void>;
}

export async function eraserTwin(packId: string, width: number): Promise<EraserTwin> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `anyfill-${packId}-twin-`));
  await writeTwinPack(
    dir,
    TWIN_PACKS.find((p) => p.packId === packId)!,
    width,
  );
  const queue = new InferenceQueue();
  const pool = new SessionPool({ queue });
  return {
    async remove(method) {
      const data = new Uint8Array(
        await sharp(path.join(SHARED_IMAGES, 'picture3.jpg')).resize(W, H, { fit: 'fill' }).removeAlpha().raw().toBuffer(),
      );
      const image = { data, width: W, height: H, channels: 3 as const };
      const mask = blobMask(W, H, 460, 850, 120);
      const { result, packId: used } = await removeFill({ image, mask, method, seed: 1 }, { modelsDir: dir, pool, queue });
      const out = pastePatch(image, result);
      let changedOutside = 0,
        changedInHole = 0;
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const i = y * W + x,
            px = x - result.x,
            py = y - result.y;
          const inPatch =
            px >= 0 && py >= 0 && px < result.width && py < result.height && result.rgba[(py * result.width + px) * 4 + 3]! > 0;
          const same = [0, 1, 2].every((c) => out[i * 3 + c] === data[i * 3 + c]);
          if (!inPatch && !same) changedOutside++;
          if (mask[i] && !same) changedInHole++;
        }
      }
      const holePixels = mask.reduce((n, v) => n + (v ? 1 : 0), 0);
      return { method: result.method, packId: used, holePixels, changedOutside, changedInHole };
    },
    async cleanup() {
      await pool.releaseAll();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
