// Runs in: tests (Node). `anyfill run --action replace` over a folder with the stand-ins: a complete
// report, the red shapes repainted in the prompt's colour with every other pixel unchanged, a re-run that
// reuses finished images (no model runs) but redoes a changed one, and resuming after an interruption.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H, RECT_A, W, makeFolder, readReport, redRectPng, rgb, run, setup } from './fixtures';

let env: Awaited<ReturnType<typeof setup>>;
let images: string;
beforeAll(async () => {
  env = await setup(['gdino-tiny', 'mobilesam', 'sd15-inpaint']);
  images = await makeFolder(env.root);
});
afterAll(() => env.cleanup());
const args = (out: string) => [
  '--images',
  images,
  '--select',
  'red',
  '--action',
  'replace',
  '--prompt',
  'yellow',
  '--models',
  env.models,
  '--out',
  out,
];

describe('anyfill run --action replace', () => {
  it('writes boxes, masks and results and a complete report; re-running skips what is finished', async () => {
    const out = path.join(env.root, 'out');
    const first = await run(args(out));
    expect(first.code, first.stderr).toBe(1); // the corrupt file failed; the others went on
    expect(first.stderr).toMatch(/notes\.txt: not an image file/);
    expect(first.stdout).toMatch(/2 done, 0 skipped, 1 failed/);
    const report = await readReport(out);
    expect(report).toMatchObject({
      version: 1,
      interrupted: false,
      ignored: ['notes.txt'],
      args: { select: 'red', action: 'replace', prompt: 'yellow' },
    });
    expect(report.finishedAt).toEqual(expect.any(String));
    expect(report.models.map((m) => [m.role, m.packId])).toEqual([
      ['detect', 'gdino-tiny'],
      ['segment', 'mobilesam'],
      ['inpaint', 'sd15-inpaint'],
    ]);
    expect(report.models[0]!.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.images.map((e) => e.input)).toEqual(['a-red.png', 'b-red.png', 'c-corrupt.png', 'p-dog.jpg', 'p-street.jpg']);
    const [a, , bad, ...photos] = report.images;
    expect(a).toMatchObject({
      status: 'done',
      method: 'inpaint',
      prompt: 'yellow',
      seed: 0,
      flagged: false,
      outputs: { boxes: 'a-red/boxes.json', mask: 'a-red/mask.png', result: 'a-red/result.png' },
    });
    expect(a!.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a!.detections).toHaveLength(1);
    expect(a!.detections[0]!.box.map(Math.round)).toEqual([24, 20, 64, 52]);
    expect(a!.timings.total).toBeGreaterThanOrEqual(a!.timings.detect + a!.timings.segment);
    expect(bad).toMatchObject({ status: 'failed', error: { code: expect.any(String), message: expect.any(String) } });
    for (const p of photos) expect(['done', 'no-detections']).toContain(p.status);

    // The mask is 8-bit grey at the image size; the result is yellow where the rectangle was.
    const mask = await sharp(path.join(out, 'a-red/mask.png')).metadata();
    expect([mask.width, mask.height, mask.channels, mask.depth]).toEqual([W, H, 1, 'uchar']);
    const [res, orig] = [await rgb(path.join(out, 'a-red/result.png')), await rgb(path.join(images, 'a-red.png'))];
    const at = (x: number, y: number) => [...res.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)];
    const [r, g, b] = at(RECT_A.x + 20, RECT_A.y + 16);
    expect(r! > 150 && g! > 150 && b! < 100, `centre ${[r, g, b]}`).toBe(true);
    // Everything well outside the rectangle (beyond the feathered edge) keeps its bytes.
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const far = x < RECT_A.x - 12 || x >= RECT_A.x + RECT_A.width + 12 || y < RECT_A.y - 12 || y >= RECT_A.y + RECT_A.height + 12;
        if (far && !at(x, y).every((v, c) => v === orig[(y * W + x) * 3 + c])) throw new Error(`pixel ${x},${y} changed`);
      }

    // Same inputs and options: nothing but the failed file runs again.
    const second = await run(args(out));
    expect(second.phased).toEqual(['c-corrupt.png']);
    expect((await readReport(out)).images.map((e) => e.status)).toEqual(['skipped', 'skipped', 'failed', 'skipped', 'skipped']);
    expect(second.stdout).toMatch(/0 done, 4 skipped, 1 failed/);

    // A changed image runs again; a still-skipped one stays reusable.
    await redRectPng(path.join(images, 'b-red.png'), { x: 10, y: 10, width: 30, height: 30 });
    const third = await run(args(out));
    expect(third.phased).toEqual(['b-red.png', 'c-corrupt.png']);
    const after = await readReport(out);
    expect(after.images.map((e) => e.status)).toEqual(['skipped', 'done', 'failed', 'skipped', 'skipped']);
    expect(after.images[1]!.detections[0]!.box.map(Math.round)).toEqual([10, 10, 40, 40]);

    // Other options (the prompt) mean new results.
    const other = await run([...args(out).slice(0, -2), '--prompt', 'green', '--out', out]);
    expect(other.phased).toContain('a-red.png');
    expect(existsSync(path.join(out, 'a-red/result.png'))).toBe(true);
  });

  it('an interruption (Ctrl+C after the first image, or a crash between images) leaves a valid report; the next run finishes', async () => {
    const out = path.join(env.root, 'out-interrupted');
    const abort = new AbortController();
    const stopped = await run(args(out), { signal: abort.signal, onEvent: (e) => e.type === 'image' && abort.abort() });
    expect(stopped.code).toBe(130);
    const partial = await readReport(out);
    expect(partial).toMatchObject({ interrupted: true, finishedAt: null });
    expect(partial.images.map((e) => [e.input, e.status])).toEqual([['a-red.png', 'done']]);

    let images = 0;
    const crashed = await run(args(out), {
      onEvent: (e) => {
        if (e.type === 'image' && ++images === 2) throw new Error('simulated crash');
      },
    });
    expect(crashed.code).toBe(1);
    expect((await readReport(out)).images.map((e) => e.status)).toEqual(['skipped', 'done']);

    const resumed = await run(args(out));
    expect(resumed.phased).toEqual(['c-corrupt.png', 'p-dog.jpg', 'p-street.jpg']);
    const full = await readReport(out);
    expect(full.images).toHaveLength(5);
    expect(full.interrupted).toBe(false);
  });
});
