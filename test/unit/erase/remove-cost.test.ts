// Runs in: test tooling. What a Remove costs besides the model, on a 12 MP photo with a 5 % object: the
// adapter's own work (mask check, blobs, crops, distance, tensors, paste-back, feather) with an instant
// model must stay a small part of the 2 s budget. It was about 1 s of CPU (a mapped Uint8Array.from over
// the work area, a distance transform of all of it, a byte-by-byte scan of the 12 MP mask); measured as
// the process's CPU time, which a shared machine disturbs far less than wall time.
import { describe, expect, it } from 'vitest';
import { eraseFill, type EraseModel } from '../../../src-main/engine/erase';
import { blobMask } from '../../helpers/fill-metrics';

const W = 4242,
  H = 2828;

describe('the eraser adapter around the model', () => {
  it('spends under 400 ms of CPU on a 12 MP photo with a 5 % object (model excluded), and repaints the hole', async () => {
    const data = new Uint8Array(W * H * 3);
    for (let i = 0; i < W * H; i++) data.set([(i % W) & 255, (i / W) & 255, 90], i * 3);
    const mask = blobMask(W, H, Math.round(W * 0.29), Math.round(H * 0.8), Math.sqrt((0.05 * W * H) / Math.PI / 1.014));
    const grey: EraseModel = async (input) => new Uint8Array(input.image.length).fill(128);
    const req = { image: { data, width: W, height: H, channels: 3 as const }, mask, method: 'migan' as const, seed: 1 };
    await eraseFill(req, grey); // warm: the first call also compiles
    const c0 = process.cpuUsage();
    const patch = await eraseFill(req, grey);
    const cpu = process.cpuUsage(c0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(400);
    const cx = Math.round(W * 0.29) - patch.x,
      cy = Math.round(H * 0.8) - patch.y;
    expect([...patch.rgba.subarray((cy * patch.width + cx) * 4, (cy * patch.width + cx) * 4 + 4)]).toEqual([128, 128, 128, 255]);
  });
});
