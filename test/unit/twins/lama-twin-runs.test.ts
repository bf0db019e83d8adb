// Runs in: test tooling. The LaMa cost twin at 1/4 of its channels, written as an installed lama-512 pack:
// Remove's fill (`lama`) on a real photo runs it through the adapter (crop, resize to 512², run, resize
// back), and the patch lands with every pixel beyond the feather byte-identical. Its Fourier units are
// real DFTs: a smooth image through the FFT and back comes out as it went in.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeFill } from '../../../src-main/engine/erase';
import { pastePatch } from '../../../src-main/engine/fill';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { loadOrt } from '../../../src-main/engine/runtime/ort';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { dftSet, irfft2, rfft2 } from '../../../src-main/twins/lama/ffc';
import { TwinGraph } from '../../../src-main/twins/twin-graph';
import { writeTwinPack } from '../../../src-main/twins/write-twin';
import { blobMask } from '../../helpers/fill-metrics';
import { SHARED_IMAGES } from '../../helpers/images';

const W = 1600,
  H = 1067;
let dir: string;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-lama-twin-'));
  await writeTwinPack(
    dir,
    TWIN_PACKS.find((p) => p.packId === 'lama-512')!,
    0.25,
  );
}, 120_000);
afterAll(async () => {
  await pool.releaseAll();
  await rm(dir, { recursive: true, force: true });
});

describe('the LaMa cost twin', () => {
  it('removes an object from a 1600×1067 photo through removeFill, changing nothing beyond the feather', async () => {
    const data = new Uint8Array(
      await sharp(path.join(SHARED_IMAGES, 'picture3.jpg')).resize(W, H, { fit: 'fill' }).removeAlpha().raw().toBuffer(),
    );
    const image = { data, width: W, height: H, channels: 3 as const };
    const mask = blobMask(W, H, 460, 850, 120);
    const { result, packId } = await removeFill({ image, mask, method: 'lama', seed: 1 }, { modelsDir: dir, pool, queue });
    expect([result.method, packId]).toEqual(['lama', 'lama-512']);
    const out = pastePatch(image, result);
    let changedOutside = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x,
          px = x - result.x,
          py = y - result.y;
        const inPatch = px >= 0 && py >= 0 && px < result.width && py < result.height && result.rgba[(py * result.width + px) * 4 + 3]! > 0;
        if (!inPatch && [0, 1, 2].some((c) => out[i * 3 + c] !== data[i * 3 + c])) changedOutside++;
      }
    }
    expect(changedOutside).toBe(0);
  }, 120_000);

  it("computes a real 2-D DFT with the export's MatMuls: rfft2 then irfft2 gives the input back", async () => {
    const t = new TwinGraph('dft_probe', 'dft_probe.data');
    const x = t.input('x', [1, 2, 16, 16]);
    const dft = dftSet(t, 16);
    t.output('y', [1, 2, 16, 16], irfft2(t, ...rfft2(t, x, dft), dft));
    const { InferenceSession, Tensor } = loadOrt();
    const session = await InferenceSession.create(t.toBytes());
    const input = Float32Array.from({ length: 2 * 16 * 16 }, (_, i) => Math.sin(i / 7) + (i % 16) / 16);
    const y = (await session.run({ x: new Tensor('float32', input, [1, 2, 16, 16]) })).y!.data as Float32Array;
    expect(Math.max(...y.map((v, i) => Math.abs(v - input[i]!)))).toBeLessThan(1e-4);
  });
});
