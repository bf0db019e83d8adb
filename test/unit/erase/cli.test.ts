// Runs in: test tooling. `anyfill fill --method migan|auto` in-process on the MI-GAN stand-in: the disc
// becomes the background colour around it, the rest of the photo keeps its bytes, the summary names the
// method and pack; without the pack, migan fails with a clear message and auto falls back to PatchMatch.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFillCommand } from '../../../src-main/cli/fill-command';
import { writeStandins } from '../../../src-main/standins/index';

const W = 600,
  H = 400,
  BG = [70, 160, 90];
let dir: string;
const file = (name: string) => path.join(dir, name);
const image = new Uint8Array(W * H * 3),
  mask = new Uint8Array(W * H);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-erase-cli-'));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x,
        d2 = (x - 400) ** 2 + (y - 200) ** 2;
      image.set(d2 <= 40 * 40 ? [230, 30, 30] : x < 150 ? [x, 255 - x, 7] : BG, i * 3);
      if (d2 <= 43 * 43) mask[i] = 255;
    }
  }
  await sharp(image, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toFile(file('image.png'));
  await sharp(mask, { raw: { width: W, height: H, channels: 1 } })
    .png()
    .toFile(file('mask.png'));
  await writeStandins(file('models'), (id) => id === 'migan-512');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await runFillCommand(args);
    return { code, out: log.mock.calls.map((c) => String(c[0])).join('\n'), err: error.mock.calls.map((c) => String(c[0])).join('\n') };
  } finally {
    vi.restoreAllMocks();
    write.mockRestore();
  }
}

describe('anyfill fill with the learned eraser', () => {
  it.each(['migan', 'auto'])('--method %s erases the disc with MI-GAN and keeps every pixel beyond the blend', async (method) => {
    const out = file(`out-${method}.png`);
    const r = await run([
      '--image',
      file('image.png'),
      '--mask',
      file('mask.png'),
      '--method',
      method,
      '--models',
      file('models'),
      '--out',
      out,
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^migan \(migan-512\): filled/);
    const { data } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    let wrong = 0,
      changedFar = 0;
    for (let i = 0; i < W * H; i++) {
      const x = i % W,
        y = (i - x) / W,
        d2 = (x - 400) ** 2 + (y - 200) ** 2;
      const px = [data[i * 3], data[i * 3 + 1], data[i * 3 + 2]];
      if (mask[i] && px.some((v, c) => v !== BG[c])) wrong++;
      if (d2 > 60 * 60 && px.some((v, c) => v !== image[i * 3 + c])) changedFar++;
    }
    expect({ wrong, changedFar }).toEqual({ wrong: 0, changedFar: 0 });
  });

  it('says how to get MI-GAN when it is not installed, and auto falls back to PatchMatch', async () => {
    const none = file('no-models');
    const r = await run([
      '--image',
      file('image.png'),
      '--mask',
      file('mask.png'),
      '--method',
      'migan',
      '--models',
      none,
      '--out',
      file('x.png'),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/MI-GAN eraser is not installed: open Models/);
    const auto = await run([
      '--image',
      file('image.png'),
      '--mask',
      file('mask.png'),
      '--method',
      'auto',
      '--models',
      none,
      '--out',
      file('y.png'),
    ]);
    expect(auto.code, auto.err).toBe(0);
    expect(auto.out).toMatch(/^patchmatch: filled/);
    const bad = await run(['--image', file('image.png'), '--mask', file('mask.png'), '--method', 'mat', '--out', file('z.png')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--method "mat" is not migan, lama, patchmatch, telea, auto/);
  });
});
