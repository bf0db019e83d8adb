// Runs in: test tooling. The SAM1 / MobileSAM stand-ins through a small reference client (§1.1–1.3):
// exact I/O contracts, then real masks on synthetic scenes, and wrong clients that must fail.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samStandinPacks } from '../../../src-main/standins/sam';
import { SAM1_MEAN, SAM1_STD } from '../../../src-main/standins/sam/encoder-sam1';
import { LANDSCAPE, PORTRAIT, RED, SHADES, renderScene, shapeMask, type Scene } from '../../../src-main/standins/sam/scenes';
import { writeStandinPack } from '../../../src-main/standins/write-pack';

const SAM1_PACKS = ['mobilesam', 'sam-vit-b', 'standin-sam1-nchw'] as const;
type PackId = (typeof SAM1_PACKS)[number];
let dir: string;
const sessions = new Map<PackId, { encoder: ort.InferenceSession; decoder: ort.InferenceSession }>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-sam1-'));
  for (const pack of samStandinPacks().filter((p) => p.family === 'sam1')) {
    await writeStandinPack(dir, pack);
    const open = (role: string) => ort.InferenceSession.create(path.join(dir, pack.packId, pack.roles[role]!));
    sessions.set(pack.packId as PackId, { encoder: await open('encoder'), decoder: await open('decoder') });
  }
});
afterAll(async () => {
  for (const s of sessions.values()) await Promise.all([s.encoder.release(), s.decoder.release()]);
  await rm(dir, { recursive: true, force: true });
});

// ---- reference client -------------------------------------------------------------------------
interface Encoded {
  scene: Scene;
  embedding: ort.Tensor;
  /** Rounded resize dims (ResizeLongestSide). */
  newW: number;
  newH: number;
}
const cache = new Map<string, Encoded>();

/** NCHW callers prepare the frame themselves; the wrong ways are for the failure tests. */
type Prep = 'reference' | 'unnormalised' | 'stretched';

async function encode(pack: PackId, scene: Scene, prep: Prep = 'reference'): Promise<Encoded> {
  const key = `${pack}:${scene.width}x${scene.height}:${scene.shapes.length}:${prep}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const scale = 1024 / Math.max(scene.width, scene.height);
  const [newW, newH] = [Math.trunc(scene.width * scale + 0.5), Math.trunc(scene.height * scale + 0.5)];
  const raw = { width: scene.width, height: scene.height, channels: 3 as const };
  const [rw, rh] = prep === 'stretched' ? [1024, 1024] : [newW, newH];
  const rgb = await sharp(renderScene(scene), { raw }).resize(rw, rh, { fit: 'fill', kernel: 'linear' }).raw().toBuffer();
  let input: ort.Tensor;
  if (pack === 'standin-sam1-nchw') {
    // Caller-side Sam.preprocess: normalise, CHW, zero-pad bottom/right to 1024².
    const norm = (v: number, c: number) => (prep === 'unnormalised' ? v / 255 : (v - SAM1_MEAN[c]!) / SAM1_STD[c]!);
    const chw = new Float32Array(3 * 1024 * 1024);
    for (let y = 0; y < rh; y++) {
      for (let x = 0; x < rw; x++) {
        for (let c = 0; c < 3; c++) chw[c * 1024 * 1024 + y * 1024 + x] = norm(rgb[(y * rw + x) * 3 + c]!, c);
      }
    }
    input = new ort.Tensor('float32', chw, [1, 3, 1024, 1024]);
  } else {
    input = new ort.Tensor('float32', Float32Array.from(rgb), [newH, newW, 3]);
  }
  const out = await sessions.get(pack)!.encoder.run({ input_image: input });
  const enc = { scene, embedding: out.image_embeddings!, newW, newH };
  cache.set(key, enc);
  return enc;
}

interface Prompt {
  clicks?: { x: number; y: number; label: 0 | 1 }[];
  box?: [number, number, number, number];
  /** Wrong-client switches. */
  rawCoords?: boolean;
  padding?: 'reference' | 'never' | 'always';
  swapSize?: boolean;
  mask?: Float32Array;
  hasMask?: 0 | 1;
}

async function decode(pack: PackId, enc: Encoded, p: Prompt) {
  const { width: w, height: h } = enc.scene;
  const [sx, sy] = p.rawCoords ? [1, 1] : [enc.newW / w, enc.newH / h];
  const pts: [number, number, number][] = (p.clicks ?? []).map((c) => [c.x * sx, c.y * sy, c.label]);
  if (p.box) pts.push([p.box[0] * sx, p.box[1] * sy, 2], [p.box[2] * sx, p.box[3] * sy, 3]);
  const padding = p.padding ?? 'reference';
  if (padding === 'always' || (padding === 'reference' && !p.box)) pts.push([0, 0, -1]);
  const n = pts.length;
  const out = await sessions.get(pack)!.decoder.run({
    image_embeddings: enc.embedding,
    point_coords: new ort.Tensor('float32', Float32Array.from(pts.flatMap(([x, y]) => [x, y])), [1, n, 2]),
    point_labels: new ort.Tensor('float32', Float32Array.from(pts.map((q) => q[2])), [1, n]),
    mask_input: new ort.Tensor('float32', p.mask ?? new Float32Array(256 * 256), [1, 1, 256, 256]),
    has_mask_input: new ort.Tensor('float32', Float32Array.of(p.hasMask ?? (p.mask ? 1 : 0)), [1]),
    orig_im_size: new ort.Tensor('float32', Float32Array.from(p.swapSize ? [w, h] : [h, w]), [2]),
  });
  const masks = out.masks!;
  const count = masks.dims[1]!;
  const plane = masks.dims[2]! * masks.dims[3]!;
  const iou = Array.from(out.iou_predictions!.data as Float32Array);
  const low = out.low_res_masks!.data as Float32Array;
  return {
    count,
    iou,
    dims: masks.dims,
    /** Binary full-res mask of one token, read as an H×W image (as a client would, even when swapped). */
    mask: (k: number) => {
      const logits = (masks.data as Float32Array).subarray(k * plane, (k + 1) * plane);
      const bin = new Uint8Array(plane);
      for (let i = 0; i < plane; i++) bin[i] = logits[i]! > 0 ? 1 : 0;
      return bin;
    },
    low: (k: number) => low.slice(k * 65536, (k + 1) * 65536),
    /** Reference choice: best of tokens 1..3 by IoU for one prompt, token 0 otherwise (single export: 0). */
    best: () => (count === 1 ? 0 : 1 + iou.slice(1).indexOf(Math.max(...iou.slice(1)))),
  };
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
const area = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);
/** Pixels where two masks differ (vitest's deep equality is slow on megapixel arrays). */
function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}
const truths = new Map<string, Uint8Array>();
/** Ground-truth mask of some of a scene's shapes, memoised. */
function truth(scene: Scene, shapes: number[]): Uint8Array {
  const key = `${scene.width}x${scene.height}:${scene.shapes.length}:${shapes.join()}`;
  if (!truths.has(key)) truths.set(key, shapeMask(scene, shapes));
  return truths.get(key)!;
}
const click = (x: number, y: number, label: 0 | 1 = 1) => ({ x, y, label });

// ---- contracts --------------------------------------------------------------------------------
describe('SAM1 stand-in contracts', () => {
  const meta = (s: ort.InferenceSession, which: 'inputMetadata' | 'outputMetadata') =>
    s[which].map((m) => ({ name: m.name, type: m.isTensor ? m.type : '-', shape: m.isTensor ? m.shape : [] }));

  it.each(SAM1_PACKS)('%s: encoder and decoder names, dtypes and shapes', (id) => {
    const { encoder, decoder } = sessions.get(id)!;
    const hwc = id !== 'standin-sam1-nchw';
    expect(meta(encoder, 'inputMetadata')).toEqual([
      { name: 'input_image', type: 'float32', shape: hwc ? ['image_height', 'image_width', 3] : [1, 3, 1024, 1024] },
    ]);
    expect(meta(encoder, 'outputMetadata')).toEqual([{ name: 'image_embeddings', type: 'float32', shape: [1, 256, 64, 64] }]);
    expect(meta(decoder, 'inputMetadata')).toEqual([
      { name: 'image_embeddings', type: 'float32', shape: [1, 256, 64, 64] },
      { name: 'point_coords', type: 'float32', shape: [1, 'num_points', 2] },
      { name: 'point_labels', type: 'float32', shape: [1, 'num_points'] },
      { name: 'mask_input', type: 'float32', shape: [1, 1, 256, 256] },
      { name: 'has_mask_input', type: 'float32', shape: [1] },
      { name: 'orig_im_size', type: 'float32', shape: [2] },
    ]);
    const m = id === 'sam-vit-b' ? 1 : 4;
    expect(meta(decoder, 'outputMetadata')).toEqual([
      { name: 'masks', type: 'float32', shape: [1, m, 'orig_height', 'orig_width'] },
      { name: 'iou_predictions', type: 'float32', shape: [1, m] },
      { name: 'low_res_masks', type: 'float32', shape: [1, m, 256, 256] },
    ]);
  });

  it('keeps every model small', () => {
    for (const pack of samStandinPacks()) for (const bytes of Object.values(pack.files)) expect(bytes.byteLength).toBeLessThan(64 * 1024);
  });
});

// ---- behaviour --------------------------------------------------------------------------------
// Clicks well inside each scene's red rect (shape 0); SHADES: 0 red, 1 dark red, 2 orange.
const CLICK = new Map<Scene, ReturnType<typeof click>>([
  [LANDSCAPE, click(500, 550)],
  [PORTRAIT, click(650, 850)],
  [SHADES, click(300, 250)],
]);

describe('SAM1 stand-ins through the reference client', () => {
  it.each(SAM1_PACKS.flatMap((id) => [LANDSCAPE, PORTRAIT].map((s) => [id, s] as const)))(
    '%s: a click inside the rectangle selects it at full resolution (%#)',
    async (id, scene) => {
      const out = await decode(id, await encode(id, scene), { clicks: [CLICK.get(scene)!] });
      expect(out.dims).toEqual([1, out.count, scene.height, scene.width]);
      expect(iouOf(out.mask(out.best()), truth(scene, [0]))).toBeGreaterThanOrEqual(0.95);
    },
  );

  it('a box selects what it encloses; without a click its centre colour is the target', async () => {
    const enc = await encode('mobilesam', LANDSCAPE);
    const disc = await decode('mobilesam', enc, { box: [990, 190, 1310, 510] });
    expect(iouOf(disc.mask(disc.best()), truth(LANDSCAPE, [1]))).toBeGreaterThanOrEqual(0.95);
    // Box over the left half of the rectangle plus a click: only the enclosed half.
    const half = await decode('mobilesam', enc, { clicks: [click(400, 550)], box: [250, 350, 500, 750] });
    const leftHalf = shapeMask({ ...LANDSCAPE, shapes: [{ kind: 'rect', rgb: RED, x0: 300, y0: 400, x1: 500, y1: 700 }] }, [0]);
    expect(iouOf(half.mask(0), leftHalf)).toBeGreaterThanOrEqual(0.95);
  });

  it('4-mask export: candidates grow with the token threshold; the client picks by IoU', async () => {
    const out = await decode('standin-sam1-nchw', await encode('standin-sam1-nchw', SHADES), { clicks: [CLICK.get(SHADES)!] });
    const expected = [[0, 1, 2], [0], [0, 1], [0, 1, 2]];
    expected.forEach((shapes, k) => expect(iouOf(out.mask(k), truth(SHADES, shapes))).toBeGreaterThanOrEqual(0.95));
    expect(area(out.mask(1))).toBeLessThan(area(out.mask(2)));
    expect(area(out.mask(2))).toBeLessThan(area(out.mask(3)));
    expect(out.best()).toBe(2);
  });

  it('a negative click excludes the similar colour it lands on', async () => {
    const enc = await encode('mobilesam', SHADES);
    const twice = await decode('mobilesam', enc, { clicks: [CLICK.get(SHADES)!, click(200, 150)] });
    expect(iouOf(twice.mask(0), truth(SHADES, [0, 1, 2]))).toBeGreaterThanOrEqual(0.95);
    const neg = await decode('mobilesam', enc, { clicks: [CLICK.get(SHADES)!, click(850, 250, 0)] });
    expect(iouOf(neg.mask(0), truth(SHADES, [0, 2]))).toBeGreaterThanOrEqual(0.95);
  });

  it('single-mask export follows argmax(iou + (N − 2.5)·[1000,0,0,0])', async () => {
    const enc = await encode('sam-vit-b', SHADES);
    const multi = await decode('mobilesam', await encode('mobilesam', SHADES), { clicks: [CLICK.get(SHADES)!] });
    const one = await decode('sam-vit-b', enc, { clicks: [CLICK.get(SHADES)!] }); // N = 2 → best of 1..3
    expect(one.count).toBe(1);
    expect(one.iou[0]).toBeCloseTo(multi.iou[2]!, 6);
    expect(differing(one.low(0), multi.low(2))).toBe(0);
    const two = await decode('sam-vit-b', enc, { clicks: [CLICK.get(SHADES)!, click(200, 150)] }); // N = 3 → token 0
    expect(two.iou[0]).toBeCloseTo(multi.iou[0]!, 6);
    expect(iouOf(two.mask(0), truth(SHADES, [0, 1, 2]))).toBeGreaterThanOrEqual(0.95);
    const box = await decode('sam-vit-b', enc, { box: [80, 80, 520, 420] }); // N = 2 → best of 1..3
    expect(box.iou[0]).toBeCloseTo(multi.iou[2]!, 6);
  });

  it('mask_input refines: a negative region is removed, has_mask_input = 0 ignores it', async () => {
    const enc = await encode('mobilesam', SHADES);
    const first = await decode('mobilesam', enc, { clicks: [CLICK.get(SHADES)!] });
    const prev = first.low(2);
    expect(iouOf(first.mask(2), truth(SHADES, [0, 1]))).toBeGreaterThanOrEqual(0.95);
    // Low-res cells whose centre lies right of x = 575 (original px) cover the dark-red rectangle.
    const edited = prev.map((v, i) => (((i % 256) * 4 + 2) * (SHADES.width / enc.newW) > 575 ? -20 : v));
    const refined = await decode('mobilesam', enc, { clicks: [CLICK.get(SHADES)!], mask: edited });
    expect(iouOf(refined.mask(2), truth(SHADES, [0]))).toBeGreaterThanOrEqual(0.95);
    const ignored = await decode('mobilesam', enc, { clicks: [CLICK.get(SHADES)!], mask: edited, hasMask: 0 });
    expect(differing(ignored.mask(2), first.mask(2))).toBe(0);
    const same = await decode('mobilesam', enc, { clicks: [CLICK.get(SHADES)!], mask: prev });
    expect(iouOf(same.mask(2), first.mask(2))).toBeGreaterThanOrEqual(0.99);
  });
});

describe('SAM1 stand-ins fail wrong clients', () => {
  const cases: [string, Scene, Prompt][] = [
    ['orig_im_size as (W,H)', LANDSCAPE, { swapSize: true }],
    ['orig_im_size as (W,H), portrait', PORTRAIT, { swapSize: true }],
    ['raw pixel coordinates', LANDSCAPE, { rawCoords: true }],
    ['raw pixel coordinates, portrait', PORTRAIT, { rawCoords: true }],
    ['no padding point', LANDSCAPE, { padding: 'never' }],
  ];
  it.each(cases)('%s → IoU < 0.5', async (_name, scene, wrong) => {
    for (const id of ['mobilesam', 'sam-vit-b'] as const) {
      const out = await decode(id, await encode(id, scene), { clicks: [CLICK.get(scene)!], ...wrong });
      expect(iouOf(out.mask(out.best()), truth(scene, [0]))).toBeLessThan(0.5);
    }
  });

  it.each(['unnormalised', 'stretched'] as const)('NCHW encoder fed a %s frame → IoU < 0.5', async (prep) => {
    const out = await decode('standin-sam1-nchw', await encode('standin-sam1-nchw', LANDSCAPE, prep), { clicks: [CLICK.get(LANDSCAPE)!] });
    expect(iouOf(out.mask(out.best()), truth(LANDSCAPE, [0]))).toBeLessThan(0.5);
  });

  it('a padding point together with a box → IoU < 0.5', async () => {
    const out = await decode('mobilesam', await encode('mobilesam', LANDSCAPE), { box: [990, 190, 1310, 510], padding: 'always' });
    expect(iouOf(out.mask(out.best()), truth(LANDSCAPE, [1]))).toBeLessThan(0.5);
    expect(out.iou).toEqual([0, 0, 0, 0]);
  });
});
