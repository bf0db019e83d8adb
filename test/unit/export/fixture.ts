// Runs in: test tooling. A small document for the layered export tests: a noisy photo with a flat red
// rectangle, a wand selection of that rectangle, a fill-like RGBA result over it, an offset half-opaque
// layer and a hidden one; plus readers for the PNGs the export writes.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { AssetId } from '../../../src-shared/document/ids';
import { newDocumentId, newLayerId } from '../../../src-shared/document/ids';
import type { EditorDocument, ImageLayer, SelectionLayer } from '../../../src-shared/document/types';
import { createEngineHandlers } from '../../../src-main/engine/handlers';
import { createDerivedAsset } from '../../../src-main/engine/images/derived-asset';
import type { TestSession } from '../../helpers/images';

export const W = 120;
export const H = 80;
export const RECT = { x0: 30, y0: 20, x1: 70, y1: 50 };
const inRect = (x: number, y: number) => x >= RECT.x0 && x < RECT.x1 && y >= RECT.y0 && y < RECT.y1;

/** RGB noise with a flat red rectangle (what the wand picks exactly). */
export function photo(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  let s = 99;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) & 255;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++)
      out.set(inRect(x, y) ? [220, 30, 30] : [40 + (rnd() % 60), 90 + (rnd() % 60), 160 + (rnd() % 60)], (y * W + x) * 3);
  }
  return out;
}

const handlers = createEngineHandlers();

export async function openBytes(s: TestSession, bytes: Uint8Array, name = 'photo.png'): Promise<AssetId> {
  return (await handlers['image.open']({ fileId: await s.stage(bytes), name, maxProxySide: 256 }, s.ctx)).asset.id;
}

export const imageLayer = (assetId: AssetId, name: string, w: number, h: number, over: Partial<ImageLayer> = {}): ImageLayer => ({
  id: newLayerId(),
  kind: 'image',
  name,
  assetId,
  visible: true,
  opacity: 1,
  x: 0,
  y: 0,
  width: w,
  height: h,
  ...over,
});

export const wandSelection = (assetId: AssetId, name: string, x: number, y: number): SelectionLayer => ({
  id: newLayerId(),
  kind: 'selection',
  name,
  visible: true,
  colour: '#ff4d6d',
  assetId,
  prompt: { points: [] },
  sam: null,
  strokes: [],
  ops: [],
  wand: [{ x, y, mode: 'add', tolerance: 10, edgeAware: false, contiguous: true }],
});

/** RGBA patch, transparent outside a disc with a soft edge (as a fill result is outside its mask). */
async function fillResult(s: TestSession): Promise<AssetId> {
  const w = 50,
    h = 40;
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = Math.hypot(x - 25, y - 20);
      data.set([(x * 5) & 255, (y * 6) & 255, 90, Math.max(0, Math.min(255, Math.round((18 - d) * 40)))], (y * w + x) * 4);
    }
  }
  return (await createDerivedAsset(s.ctx.services.assets, { data, width: w, height: h, channels: 4 }, 256)).asset.id;
}

export async function buildDocument(s: TestSession): Promise<EditorDocument> {
  const png = await sharp(photo(), { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
  const base = await openBytes(s, png);
  const fill = await fillResult(s);
  const small = await openBytes(
    s,
    await sharp(photo(), { raw: { width: W, height: H, channels: 3 } })
      .resize(30, 20)
      .png()
      .toBuffer(),
    'small.png',
  );
  return {
    id: newDocumentId(),
    schemaVersion: 1,
    name: 'Photo.PNG',
    width: W,
    height: H,
    layers: [
      imageLayer(base, 'photo.png', W, H),
      wandSelection(base, 'Selection 1', 50, 35),
      imageLayer(fill, 'Fill (PatchMatch, seed 7)', 50, 40, { x: 25, y: 15 }),
      imageLayer(small, 'small.png', 30, 20, { x: -10, y: 70, opacity: 0.5 }),
      imageLayer(small, 'hidden', 30, 20, { x: 40, y: 40, visible: false }),
    ],
  };
}

/** Decoded PNG pixels with their channel count as stored. */
export async function readPng(file: string) {
  const bytes = await readFile(file);
  const meta = await sharp(bytes).metadata();
  // An 8-bit grey PNG; libvips hands raw grey back as three equal channels unless told to take one.
  const pipeline = meta.channels === 1 ? sharp(bytes).extractChannel(0) : sharp(bytes);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { bytes, meta, data, width: info.width, height: info.height, channels: info.channels };
}

export const exportPngBytes = async (s: TestSession, document: EditorDocument) => {
  const r = await handlers['document.exportPng']({ document }, s.ctx);
  return readFile(`${s.dir}/${r.file.path}`);
};

export { handlers };
