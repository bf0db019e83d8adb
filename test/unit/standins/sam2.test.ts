// Runs in: test tooling. The SAM2.1 stand-in (samexporter format, §2.2) through a small reference client:
// stretch to 1024², coords x/W·1024, boxes prepended, no padding point, low-res masks resized by the caller.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samStandinPacks } from '../../../src-main/standins/sam';
import { LANDSCAPE, PORTRAIT, SHADES, renderScene, shapeMask, type Scene } from '../../../src-main/standins/sam/scenes';
import { writeStandinPack } from '../../../src-main/standins/write-pack';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];
let dir: string;
let encoder: ort.InferenceSession;
let decoder: ort.InferenceSession;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-sam2-'));
  const pack = samStandinPacks().find((p) => p.packId === 'sam2.1-tiny')!;
  await writeStandinPack(dir, pack);
  encoder = await ort.InferenceSession.create(path.join(dir, pack.packId, pack.roles.encoder!));
  decoder = await ort.InferenceSession.create(path.join(dir, pack.packId, pack.roles.decoder!));
});
afterAll(async () => {
  await Promise.all([encoder.release(), decoder.release()]);
  await rm(dir, { recursive: true, force: true });
});

// ---- reference client -------------------------------------------------------------------------
type Feats = Record<'image_embed' | 'high_res_feats_0' | 'high_res_feats_1', ort.Tensor>;
const cache = new Map<Scene, Feats>();

async function encode(scene: Scene): Promise<Feats> {
  if (cache.has(scene)) return cache.get(scene)!;
  const raw = { width: scene.width, height: scene.height, channels: 3 as const };
  const rgb = await sharp(renderScene(scene), { raw }).resize(1024, 1024, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
  const chw = new Float32Array(3 * 1024 * 1024);
  for (let i = 0; i < 1024 * 1024; i++) {
    for (let c = 0; c < 3; c++) chw[c * 1024 * 1024 + i] = (rgb[i * 3 + c]! / 255 - MEAN[c]!) / STD[c]!;
  }
  const out = await encoder.run({ image: new ort.Tensor('float32', chw, [1, 3, 1024, 1024]) });
  const feats = { image_embed: out.image_embed!, high_res_feats_0: out.high_res_feats_0!, high_res_feats_1: out.high_res_feats_1! };
  cache.set(scene, feats);
  return feats;
}

interface Prompt {
  clicks?: { x: number; y: number; label: 0 | 1 }[];
  box?: [number, number, number, number];
  mask?: Float32Array;
  /** Wrong-client switches. */
  sam1Transform?: boolean;
  extraPadding?: boolean;
}

/** One label row per prompt (all rows must have the same point count). Returns per-row helpers. */
async function decode(scene: Scene, prompts: Prompt[], feats?: Feats) {
  const rows = prompts.map((p) => {
    const s = 1024 / Math.max(scene.width, scene.height);
    const [sx, sy] = p.sam1Transform ? [s, s] : [1024 / scene.width, 1024 / scene.height];
    const pts: [number, number, number][] = [];
    if (p.box) pts.push([p.box[0] * sx, p.box[1] * sy, 2], [p.box[2] * sx, p.box[3] * sy, 3]); // prepended
    for (const c of p.clicks ?? []) pts.push([c.x * sx, c.y * sy, c.label]);
    if (p.extraPadding) pts.push([0, 0, -1]);
    return pts;
  });
  const [l, n] = [rows.length, rows[0]!.length];
  const out = await decoder.run({
    ...(feats ?? (await encode(scene))),
    point_coords: new ort.Tensor('float32', Float32Array.from(rows.flat().flatMap(([x, y]) => [x, y])), [l, n, 2]),
    point_labels: new ort.Tensor('float32', Float32Array.from(rows.flat().map((q) => q[2])), [l, n]),
    mask_input: new ort.Tensor('float32', Float32Array.from(prompts.flatMap((p) => [...(p.mask ?? new Float32Array(65536))])), [
      l,
      1,
      256,
      256,
    ]),
    has_mask_input: new ort.Tensor('float32', Float32Array.from(prompts.map((p) => (p.mask ? 1 : 0))), [l]),
  });
  const masks = out.masks!.data as Float32Array;
  const iou = out.iou_predictions!.data as Float32Array;
  return {
    dims: [out.masks!.dims, out.iou_predictions!.dims],
    low: (row: number, k: number) => masks.slice((row * 3 + k) * 65536, (row * 3 + k + 1) * 65536),
    /** samexporter's client: argmax IoU, bilinear to (H,W), threshold at 0. */
    best: (row: number) => {
      const scores = Array.from(iou.subarray(row * 3, row * 3 + 3));
      const k = scores.indexOf(Math.max(...scores));
      return upscale(masks.subarray((row * 3 + k) * 65536, (row * 3 + k + 1) * 65536), scene.width, scene.height);
    },
  };
}

/** Bilinear 256² → W×H, align_corners=False (half-pixel centres), thresholded at 0. */
function upscale(low: Float32Array, w: number, h: number): Uint8Array {
  const src = (d: number, out: number) => Math.min(255, Math.max(0, (d + 0.5) * (256 / out) - 0.5));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = src(y, h);
    const [y0, fy] = [Math.floor(sy), sy - Math.floor(sy)];
    const y1 = Math.min(255, y0 + 1);
    for (let x = 0; x < w; x++) {
      const sx = src(x, w);
      const [x0, fx] = [Math.floor(sx), sx - Math.floor(sx)];
      const x1 = Math.min(255, x0 + 1);
      const top = low[y0 * 256 + x0]! * (1 - fx) + low[y0 * 256 + x1]! * fx;
      const bottom = low[y1 * 256 + x0]! * (1 - fx) + low[y1 * 256 + x1]! * fx;
      out[y * w + x] = top * (1 - fy) + bottom * fy > 0 ? 1 : 0;
    }
  }
  return out;
}

function iouOf(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    inter += a[i]! & b[i]!;
    union += a[i]! | b[i]!;
  }
  return union ? inter / union : 1;
}
const click = (x: number, y: number, label: 0 | 1 = 1) => ({ x, y, label });
/** Clicks inside each scene's red rect; chosen so SAM1's transform lands them on the background. */
const CLICK = new Map<Scene, ReturnType<typeof click>>([
  [LANDSCAPE, click(500, 550)],
  [PORTRAIT, click(400, 700)],
  [SHADES, click(300, 250)],
]);
const RECT_BOX = new Map<Scene, [number, number, number, number]>([
  [LANDSCAPE, [290, 390, 710, 710]],
  [PORTRAIT, [290, 490, 710, 910]],
]);

describe('SAM2.1 stand-in contract', () => {
  const meta = (list: readonly ort.InferenceSession.ValueMetadata[]) =>
    list.map((m) => ({ name: m.name, type: m.isTensor ? m.type : '-', shape: m.isTensor ? m.shape : [] }));

  it('has the samexporter names, dtypes and shapes (7 decoder inputs, no orig_im_size)', () => {
    expect(meta(encoder.inputMetadata)).toEqual([{ name: 'image', type: 'float32', shape: [1, 3, 1024, 1024] }]);
    expect(meta(encoder.outputMetadata)).toEqual([
      { name: 'high_res_feats_0', type: 'float32', shape: [1, 32, 256, 256] },
      { name: 'high_res_feats_1', type: 'float32', shape: [1, 64, 128, 128] },
      { name: 'image_embed', type: 'float32', shape: [1, 256, 64, 64] },
    ]);
    expect(meta(decoder.inputMetadata)).toEqual([
      { name: 'image_embed', type: 'float32', shape: [1, 256, 64, 64] },
      { name: 'high_res_feats_0', type: 'float32', shape: [1, 32, 256, 256] },
      { name: 'high_res_feats_1', type: 'float32', shape: [1, 64, 128, 128] },
      { name: 'point_coords', type: 'float32', shape: ['num_labels', 'num_points', 2] },
      { name: 'point_labels', type: 'float32', shape: ['num_labels', 'num_points'] },
      { name: 'mask_input', type: 'float32', shape: ['num_labels', 1, 256, 256] },
      { name: 'has_mask_input', type: 'float32', shape: ['num_labels'] },
    ]);
    expect(meta(decoder.outputMetadata)).toEqual([
      { name: 'masks', type: 'float32', shape: ['num_labels', 3, 256, 256] },
      { name: 'iou_predictions', type: 'float32', shape: ['num_labels', 3] },
    ]);
  });
});

describe('SAM2.1 stand-in through the reference client', () => {
  it.each([LANDSCAPE, PORTRAIT])('a click inside the rectangle selects it (%#)', async (scene) => {
    const out = await decode(scene, [{ clicks: [CLICK.get(scene)!] }]);
    expect(out.dims).toEqual([
      [1, 3, 256, 256],
      [1, 3],
    ]);
    expect(iouOf(out.best(0), shapeMask(scene, [0]))).toBeGreaterThanOrEqual(0.95);
    const low = out.low(0, 0);
    expect(Math.max(...low)).toBeLessThanOrEqual(32); // clamped low-res logits
    expect(Math.min(...low)).toBeGreaterThanOrEqual(-32);
  });

  it('a prepended box selects what it encloses; a caller-added padding point is harmless', async () => {
    const box: [number, number, number, number] = [990, 190, 1310, 510];
    const out = await decode(LANDSCAPE, [{ box }]);
    const disc = out.best(0);
    expect(iouOf(disc, shapeMask(LANDSCAPE, [1]))).toBeGreaterThanOrEqual(0.95);
    const padded = await decode(LANDSCAPE, [{ box, extraPadding: true }]);
    expect(iouOf(padded.best(0), disc)).toBe(1);
  });

  it('negative clicks exclude a similar colour; label rows are independent', async () => {
    const red = CLICK.get(SHADES)!;
    const out = await decode(SHADES, [{ clicks: [red, click(200, 150)] }, { clicks: [red, click(850, 250, 0)] }]);
    expect(out.dims).toEqual([
      [2, 3, 256, 256],
      [2, 3],
    ]);
    expect(iouOf(out.best(0), shapeMask(SHADES, [0, 1]))).toBeGreaterThanOrEqual(0.95);
    expect(iouOf(out.best(1), shapeMask(SHADES, [0]))).toBeGreaterThanOrEqual(0.95);
  });

  it('mask_input refines: a negative-valued region is removed', async () => {
    const first = await decode(SHADES, [{ clicks: [CLICK.get(SHADES)!] }]);
    // Cells right of x = 575 (original px; stretched frame) cover the dark-red rectangle.
    const edited = first.low(0, 1).map((v, i) => (((i % 256) * 4 + 2) * (SHADES.width / 1024) > 575 ? -20 : v));
    const refined = await decode(SHADES, [{ clicks: [CLICK.get(SHADES)!], mask: edited }]);
    expect(iouOf(first.best(0), shapeMask(SHADES, [0, 1]))).toBeGreaterThanOrEqual(0.95);
    expect(iouOf(refined.best(0), shapeMask(SHADES, [0]))).toBeGreaterThanOrEqual(0.95);
  });
});

describe('SAM2.1 stand-in fails wrong clients', () => {
  it.each([LANDSCAPE, PORTRAIT])("SAM1's aspect-preserving transform → IoU < 0.8 (%#)", async (scene) => {
    const rect = shapeMask(scene, [0]);
    const clicked = await decode(scene, [{ clicks: [CLICK.get(scene)!], sam1Transform: true }]);
    expect(iouOf(clicked.best(0), rect)).toBeLessThan(0.8);
    const boxed = await decode(scene, [{ box: RECT_BOX.get(scene)!, sam1Transform: true }]);
    expect(iouOf(boxed.best(0), rect)).toBeLessThan(0.8);
    const right = await decode(scene, [{ box: RECT_BOX.get(scene)! }]);
    expect(iouOf(right.best(0), rect)).toBeGreaterThanOrEqual(0.95);
  });

  it('zeroed high-res features give an empty mask', async () => {
    const feats = await encode(LANDSCAPE);
    const zeros = new ort.Tensor('float32', new Float32Array(32 * 256 * 256), [1, 32, 256, 256]);
    const out = await decode(LANDSCAPE, [{ clicks: [CLICK.get(LANDSCAPE)!] }], { ...feats, high_res_feats_0: zeros });
    expect(out.best(0).some((v) => v === 1)).toBe(false);
  });
});
