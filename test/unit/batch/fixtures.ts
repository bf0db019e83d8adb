// Runs in: tests (Node). A batch folder for `anyfill run`: synthetic images with a red rectangle on blue
// (the stand-ins find and segment "red"), downscaled copies of two shared photos (or photo-like stand-ins without them), a corrupt "image" and a
// text file; stand-in packs in a temp models folder; and runRun with captured output and events.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { BatchEvent } from '../../../src-main/batch/run-batch';
import type { BatchReport } from '../../../src-main/batch/report';
import { runRun, type RunIo } from '../../../src-main/cli/run-command';
import { writeStandins } from '../../../src-main/standins/index';
import { SHARED_IMAGES } from '../../helpers/images';
import { hasSharedImages } from '../../helpers/shared-images';

export const [W, H] = [128, 96];
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Pure blue with a pure red rectangle: the colours the stand-ins read. */
export async function redRectPng(file: string, r: Rect): Promise<void> {
  const data = Buffer.alloc(W * H * 3);
  for (let i = 0; i < W * H; i++) {
    const [x, y] = [i % W, Math.floor(i / W)];
    const red = x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    data.set(red ? [255, 0, 0] : [0, 0, 255], i * 3);
  }
  await sharp(data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toFile(file);
}

/** A 160 × 107 greenish gradient with grain, seeded: a stand-in for a downscaled photo. */
function photoLike(seed: number): Sharp {
  const [w, h] = [160, 107];
  const data = Buffer.alloc(w * h * 3);
  let r = seed;
  for (let i = 0; i < w * h; i++) {
    r = (r * 1103515245 + 12345) & 0x7fffffff;
    const grain = (r % 17) - 8;
    const [x, y] = [i % w, Math.floor(i / w)];
    data.set([40 + grain + (x >> 2), 90 + grain + (y >> 1), 70 + grain], i * 3);
  }
  return sharp(data, { raw: { width: w, height: h, channels: 3 } });
}

export const RECT_A: Rect = { x: 24, y: 20, width: 40, height: 32 };

export async function makeFolder(root: string, photos = true): Promise<string> {
  const dir = path.join(root, 'images');
  await mkdir(dir, { recursive: true });
  await redRectPng(path.join(dir, 'a-red.png'), RECT_A);
  await redRectPng(path.join(dir, 'b-red.png'), { x: 70, y: 40, width: 30, height: 30 });
  await writeFile(path.join(dir, 'c-corrupt.png'), Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'binary'), Buffer.alloc(200, 7)]));
  await writeFile(path.join(dir, 'notes.txt'), 'not an image');
  if (photos) {
    for (const name of ['dog.jpg', 'street.jpg']) {
      const out = path.join(dir, `p-${name}`);
      // Without the shared photos (a fresh clone), a photo-like stand-in: what matters is a real JPEG with no red.
      await (hasSharedImages ? sharp(path.join(SHARED_IMAGES, name)).resize(160) : photoLike(name.length)).jpeg().toFile(out);
    }
  }
  return dir;
}

/** A temp root with stand-in packs (`packs` by id) in root/models; the SAM cache kept inside too. */
export async function setup(packs: string[]): Promise<{ root: string; models: string; cleanup(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'anyfill-batch-'));
  const models = path.join(root, 'models');
  await writeStandins(models, (id) => packs.includes(id));
  const saved = process.env.ANYFILL_CACHE_DIR;
  process.env.ANYFILL_CACHE_DIR = path.join(root, 'cache');
  return {
    root,
    models,
    cleanup: async () => {
      if (saved === undefined) delete process.env.ANYFILL_CACHE_DIR;
      else process.env.ANYFILL_CACHE_DIR = saved;
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** runRun with small, fast generation settings; stdout, stderr and every event captured. */
export async function run(args: string[], io: Omit<RunIo, 'stdout' | 'stderr'> = {}) {
  const [out, err, events] = [[] as string[], [] as string[], [] as BatchEvent[]];
  const code = await runRun([...args, '--steps', '3', '--size', '128'], {
    ...io,
    tty: false,
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    onEvent: (e) => {
      events.push(e);
      io.onEvent?.(e);
    },
  });
  const phased = [...new Set(events.flatMap((e) => (e.type === 'phase' ? [e.input] : [])))];
  return { code, stdout: out.join(''), stderr: err.join(''), events, phased };
}

export async function readReport(outDir: string): Promise<BatchReport> {
  return JSON.parse(await readFile(path.join(outDir, 'report.json'), 'utf8')) as BatchReport;
}

export async function rgb(file: string): Promise<Buffer> {
  return sharp(file).removeAlpha().raw().toBuffer();
}
