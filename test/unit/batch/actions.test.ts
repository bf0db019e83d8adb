// Runs in: tests (Node). `anyfill run --action remove` with and without an SD pack (generative removal vs
// content-aware fill, said in the report) and with the learned erasers (MI-GAN, or LaMa when chosen), a
// result the safety checker withholds (flagged, failed, the batch goes on), the progress lines, and usage
// errors (exit 2) before anything runs.
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStandins } from '../../../src-main/standins/index';
import { RECT_A, W, makeFolder, readReport, rgb, run, setup } from './fixtures';

let env: Awaited<ReturnType<typeof setup>>;
let images: string;
beforeAll(async () => {
  env = await setup(['gdino-tiny', 'mobilesam', 'standin-sd-safety']);
  images = await makeFolder(env.root, false);
  await rm(path.join(images, 'c-corrupt.png'));
});
afterAll(() => env.cleanup());
const base = (out: string, models = env.models) => [
  '--images',
  images,
  '--select',
  'red',
  '--models',
  models,
  '--out',
  path.join(env.root, out),
];
const centre = async (file: string) => {
  const px = await rgb(file);
  const i = ((RECT_A.y + 16) * W + RECT_A.x + 20) * 3;
  return [px[i]!, px[i + 1]!, px[i + 2]!];
};

describe('anyfill run --action remove', () => {
  it('with an SD pack: the removal setup (inpaint); the red is gone', async () => {
    const r = await run([...base('sd'), '--action', 'remove']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 images; generative fill/);
    expect(r.stderr).toMatch(/\[1\/2\] a-red\.png: done \(1 found, inpaint, \d+ ms\)\n\[2\/2\] b-red\.png: done/);
    const report = await readReport(path.join(env.root, 'sd'));
    expect(report.images.map((e) => [e.status, e.method, e.prompt, e.flagged])).toEqual([
      ['done', 'inpaint', null, false],
      ['done', 'inpaint', null, false],
    ]);
    const [red] = await centre(path.join(env.root, 'sd/a-red/result.png'));
    expect(red).toBeLessThan(200);
  });

  it('without one: content-aware fill from the blue around it', async () => {
    const noSd = path.join(env.root, 'models-nosd');
    await writeStandins(noSd, (id) => id === 'gdino-tiny' || id === 'mobilesam');
    const r = await run([...base('fill', noSd), '--action', 'remove']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/content-aware fill \(no SD inpainting pack installed\)/);
    const report = await readReport(path.join(env.root, 'fill'));
    expect(report.images.every((e) => e.status === 'done' && e.method === 'content-aware-fill')).toBe(true);
    expect(report.models.map((m) => m.role)).toEqual(['detect', 'segment']);
    const [red, , blue] = await centre(path.join(env.root, 'fill/a-red/result.png'));
    expect([red! < 60, blue! > 200]).toEqual([true, true]);
  });

  it('with the MI-GAN eraser installed: it removes instead of SD, and the report lists its pack', async () => {
    const eraser = path.join(env.root, 'models-eraser');
    await writeStandins(eraser, (id) => ['gdino-tiny', 'mobilesam', 'standin-sd-safety', 'migan-512'].includes(id));
    const r = await run([...base('erase', eraser), '--action', 'remove']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 images; MI-GAN eraser/);
    const report = await readReport(path.join(env.root, 'erase'));
    expect(report.images.every((e) => e.status === 'done' && e.method === 'migan')).toBe(true);
    expect(report.models.map((m) => [m.role, m.packId])).toEqual([
      ['detect', 'gdino-tiny'],
      ['segment', 'mobilesam'],
      ['erase', 'migan-512'],
    ]);
    const [red, , blue] = await centre(path.join(env.root, 'erase/a-red/result.png'));
    expect([red! < 60, blue! > 200]).toEqual([true, true]);
  });

  it('with MI-GAN and LaMa installed and LaMa chosen for Remove: LaMa removes, and the report lists its pack', async () => {
    const both = path.join(env.root, 'models-both');
    await writeStandins(both, (id) => ['gdino-tiny', 'mobilesam', 'migan-512', 'lama-512'].includes(id));
    await writeFile(path.join(both, 'preferences.json'), JSON.stringify({ version: 1, erase: 'lama-512' }));
    const r = await run([...base('lama', both), '--action', 'remove']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 images; LaMa eraser/);
    const report = await readReport(path.join(env.root, 'lama'));
    expect(report.images.every((e) => e.status === 'done' && e.method === 'lama')).toBe(true);
    expect(report.models.map((m) => [m.role, m.packId])).toEqual([
      ['detect', 'gdino-tiny'],
      ['segment', 'mobilesam'],
      ['erase', 'lama-512'],
    ]);
    const [red, , blue] = await centre(path.join(env.root, 'lama/a-red/result.png'));
    expect([red! < 60, blue! > 200]).toEqual([true, true]);
  });
});

describe('anyfill run: flags and errors', () => {
  it('a result the safety checker flags is withheld: failed, flagged, no result file; exit 1', async () => {
    const r = await run([...base('flagged'), '--action', 'replace', '--prompt', 'red', '--pack', 'standin-sd-safety']);
    expect(r.code).toBe(1);
    const report = await readReport(path.join(env.root, 'flagged'));
    expect(report.images[0]).toMatchObject({
      status: 'failed',
      flagged: true,
      error: { code: 'FLAGGED', message: expect.stringMatching(/safety checker/) },
    });
    expect(report.images[0]!.outputs.result).toBeUndefined();
    expect(existsSync(path.join(env.root, 'flagged/a-red/mask.png'))).toBe(true);
    expect(existsSync(path.join(env.root, 'flagged/a-red/result.png'))).toBe(false);
  });

  it.each([
    [['--action', 'replace'], /--action replace needs --prompt/],
    [['--action', 'erase'], /--action must be remove or replace/],
    [['--action', 'remove', '--seed', 'x'], /--seed must be a whole number/],
    [['--action', 'remove', '--frobnicate'], /Unknown option/],
  ])('%s → usage error, exit 2, nothing written', async (extra, message) => {
    const r = await run([...base('usage'), ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(path.join(env.root, 'usage'))).toBe(false);
  });

  it('missing options → exit 2; a missing folder → exit 1', async () => {
    expect((await run(['--images', images, '--action', 'remove'])).code).toBe(2);
    const r = await run([
      '--images',
      path.join(env.root, 'nope'),
      '--select',
      'red',
      '--action',
      'remove',
      '--models',
      env.models,
      '--out',
      path.join(env.root, 'x'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot read the folder/);
  });
});
