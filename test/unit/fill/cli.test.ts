// Runs in: test tooling. `anyfill fill` in-process: reads the image and mask through the engine's image
// pipeline (EXIF orientation included), fills in the worker, writes PNG or JPEG, and exits non-zero with
// a clear message on bad input.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFillCommand } from '../../../src-main/cli/fill-command';
import { blobMask } from '../../helpers/fill-metrics';
import { noiseTexture } from './fixtures';

const W = 160,
  H = 120;
let dir: string;
const img = noiseTexture(W, H, 5),
  mask = blobMask(W, H, 80, 60, 20);
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-fill-cli-'));
  await sharp(img.data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toFile(file('image.png'));
  await sharp(mask, { raw: { width: W, height: H, channels: 1 } })
    .png()
    .toFile(file('mask.png'));
  // The same mask as an RGBA PNG whose alpha carries the selection (colour all white).
  const rgba = new Uint8Array(W * H * 4).fill(255);
  for (let i = 0; i < W * H; i++) rgba[i * 4 + 3] = mask[i]!;
  await sharp(rgba, { raw: { width: W, height: H, channels: 4 } })
    .png()
    .toFile(file('mask-alpha.png'));
  // Stored sideways (H × W) with EXIF orientation 6: upright it is W × H like the image.
  await sharp(mask, { raw: { width: W, height: H, channels: 1 } })
    .rotate(-90)
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 100 })
    .toFile(file('mask-exif6.jpg'));
  await sharp(mask, { raw: { width: W, height: H, channels: 1 } })
    .resize(W / 2, H / 2)
    .png()
    .toFile(file('small-mask.png'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await runFillCommand(args);
    return {
      code,
      out: log.mock.calls.map((c) => String(c[0])).join('\n'),
      err: [...error.mock.calls, ...write.mock.calls].map((c) => String(c[0])).join('\n'),
    };
  } finally {
    vi.restoreAllMocks();
  }
}

async function pixels(f: string) {
  const { data, info } = await sharp(f).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Pixels outside the mask and more than 8 px from it that differ from the image. */
function changedFar(out: Uint8Array): number {
  let n = 0;
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      if ((x - 80) ** 2 + (y - 60) ** 2 < 40 ** 2) continue; // the blob (radius ≤ 24.6) plus a margin
      const i = y * W + x;
      for (let c = 0; c < 3; c++) if (out[i * 3 + c] !== img.data[i * 3 + c]) n++;
    }
  return n;
}

describe('anyfill fill', () => {
  it('PNG out: same size, untouched outside the mask, the hole changed; progress on stderr, a summary on stdout', async () => {
    const r = await run(['--image', file('image.png'), '--mask', file('mask.png'), '--seed', '3', '--out', file('out.png')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^patchmatch: filled \d+×\d+ at \d+,\d+ in \d+ ms → .*out\.png$/);
    expect(r.err).toMatch(/fill: \d+%/);
    const out = await pixels(file('out.png'));
    expect([out.width, out.height]).toEqual([W, H]);
    expect(changedFar(out.data)).toBe(0);
    let changed = 0;
    for (let i = 0; i < W * H; i++) if (mask[i] && out.data[i * 3] !== img.data[i * 3]) changed++;
    expect(changed).toBeGreaterThan(100);
  });

  it('the same bytes from an alpha mask and an EXIF-rotated JPEG mask; telea and JPEG output work', async () => {
    expect((await run(['--image', file('image.png'), '--mask', file('mask.png'), '--method', 'telea', '--out', file('a.png')])).code).toBe(
      0,
    );
    expect(
      (await run(['--image', file('image.png'), '--mask', file('mask-alpha.png'), '--method', 'telea', '--out', file('b.png')])).code,
    ).toBe(0);
    expect((await pixels(file('b.png'))).data.equals((await pixels(file('a.png'))).data)).toBe(true);
    const rotated = await run([
      '--image',
      file('image.png'),
      '--mask',
      file('mask-exif6.jpg'),
      '--method',
      'telea',
      '--out',
      file('c.jpg'),
    ]);
    expect(rotated.code).toBe(0);
    const c = await pixels(file('c.jpg'));
    expect([c.width, c.height]).toEqual([W, H]);
  });

  it('bad input: a mask of another size, a missing argument, an unknown method or extension', async () => {
    const sized = await run(['--image', file('image.png'), '--mask', file('small-mask.png'), '--out', file('x.png')]);
    expect(sized.code).toBe(1);
    expect(sized.err).toMatch(/mask is 80×60 but the image is 160×120/);
    expect((await run(['--image', file('image.png'), '--out', file('x.png')])).code).toBe(2);
    const method = await run(['--image', file('image.png'), '--mask', file('mask.png'), '--method', 'magic', '--out', file('x.png')]);
    expect([method.code, method.err]).toEqual([2, expect.stringMatching(/--method "magic"/)]);
    expect((await run(['--image', file('image.png'), '--mask', file('mask.png'), '--out', file('x.gif')])).code).toBe(2);
    const missing = await run(['--image', file('nope.png'), '--mask', file('mask.png'), '--out', file('x.png')]);
    expect(missing.code).not.toBe(0);
  });
});
