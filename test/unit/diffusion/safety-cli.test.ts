// Runs in: tests (Node). `anyfill inpaint` with a pack that ships the safety checker: withheld variants are
// named with their seeds and never written; nothing left → exit 1 with the reason; clean runs as usual.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runInpaint } from '../../../src-main/cli/inpaint-command';
import { inpaintPixels } from '../../../src-main/engine/diffusion/inpaint-service';
import { withheldMessage } from '../../../src-main/engine/diffusion/safety';
import { rectMask, scene, SETTINGS, standinModels } from './helpers';

let env: Awaited<ReturnType<typeof standinModels>>;
const [W, H] = [160, 120];
const image = scene(W, H);
const mask = rectMask(W, H, { x: 64, y: 48, width: 32, height: 24 });
beforeAll(async () => {
  env = await standinModels((id) => id === 'standin-sd-safety');
  await sharp(image.data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toFile(path.join(env.dir, 'in.png'));
  await sharp(Buffer.from(mask.data), { raw: { width: W, height: H, channels: 1 } })
    .png()
    .toFile(path.join(env.dir, 'mask.png'));
});
afterAll(() => env.cleanup());
const run = (s: Partial<typeof SETTINGS>) =>
  inpaintPixels(image, mask, { ...SETTINGS, steps: 4, ...s }, { modelsDir: env.dir, pool: env.pool, queue: env.queue });

describe('anyfill inpaint with a checker', () => {
  it('names the withheld result, writes nothing for it, and exits 1 when nothing is left', async () => {
    const file = (n: string) => path.join(env.dir, n);
    const lines = { out: [] as string[], err: [] as string[] };
    const io = { stdout: { write: (t: string) => lines.out.push(t) }, stderr: { write: (t: string) => lines.err.push(t) } };
    const args = [
      '--image',
      file('in.png'),
      '--mask',
      file('mask.png'),
      '--pack',
      'standin-sd-safety',
      '--steps',
      '3',
      '--size',
      '128',
      '--models',
      env.dir,
      '--variants',
      '2',
    ];
    expect(await runInpaint([...args, '--prompt', 'red', '--out', file('flagged.png')], io)).toBe(1);
    expect(lines.err.join('')).toMatch(/All 2 variants were flagged and withheld by the safety checker/);
    expect(existsSync(file('flagged-1.png')) || existsSync(file('flagged-2.png'))).toBe(false);
    expect(await runInpaint([...args, '--prompt', 'white', '--out', file('clean.png')], io)).toBe(0);
    expect(existsSync(file('clean-1.png')) && existsSync(file('clean-2.png'))).toBe(true);
  });

  it('with some variants withheld: prints their seeds and file names, writes only the others', async () => {
    // The stand-in paints every seed the same colour, so a mixed outcome is made from a real one.
    const real = await run({ packId: 'standin-sd-safety', prompt: 'white', variants: 2, seed: 7 });
    const mixed = { ...real, variants: real.variants.slice(0, 1), withheld: [{ seed: 8 }], message: withheldMessage(1, 2) };
    vi.resetModules();
    vi.doMock('../../../src-main/engine/diffusion/inpaint-service', async (load) => ({
      ...(await load<object>()),
      inpaintPixels: async () => mixed,
    }));
    try {
      const { runInpaint: mocked } = await import('../../../src-main/cli/inpaint-command');
      const file = (n: string) => path.join(env.dir, n);
      const lines = { out: [] as string[], err: [] as string[] };
      const io = { stdout: { write: (t: string) => lines.out.push(t) }, stderr: { write: (t: string) => lines.err.push(t) } };
      const args = [
        '--image',
        file('in.png'),
        '--mask',
        file('mask.png'),
        '--prompt',
        'x',
        '--seed',
        '7',
        '--variants',
        '2',
        '--models',
        env.dir,
        '--out',
        file('mixed.png'),
      ];
      expect(await mocked(args, io)).toBe(0);
      expect(lines.out.join('')).toContain(`${file('mixed-1.png')}: seed 7\n`);
      expect(lines.out.join('')).toContain(`${file('mixed-2.png')}: seed 8 withheld by the safety checker (not written)\n`);
      expect(lines.err.join('')).toContain('note: 1 of 2 variants were withheld by the safety checker installed with this model pack.');
      expect([existsSync(file('mixed-1.png')), existsSync(file('mixed-2.png'))]).toEqual([true, false]);
    } finally {
      vi.doUnmock('../../../src-main/engine/diffusion/inpaint-service');
    }
  });
});
