// Runs in: tests (Node). `anyfill inpaint --pack lcm-dreamshaper-v7 [--tiny-vae]` with the LCM and TAESD
// stand-ins: the fast path from the command line (4 LCM steps whatever was asked, stderr says so step by
// step) and the tiny VAE's decode when asked — its red is TAESD's clamped 240, not the SD VAE's 255.
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runInpaint } from '../../../src-main/cli/inpaint-command';
import { rectMask, scene, standinModels } from './helpers';

let env: Awaited<ReturnType<typeof standinModels>>;
const [W, H] = [96, 72];
const file = (name: string) => path.join(env.dir, name);

beforeAll(async () => {
  env = await standinModels((id) => id === 'lcm-dreamshaper-v7' || id === 'taesd');
  await sharp(scene(W, H).data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toFile(file('in.png'));
  const mask = rectMask(W, H, { x: 32, y: 24, width: 32, height: 24 });
  await sharp(Buffer.from(mask.data), { raw: { width: W, height: H, channels: 1 } })
    .png()
    .toFile(file('mask.png'));
});
afterAll(() => env.cleanup());

async function inpaint(extra: string[], out: string) {
  const lines: string[] = [];
  const sink = { write: (t: string) => lines.push(t) };
  const args = [
    '--image',
    file('in.png'),
    '--mask',
    file('mask.png'),
    '--prompt',
    'red',
    '--guidance',
    '8',
    '--no-colour-match',
    '--pack',
    'lcm-dreamshaper-v7',
    '--out',
    file(out),
    ...extra,
  ];
  const code = await runInpaint([...args, '--models', env.dir, '--size', '128'], { stdout: sink, stderr: sink });
  const px = await sharp(file(out)).removeAlpha().raw().toBuffer();
  return { code, log: lines.join(''), centre: [0, 1, 2].map((c) => px[(36 * W + 48) * 3 + c]!) };
}

it('runs the LCM pack in 4 steps from the command line, and --tiny-vae decodes with TAESD', async () => {
  const plain = await inpaint(['--steps', '25'], 'lcm.png');
  expect(plain.code, plain.log).toBe(0);
  expect(plain.log).toMatch(/step 4\/4/);
  expect(plain.log).not.toMatch(/step 5\//);
  expect(plain.centre).toEqual([255, 0, 0]);
  const tiny = await inpaint(['--tiny-vae'], 'lcm-tiny.png');
  expect(tiny.code, tiny.log).toBe(0);
  expect(Math.abs(tiny.centre[0]! - 240), `${tiny.centre}`).toBeLessThanOrEqual(2);
  expect(tiny.centre.slice(1)).toEqual([0, 0]);
});
