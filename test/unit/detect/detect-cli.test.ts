// Runs in: tests (Node). `anyfill detect` in-process: the boxes JSON in displayed pixels (an EXIF-rotated
// JPEG included), notices and errors on stderr, exit codes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDetect } from '../../../src-main/cli/detect-command';
import { discBox, gdinoModels, iou, LANDSCAPE, ROTATED, sceneRotatedJpeg, scenePng } from './scenes';

let tmp = '';
let models: Awaited<ReturnType<typeof gdinoModels>>;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'anyfill-detect-cli-'));
  models = await gdinoModels();
  await writeFile(path.join(tmp, 'scene.png'), await scenePng(LANDSCAPE));
  await writeFile(path.join(tmp, 'rotated.jpg'), await sceneRotatedJpeg(ROTATED));
});
afterAll(async () => {
  await models?.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runDetect(args, { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

type Box = { label: string; score: number; box: [number, number, number, number] };

describe('anyfill detect', () => {
  it('writes [{label, score, box}] in image pixels', async () => {
    const out = path.join(tmp, 'boxes.json');
    const r = await cli(['--image', path.join(tmp, 'scene.png'), '--text', 'red. green', '--models', models.dir, '--out', out]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^#1 (red|green) 0\.998 \[/);
    expect(r.out).toMatch(/2 boxes → .*boxes\.json \(gdino-tiny, CPU, \d+ ms\)\n$/);
    const boxes = JSON.parse(await readFile(out, 'utf8')) as Box[];
    expect(boxes.map((b) => Object.keys(b))).toEqual([
      ['label', 'score', 'box'],
      ['label', 'score', 'box'],
    ]);
    expect(iou(boxes.find((b) => b.label === 'red')!.box, LANDSCAPE.square)).toBeGreaterThanOrEqual(0.9);
    expect(iou(boxes.find((b) => b.label === 'green')!.box, discBox(LANDSCAPE))).toBeGreaterThanOrEqual(0.9);
  });

  it('uses the orientation the image is displayed in, with the IDEA-style pack and thresholds', async () => {
    const out = path.join(tmp, 'rotated.json');
    const args = [
      '--image',
      path.join(tmp, 'rotated.jpg'),
      '--text',
      'red',
      '--pack',
      'standin-gdino-idea',
      '--box-threshold',
      '0.5',
      '--text-threshold',
      '0.3',
    ];
    expect((await cli([...args, '--models', models.dir, '--out', out])).code).toBe(0);
    const [red] = JSON.parse(await readFile(out, 'utf8')) as Box[];
    expect(iou(red!.box, ROTATED.square)).toBeGreaterThanOrEqual(0.9);
    const strict = await cli([...args.slice(0, 6), '--box-threshold', '0.999', '--models', models.dir, '--out', out]);
    expect(strict.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual([]);
  });

  it('reports a cut prompt on stderr and still writes the boxes', async () => {
    const out = path.join(tmp, 'long.json');
    const text = ['red', ...Array.from({ length: 90 }, (_, i) => `car ${i}`)].join('. ');
    const r = await cli(['--image', path.join(tmp, 'scene.png'), '--text', text, '--models', models.dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^anyfill detect: The prompt is longer than the model's 256 tokens, so this part was left out: "car 84\. /);
  });

  it('fails clearly: usage, empty prompt, no model, unreadable image', async () => {
    const image = path.join(tmp, 'scene.png');
    const out = path.join(tmp, 'x.json');
    expect((await cli(['--image', image])).code).toBe(2);
    expect((await cli(['--bogus'])).code).toBe(2);
    const empty = await cli(['--image', image, '--text', ' ', '--models', models.dir, '--out', out]);
    expect(empty).toMatchObject({ code: 1, err: 'anyfill detect: Type what to select, e.g. "dog" or "red car. tree".\n' });
    const none = await cli(['--image', image, '--text', 'red', '--models', path.join(tmp, 'empty'), '--out', out]);
    expect(none).toMatchObject({ code: 1, err: expect.stringContaining('No text-detection model is installed') });
    const missing = await cli(['--image', path.join(tmp, 'nope.png'), '--text', 'red', '--models', models.dir, '--out', out]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('nope.png') });
    await writeFile(path.join(tmp, 'notes.png'), 'just some text, not an image');
    const text = await cli(['--image', path.join(tmp, 'notes.png'), '--text', 'red', '--models', models.dir, '--out', out]);
    expect(text).toMatchObject({ code: 1, err: expect.stringContaining('not an image') });
    const bad = await cli(['--image', image, '--text', 'red', '--box-threshold', 'high', '--models', models.dir, '--out', out]);
    expect(bad).toMatchObject({ code: 1, err: expect.stringContaining('--box-threshold must be a number from 0 to 1') });
  });
});
