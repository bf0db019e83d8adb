// Runs in: tests (Node). Synthetic scenes for the Grounding DINO stand-ins: a blue background with a red
// square and a green disc, as PNG, or as a JPEG stored sideways with EXIF orientation 6, so the boxes
// must come back in the pixels of the image as displayed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { openSession } from '../../../src-main/engine/runtime/open-session';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import type { Feeds } from '../../../src-main/engine/runtime/ort';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { writeStandins } from '../../../src-main/standins/index';

export type Rect = [number, number, number, number]; // x0, y0, x1, y1 (x1, y1 exclusive)

export interface Scene {
  width: number;
  height: number;
  square: Rect;
  disc: { cx: number; cy: number; r: number };
}

export const LANDSCAPE: Scene = { width: 1200, height: 800, square: [100, 150, 400, 450], disc: { cx: 850, cy: 500, r: 150 } };
export const PORTRAIT: Scene = { width: 600, height: 900, square: [80, 520, 330, 770], disc: { cx: 330, cy: 230, r: 130 } };
/** Shown 1000×1500; stored 1500×1000 and rotated by EXIF. */
export const ROTATED: Scene = { width: 1000, height: 1500, square: [120, 950, 520, 1350], disc: { cx: 640, cy: 420, r: 220 } };

export const discBox = (s: Scene): Rect => [s.disc.cx - s.disc.r, s.disc.cy - s.disc.r, s.disc.cx + s.disc.r, s.disc.cy + s.disc.r];

/** The scene's upright RGB pixels. */
export function sceneRgb(s: Scene): Buffer {
  const data = Buffer.alloc(s.width * s.height * 3);
  for (let y = 0; y < s.height; y++)
    for (let x = 0; x < s.width; x++) {
      const inSquare = x >= s.square[0] && x < s.square[2] && y >= s.square[1] && y < s.square[3];
      const inDisc = (x + 0.5 - s.disc.cx) ** 2 + (y + 0.5 - s.disc.cy) ** 2 <= s.disc.r ** 2;
      data.set(inSquare ? [255, 0, 0] : inDisc ? [0, 255, 0] : [0, 0, 255], (y * s.width + x) * 3);
    }
  return data;
}

export function scenePng(s: Scene): Promise<Buffer> {
  return sharp(sceneRgb(s), { raw: { width: s.width, height: s.height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Stored turned 90° counter-clockwise, tagged orientation 6 (turn 90° clockwise to show). */
export async function sceneRotatedJpeg(s: Scene): Promise<Buffer> {
  const stored = await sharp(sceneRgb(s), { raw: { width: s.width, height: s.height, channels: 3 } })
    .rotate(-90)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(stored.data, { raw: { width: stored.info.width, height: stored.info.height, channels: 3 } })
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export function iou(a: readonly number[], b: readonly number[]): number {
  const ix = Math.max(0, Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!));
  const iy = Math.max(0, Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!));
  const area = (r: readonly number[]) => (r[2]! - r[0]!) * (r[3]! - r[1]!);
  return (ix * iy) / (area(a) + area(b) - ix * iy);
}

/** A models folder with both Grounding DINO stand-ins. */
export async function gdinoModels(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-detect-'));
  await writeStandins(dir, (id) => ['gdino-tiny', 'standin-gdino-aspect', 'standin-gdino-idea', 'standin-gdino-unfusable'].includes(id));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface RunLog {
  /** input_ids of every model run, in order. */
  runs: number[][];
  /** Makes the next run throw this (a model failing mid-run). */
  failNext: Error | null;
}

/** A private pool and queue whose sessions record each run (and can be made to fail). */
export function spiedRuntime(): { pool: SessionPool; queue: InferenceQueue; log: RunLog } {
  const log: RunLog = { runs: [], failNext: null };
  const queue = new InferenceQueue();
  const pool = new SessionPool({
    queue,
    open: async (file, opts) => {
      const opened = await openSession(file, opts);
      const run = opened.session.run.bind(opened.session);
      opened.session.run = ((feeds: Feeds, ...rest: unknown[]) => {
        log.runs.push(Array.from(feeds.input_ids!.data as BigInt64Array, Number));
        const fail = log.failNext;
        log.failNext = null;
        if (fail) return Promise.reject(fail);
        return (run as (...a: unknown[]) => ReturnType<typeof run>)(feeds, ...rest);
      }) as typeof opened.session.run;
      return opened;
    },
  });
  return { pool, queue, log };
}
