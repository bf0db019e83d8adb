// Runs in: test tooling. Fixture builders for engine image tests: session folders, hand-built
// BMP files, and sharp-made images with known pixels. (Refused files live in bad-images.ts.)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { EventName, EventOf } from '../../src-shared/contract/contract';
import { newStagedFileId, type StagedFileId } from '../../src-shared/document/ids';
import type { EngineContext } from '../../src-main/engine/engine-context';
import { createEngineServices, type ServiceOptions } from '../../src-main/engine/services';

export { SHARED_IMAGES } from './shared-images';

export interface RecordedEvent {
  event: EventName;
  payload: unknown;
}

export interface TestSession {
  dir: string;
  ctx: EngineContext;
  events: RecordedEvent[];
  /** Writes bytes into inbox/ as the host would and returns their id. */
  stage(bytes: Uint8Array): Promise<StagedFileId>;
  /** Resolves with the first matching event, already emitted or still to come. */
  waitFor<E extends EventName>(event: E, match: (p: EventOf<E>) => boolean, timeoutMs?: number): Promise<EventOf<E>>;
  cleanup(): Promise<void>;
}

/** A session folder and an engine context over it with its own services (nothing shared between sessions). */
export async function makeSession(options: ServiceOptions = {}): Promise<TestSession> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anyfill-engine-'));
  await mkdir(path.join(dir, 'inbox'));
  const events: RecordedEvent[] = [];
  const ctx: EngineContext = {
    sessionDir: dir,
    modelsDir: path.join(dir, 'models'),
    cacheDir: path.join(dir, 'cache'),
    recoveryDir: path.join(dir, 'recovery'),
    host: 'cli',
    emit: (event, payload) => void events.push({ event, payload }),
    services: createEngineServices(dir, options),
  };
  return {
    dir,
    ctx,
    events,
    async stage(bytes) {
      const id = newStagedFileId();
      await writeFile(path.join(dir, 'inbox', id), bytes);
      return id;
    },
    async waitFor(event, match, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = events.find((e) => e.event === event && match(e.payload as EventOf<typeof event>));
        if (hit) return hit.payload as EventOf<typeof event>;
        if (Date.now() > deadline) throw new Error(`no ${event} event within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export type Rgba = [number, number, number, number];

/** Raw RGBA pixels from a function of (x, y). */
export function rgbaPixels(width: number, height: number, at: (x: number, y: number) => Rgba): Buffer {
  const out = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.set(at(x, y), (y * width + x) * 4);
  return out;
}

/** Four solid quadrants, so a flip or rotation shows: red, green / blue, white. */
export const quadrants =
  (w: number, h: number) =>
  (x: number, y: number): Rgba =>
    y < h / 2 ? (x < w / 2 ? [255, 0, 0, 255] : [0, 255, 0, 255]) : x < w / 2 ? [0, 0, 255, 255] : [255, 255, 255, 255];

export function sharpRaw(width: number, height: number, at: (x: number, y: number) => Rgba) {
  return sharp(rgbaPixels(width, height, at), { raw: { width, height, channels: 4 } });
}

export interface BmpSpec {
  width: number;
  /** Negative: top-down rows. */
  height: number;
  bpp: number;
  compression?: number;
  /** 12, 40, 52, 56, 108 or 124. */
  headerSize?: number;
  /** BGR(A) palette entries as [r, g, b]. */
  palette?: [number, number, number][];
  /** [r, g, b] or [r, g, b, a] masks; written after a 40-byte header or inside larger ones. */
  masks?: number[];
  /** Pixel values per (x, y) in image (top-down) order: a palette index or a packed value. */
  value: (x: number, y: number) => number;
  /** Overrides for lying headers. */
  dataOffset?: number;
}

/** Builds a BMP file byte by byte, the way other programs write them. */
export function buildBmp(s: BmpSpec): Buffer {
  const headerSize = s.headerSize ?? 40;
  const core = headerSize === 12;
  const rows = Math.abs(s.height);
  const stride = Math.floor((s.bpp * s.width + 31) / 32) * 4;
  const extraMasks = headerSize === 40 && s.masks ? s.masks.length * 4 : 0;
  const palette = s.palette ?? [];
  const paletteBytes = palette.length * (core ? 3 : 4);
  const offset = 14 + headerSize + extraMasks + paletteBytes;
  const out = Buffer.alloc(offset + stride * rows);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(s.dataOffset ?? offset, 10);
  out.writeUInt32LE(headerSize, 14);
  if (core) {
    out.writeUInt16LE(s.width, 18);
    out.writeUInt16LE(s.height, 20);
    out.writeUInt16LE(1, 22);
    out.writeUInt16LE(s.bpp, 24);
  } else {
    out.writeInt32LE(s.width, 18);
    out.writeInt32LE(s.height, 22);
    out.writeUInt16LE(1, 26);
    out.writeUInt16LE(s.bpp, 28);
    out.writeUInt32LE(s.compression ?? 0, 30);
    out.writeUInt32LE(stride * rows, 34);
    out.writeUInt32LE(palette.length, 46);
    s.masks?.forEach((m, i) => out.writeUInt32LE(m >>> 0, 54 + i * 4));
  }
  palette.forEach(([r, g, b], i) => out.set([b, g, r], 14 + headerSize + extraMasks + i * (core ? 3 : 4)));
  for (let y = 0; y < rows; y++) {
    const fileRow = s.height < 0 ? y : rows - 1 - y;
    const base = offset + fileRow * stride;
    for (let x = 0; x < s.width; x++) writeBmpPixel(out, base, x, s.bpp, s.value(x, y));
  }
  return out;
}

function writeBmpPixel(out: Buffer, base: number, x: number, bpp: number, v: number): void {
  if (bpp < 8) {
    const perByte = 8 / bpp;
    const at = base + Math.floor(x / perByte);
    out[at] = (out[at] ?? 0) | (v << (8 - bpp * ((x % perByte) + 1)));
  } else if (bpp === 8) out[base + x] = v;
  else if (bpp === 16) out.writeUInt16LE(v, base + x * 2);
  else if (bpp === 24) out.writeUIntLE(v, base + x * 3, 3);
  else out.writeUInt32LE(v >>> 0, base + x * 4);
}

/** Decodes any image sharp reads into raw pixels, for comparisons. */
export async function rawOf(input: string | Buffer) {
  return sharp(input).raw().toBuffer({ resolveWithObject: true });
}

/** The pixel at (x, y) of raw data. */
export function pixelAt(data: Buffer, width: number, channels: number, x: number, y: number): number[] {
  const i = (y * width + x) * channels;
  return [...data.subarray(i, i + channels)];
}

export function expectClose(actual: number[], expected: number[], tolerance: number): void {
  const ok = actual.length === expected.length && actual.every((v, i) => Math.abs(v - (expected[i] ?? NaN)) <= tolerance);
  if (!ok) throw new Error(`pixel ${JSON.stringify(actual)} is not within ±${tolerance} of ${JSON.stringify(expected)}`);
}
