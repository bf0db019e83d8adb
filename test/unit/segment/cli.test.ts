// Runs in: test tooling. `anyfill segment` in-process on a stand-in models folder: the PNG it writes is
// the upright image's size with 255 inside the clicked shape (or the shapes a --text prompt names).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runSegment } from '../../../src-main/cli/segment-command';
import { writeStandins } from '../../../src-main/standins/index';
import { LANDSCAPE, PORTRAIT, type Scene } from '../../../src-main/standins/sam/scenes';
import { maskIoU, sceneFile, truthOf } from '../../helpers/scenes';

let dir: string;
let models: string;
const savedCache = process.env.ANYFILL_CACHE_DIR;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-segment-cli-'));
  models = path.join(dir, 'models');
  process.env.ANYFILL_CACHE_DIR = path.join(dir, 'cache');
  await writeStandins(models, (id) => ['mobilesam', 'sam2.1-tiny', 'gdino-tiny'].includes(id));
  await writeFile(path.join(dir, 'landscape.png'), await sceneFile(LANDSCAPE, 'png'));
  await writeFile(path.join(dir, 'portrait-exif6.jpg'), await sceneFile(PORTRAIT, 'jpeg-exif6'));
  await writeFile(path.join(dir, 'primaries.png'), await sceneFile(PRIMARIES, 'png'));
});

/** Pure primaries: the Grounding DINO stand-in boxes the colour a prompt names. */
const PRIMARIES: Scene = {
  width: 1200,
  height: 800,
  background: [0, 0, 255],
  shapes: [
    { kind: 'rect', rgb: [255, 0, 0], x0: 100, y0: 150, x1: 400, y1: 450 },
    { kind: 'disc', rgb: [0, 255, 0], cx: 850, cy: 500, r: 150 },
  ],
};
afterAll(async () => {
  if (savedCache === undefined) delete process.env.ANYFILL_CACHE_DIR;
  else process.env.ANYFILL_CACHE_DIR = savedCache;
  await rm(dir, { recursive: true, force: true });
});

/** The PNG's own channel count (1: greyscale) and its first channel's values. */
async function readMask(file: string) {
  const { channels } = await sharp(file).metadata();
  const { data, info } = await sharp(file).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels };
}

describe('anyfill segment', () => {
  it('writes an 8-bit PNG at the image size, 255 inside the clicked shape, and prints score and timings', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = path.join(dir, 'mask.png');
    const code = await runSegment(['--image', path.join(dir, 'landscape.png'), '--point', '500,550', '--models', models, '--out', out]);
    const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
    log.mockRestore();
    expect(code).toBe(0);
    const m = await readMask(out);
    expect([m.width, m.height, m.channels]).toEqual([1500, 1000, 1]);
    expect(new Set(m.data)).toEqual(new Set([0, 255]));
    expect(maskIoU(m.data, truthOf(LANDSCAPE, [0]))).toBeGreaterThanOrEqual(0.95);
    expect(printed).toMatch(/mobilesam: candidate \d, score 0\.\d{3}, \d+ px; model \d+ ms/);
  });

  it('EXIF-rotated input, a box and a negative click, another pack: coordinates are upright pixels', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const out = path.join(dir, 'portrait.png');
    const args = [
      '--image',
      path.join(dir, 'portrait-exif6.jpg'),
      '--box',
      '250,450,750,950',
      '--point',
      '650,850',
      '--point',
      '330,230,0',
    ];
    expect(await runSegment([...args, '--pack', 'sam2.1-tiny', '--models', models, '--out', out])).toBe(0);
    vi.restoreAllMocks();
    const m = await readMask(out);
    expect([m.width, m.height]).toEqual([800, 1200]);
    expect(maskIoU(m.data, truthOf(PORTRAIT, [0]))).toBeGreaterThanOrEqual(0.95);
  });

  it('--text: each detected box is segmented and the masks united', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const red = path.join(dir, 'red.png');
    expect(await runSegment(['--image', path.join(dir, 'primaries.png'), '--text', 'red', '--models', models, '--out', red])).toBe(0);
    const both = path.join(dir, 'both.png');
    expect(
      await runSegment([
        '--image',
        path.join(dir, 'primaries.png'),
        '--text',
        'red. green',
        '--pack',
        'sam2.1-tiny',
        '--models',
        models,
        '--out',
        both,
      ]),
    ).toBe(0);
    const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
    log.mockRestore();
    expect(printed).toMatch(/#1 red 0\.\d{3} \[/);
    expect(maskIoU((await readMask(red)).data, truthOf(PRIMARIES, [0]))).toBeGreaterThanOrEqual(0.95);
    expect(maskIoU((await readMask(both)).data, truthOf(PRIMARIES, [0, 1]))).toBeGreaterThanOrEqual(0.95);
  });

  it('usage problems exit 2; model and image problems exit 1 with the message', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const image = path.join(dir, 'landscape.png');
    expect(await runSegment(['--image', image, '--out', 'x.png'])).toBe(2);
    expect(await runSegment(['--image', image, '--point', '1,2,7', '--out', 'x.png'])).toBe(2);
    expect(await runSegment(['--image', image, '--text', 'red', '--point', '1,2', '--out', 'x.png'])).toBe(2);
    expect(err.mock.calls.at(-1)?.[0]).toMatch(/either --text or --point/);
    expect(await runSegment(['--image', image, '--point', '1600,10', '--models', models, '--out', path.join(dir, 'y.png')])).toBe(1);
    expect(err.mock.calls.at(-1)?.[0]).toBe('anyfill segment: That click is outside the image.');
    expect(
      await runSegment(['--image', image, '--point', '10,10', '--models', path.join(dir, 'none'), '--out', path.join(dir, 'y.png')]),
    ).toBe(1);
    expect(err.mock.calls.at(-1)?.[0]).toMatch(/No segmentation model is installed/);
    err.mockRestore();
  });
});
