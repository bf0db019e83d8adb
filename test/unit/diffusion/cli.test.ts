// Runs in: tests (Node). `anyfill inpaint` and `anyfill outpaint` end to end with the SD stand-ins: files in,
// files out, unchanged pixels outside the mask, variant suffixes, progress on stderr, and clear refusals
// with a non-zero exit for bad input.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInpaint } from '../../../src-main/cli/inpaint-command';
import { runOutpaint } from '../../../src-main/cli/outpaint-command';
import { rectMask, scene, standinModels } from './helpers';

let env: Awaited<ReturnType<typeof standinModels>>;
const [W, H] = [96, 72];
const file = (name: string) => path.join(env.dir, name);
const capture = () => {
  const lines: string[] = [];
  return { lines, out: { write: (t: string) => lines.push(t) } };
};
async function cli(run: typeof runInpaint, args: string[]) {
  const [o, e] = [capture(), capture()];
  const code = await run([...args, '--models', env.dir, '--size', '128'], { stdout: o.out, stderr: e.out });
  return { code, stdout: o.lines.join(''), stderr: e.lines.join('') };
}
const raw = async (f: string) => sharp(f).removeAlpha().raw().toBuffer();

beforeAll(async () => {
  env = await standinModels((id) => id === 'sd15-inpaint');
  const img = scene(W, H);
  await sharp(img.data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toFile(file('in.png'));
  const mask = rectMask(W, H, { x: 40, y: 30, width: 16, height: 12 });
  await sharp(Buffer.from(mask.data), { raw: { width: W, height: H, channels: 1 } })
    .png()
    .toFile(file('mask.png'));
  await sharp(Buffer.alloc(W * H), { raw: { width: W, height: H, channels: 1 } })
    .png()
    .toFile(file('empty.png'));
  await sharp(Buffer.alloc(W * H, 255), { raw: { width: W, height: H, channels: 1 } })
    .png()
    .toFile(file('all.png'));
  await sharp(Buffer.alloc(32 * 32, 255), { raw: { width: 32, height: 32, channels: 1 } })
    .png()
    .toFile(file('small.png'));
});
afterAll(() => env.cleanup());

describe('anyfill inpaint', () => {
  it('writes two variants with -1/-2 suffixes: red in the mask, the far pixels unchanged; progress on stderr', async () => {
    const r = await cli(runInpaint, [
      '--image',
      file('in.png'),
      '--mask',
      file('mask.png'),
      '--prompt',
      'red',
      '--steps',
      '6',
      '--scheduler',
      'ddim',
      '--variants',
      '2',
      '--seed',
      '3',
      '--out',
      file('out.png'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/out-1\.png: seed 3\n.*out-2\.png: seed 4/s);
    expect(r.stderr).toMatch(/\[100%\] Variant 2\/2: decoding/);
    const [a, orig] = [await raw(file('out-1.png')), await raw(file('in.png'))];
    expect([a[(36 * W + 48) * 3], a[(36 * W + 48) * 3 + 1]]).toEqual([expect.any(Number), expect.any(Number)]);
    expect(a[(36 * W + 48) * 3]).toBeGreaterThan(200);
    expect(a.subarray(0, 10 * W * 3).equals(orig.subarray(0, 10 * W * 3))).toBe(true);
  });

  it('reports an over-long prompt (what was cut) but still runs', async () => {
    const r = await cli(runInpaint, [
      '--image',
      file('in.png'),
      '--mask',
      file('mask.png'),
      '--prompt',
      `${'a '.repeat(80)}red`,
      '--steps',
      '2',
      '--out',
      file('long.png'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: the prompt is 81 tokens; the model reads 75, so this was cut: "a a a a a red"/);
  });

  it.each([
    [['--mask', 'empty.png'], /mask is empty/],
    [['--mask', 'all.png'], /covers the whole image/],
    [['--mask', 'small.png'], /mask is 32×32 but the image is 96×72/],
    [['--mask', 'mask.png', '--pack', 'sd15-inpaint-fp16'], /not installed/],
    [['--mask', 'mask.png', '--scheduler', 'k-lms'], /--scheduler must be one of/],
    [['--mask', 'mask.png', '--steps', '0'], /--steps must be a whole number from 1 to 150/],
    [['--mask', 'missing.png'], /Cannot read/],
  ])('%s → a clear error and exit 1', async (extra, message) => {
    const args = extra.map((a) => (a.endsWith('.png') ? file(a) : a));
    const r = await cli(runInpaint, ['--image', file('in.png'), '--prompt', 'red', '--out', file('x.png'), ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('missing arguments → usage error, exit 2', async () => {
    expect((await cli(runInpaint, ['--image', file('in.png')])).code).toBe(2);
  });
});

describe('anyfill outpaint', () => {
  it('extends left and right and keeps the original bytes', async () => {
    const r = await cli(runOutpaint, [
      '--image',
      file('in.png'),
      '--left',
      '24',
      '--right',
      '8',
      '--prompt',
      'yellow',
      '--steps',
      '3',
      '--prefill',
      'stretch',
      '--out',
      file('wide.png'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const meta = await sharp(file('wide.png')).metadata();
    expect([meta.width, meta.height]).toEqual([128, 72]);
    const [out, orig] = [await raw(file('wide.png')), await raw(file('in.png'))];
    for (let y = 0; y < H; y++)
      expect(out.subarray((y * 128 + 24) * 3, (y * 128 + 120) * 3).equals(orig.subarray(y * W * 3, (y + 1) * W * 3))).toBe(true);
    expect([out[36 * 128 * 3], out[36 * 128 * 3 + 1], out[36 * 128 * 3 + 2]].map((v) => v! > 150)).toEqual([true, true, false]);
  });

  it('--aspect and bad sides', async () => {
    const ok = await cli(runOutpaint, [
      '--image',
      file('in.png'),
      '--aspect',
      '16:9',
      '--prompt',
      'red',
      '--steps',
      '2',
      '--out',
      file('169.png'),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((await sharp(file('169.png')).metadata()).width).toBe(128);
    const none = await cli(runOutpaint, ['--image', file('in.png'), '--prompt', 'red', '--out', file('n.png')]);
    expect(none).toMatchObject({ code: 1, stderr: expect.stringMatching(/Nothing to extend/) });
    const bad = await cli(runOutpaint, ['--image', file('in.png'), '--left=-3', '--prompt', 'red', '--out', file('n.png')]);
    expect(bad.stderr).toMatch(/--left must be a whole number/);
    await writeFile(file('note.txt'), 'not an image');
    expect((await cli(runOutpaint, ['--image', file('note.txt'), '--left', '8', '--prompt', 'red', '--out', file('n.png')])).code).toBe(1);
    expect((await readFile(file('169.png'))).byteLength).toBeGreaterThan(0);
  });
});
