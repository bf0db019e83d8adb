// Runs in: test tooling. The LaMa cost twin at 1/4 of its channels, written as an installed lama-512 pack:
// Remove's fill (`lama`) on a real photo runs it through the adapter (crop, resize to 512², run, resize
// back), and the patch lands with every pixel beyond the feather byte-identical. Its Fourier units are
// real DFTs: a smooth image through the FFT and back comes out as it went in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrt } from '../../../src-main/engine/runtime/ort';
import { dftSet, irfft2, rfft2 } from '../../../src-main/twins/lama/ffc';
import { TwinGraph } from '../../../src-main/twins/twin-graph';
import { eraserTwin, type EraserTwin } from '../../helpers/eraser-twin';

let twin: EraserTwin;
beforeAll(async () => (twin = await eraserTwin('lama-512', 0.25)), 120_000);
afterAll(() => twin.cleanup());

describe('the LaMa cost twin', () => {
  it('removes an object from a 1600×1067 photo through removeFill, changing nothing beyond the feather', async () => {
    const r = await twin.remove('lama');
    expect([r.method, r.packId]).toEqual(['lama', 'lama-512']);
    expect(r.changedOutside).toBe(0);
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
