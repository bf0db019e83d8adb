// Runs in: test tooling. `anyfill fill --method lama|auto` in-process on the stand-ins: LaMa erases the disc
// (the background colour around it, every pixel beyond the blend unchanged); with MI-GAN and LaMa both
// installed, auto uses MI-GAN unless preferences.json chose LaMa for Remove; without LaMa, --method lama
// says how to get it and writes nothing.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFillCommand } from '../../../src-main/cli/fill-command';
import { writeStandins } from '../../../src-main/standins/index';

const W = 900,
  H = 600,
  BG = [70, 160, 90];
let dir: string;
const file = (name: string) => path.join(dir, name);
const image = new Uint8Array(W * H * 3),
  mask = new Uint8Array(W * H);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-lama-cli-'));
  // A disc touching the right border, larger than a 512 crop's worth after its context: resized both ways.
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x,
        d2 = (x - 700) ** 2 + (y - 300) ** 2;
      image.set(d2 <= 200 * 200 ? [230, 30, 30] : x < 150 ? [x, 255 - x, 7] : BG, i * 3);
      if (d2 <= 203 * 203) mask[i] = 255;
    }
  }
  await sharp(image, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toFile(file('image.png'));
  await sharp(mask, { raw: { width: W, height: H, channels: 1 } })
    .png()
    .toFile(file('mask.png'));
  await writeStandins(file('both'), (id) => id === 'migan-512' || id === 'lama-512');
  await writeStandins(file('migan-only'), (id) => id === 'migan-512');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(method: string, models: string, out: string) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await runFillCommand([
      '--image',
      file('image.png'),
      '--mask',
      file('mask.png'),
      '--method',
      method,
      '--models',
      file(models),
      '--out',
      file(out),
    ]);
    return { code, out: log.mock.calls.map((c) => String(c[0])).join('\n'), err: error.mock.calls.map((c) => String(c[0])).join('\n') };
  } finally {
    vi.restoreAllMocks();
  }
}

async function counts(out: string) {
  const { data } = await sharp(file(out)).raw().toBuffer({ resolveWithObject: true });
  let wrong = 0,
    changedFar = 0;
  for (let i = 0; i < W * H; i++) {
    const x = i % W,
      y = (i - x) / W,
      d2 = (x - 700) ** 2 + (y - 300) ** 2;
    const px = [data[i * 3], data[i * 3 + 1], data[i * 3 + 2]];
    if (mask[i] && px.some((v, c) => v !== BG[c])) wrong++;
    if (d2 > 220 * 220 && px.some((v, c) => v !== image[i * 3 + c])) changedFar++;
  }
  return { wrong, changedFar };
}

describe('anyfill fill with the LaMa eraser', () => {
  it('--method lama erases a large disc on the border and keeps every pixel beyond the blend', async () => {
    const r = await run('lama', 'both', 'lama.png');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^lama \(lama-512\): filled/);
    expect(await counts('lama.png')).toEqual({ wrong: 0, changedFar: 0 });
  });

  it('auto picks MI-GAN when both are installed, and LaMa once preferences.json chooses it for Remove', async () => {
    expect((await run('auto', 'both', 'auto1.png')).out).toMatch(/^migan \(migan-512\): filled/);
    await writeFile(file('both/preferences.json'), JSON.stringify({ version: 1, erase: 'lama-512' }));
    const r = await run('auto', 'both', 'auto2.png');
    expect(r.out).toMatch(/^lama \(lama-512\): filled/);
    expect(await counts('auto2.png')).toEqual({ wrong: 0, changedFar: 0 });
    // An explicit method still wins over the preference.
    expect((await run('migan', 'both', 'auto3.png')).out).toMatch(/^migan \(migan-512\): filled/);
  });

  it('says how to get LaMa when only MI-GAN is installed, names a damaged LaMa file, and writes nothing either way', async () => {
    const r = await run('lama', 'migan-only', 'none.png');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/LaMa eraser is not installed: open Models… \(Remove\)/);
    expect(existsSync(file('none.png'))).toBe(false);
    await writeStandins(file('damaged'), (id) => id === 'lama-512');
    await writeFile(file('damaged/lama-512/lama_fp32.onnx'), new Uint8Array(4096).fill(3));
    const d = await run('lama', 'damaged', 'damaged.png');
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/LaMa eraser \(lama-512\)/);
    expect(existsSync(file('damaged.png'))).toBe(false);
  });
});
