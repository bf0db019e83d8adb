// Runs in: vitest (node). The magic wand against painted shapes with known extents, noisy copies of them,
// hand-built gradients and edges, its replay at preview scale, and a real photograph's sky.
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  type Mask,
  type WandImage,
  type WandOptions,
  area,
  bbox,
  createMask,
  fillHoles,
  magicWand,
  replayWand,
  resize,
  subtract,
  union,
} from '../../../src-shared/masks';
import { WandStepSchema } from '../../../src-shared/document/wand';
import { SHARED_IMAGES } from '../../helpers/images';
import { disc, iou, on, rect, rng } from './shapes';
import { needsSharedImages } from '../../helpers/shared-images';

type RGB = readonly [number, number, number];
const FG: RGB = [200, 60, 40],
  BG: RGB = [40, 90, 160];
const opts = (tolerance: number, more: Partial<WandOptions> = {}): WandOptions => ({
  tolerance,
  edgeAware: true,
  contiguous: true,
  ...more,
});

/** Paints `colour` where `shape` is selected and `bg` elsewhere. */
function paint(shape: Mask, colour: RGB, bg: RGB, channels: 3 | 4 = 3, into?: WandImage): WandImage {
  const n = shape.width * shape.height,
    img = into ?? { data: new Uint8Array(n * channels), width: shape.width, height: shape.height, channels };
  for (let p = 0; p < n; p++) {
    const c = shape.data[p]! >= 128 ? colour : into ? null : bg;
    if (!c) continue;
    img.data.set(c, p * img.channels);
    if (img.channels === 4) img.data[p * 4 + 3] = 255;
  }
  return img;
}

/** Adds seeded Gaussian noise (Box–Muller) of standard deviation sigma to every colour channel. */
function addNoise(img: WandImage, sigma: number, seed: number): WandImage {
  const r = rng(seed),
    data = img.data.slice();
  for (let i = 0; i < data.length; i++) {
    if (img.channels === 4 && i % 4 === 3) continue;
    const g = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    data[i] = Math.max(0, Math.min(255, Math.round(data[i]! + sigma * g)));
  }
  return { ...img, data };
}

function polygon(w: number, h: number, pts: ReadonlyArray<readonly [number, number]>): Mask {
  const m = createMask(w, h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let inside = false;
      for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
        const [xi, yi] = pts[i]!,
          [xj, yj] = pts[j]!,
          px = x + 0.5,
          py = y + 0.5;
        if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
      }
      if (inside) m.data[y * w + x] = 255;
    }
  return m;
}

const star = (w: number, h: number): Mask =>
  polygon(
    w,
    h,
    Array.from({ length: 10 }, (_, k) => {
      const a = (k * Math.PI) / 5 - Math.PI / 2,
        r = k % 2 ? 40 : 110;
      return [w / 2 + r * Math.cos(a), h / 2 + r * Math.sin(a)] as const;
    }),
  );
const shapes: Array<[string, Mask, { x: number; y: number }]> = [
  ['circle', disc(createMask(320, 240), 150.3, 118.7, 83.4), { x: 150, y: 120 }],
  ['star', star(320, 240), { x: 160, y: 120 }],
  ['L-shape', rect(rect(createMask(320, 240), 40, 30, 50, 180), 40, 160, 230, 50), { x: 60.7, y: 50.2 }],
];

const same = (a: Mask, b: Mask): boolean => a.data.every((v, i) => v >= 128 === b.data[i]! >= 128);
const holes = (m: Mask): number => area(fillHoles(m)) - area(m);

describe('magicWand on flat colours', () => {
  for (const [name, shape, seed] of shapes) {
    it(`selects exactly a flat ${name}, RGB and RGBA, with and without edges; the background is its complement`, () => {
      for (const channels of [3, 4] as const) {
        const img = paint(shape, FG, BG, channels);
        for (const edgeAware of [true, false]) {
          const m = magicWand(img, seed, opts(32, { edgeAware }));
          expect(iou(m, shape)).toBe(1);
          expect(m.data.every((v) => v === 0 || v === 255)).toBe(true);
          const bg = magicWand(img, { x: 2, y: 2 }, opts(32, { edgeAware }));
          expect(area(bg) + area(shape)).toBe(shape.width * shape.height);
          expect(iou(bg, shape)).toBe(0);
        }
      }
    });
  }

  it('tolerance 0 selects only identical colours; 1 also takes a neighbour one level away', () => {
    const shape = rect(createMask(120, 80), 10, 10, 40, 40),
      img = paint(shape, [100, 100, 100], [20, 20, 20]);
    paint(rect(createMask(120, 80), 50, 10, 40, 40), [100, 101, 100], [0, 0, 0], 3, img); // touching, one green level off
    expect(same(magicWand(img, { x: 20, y: 20 }, opts(0)), shape)).toBe(true);
    expect(same(magicWand(img, { x: 20, y: 20 }, opts(0, { edgeAware: false, contiguous: false })), shape)).toBe(true);
    expect(area(magicWand(img, { x: 20, y: 20 }, opts(1)))).toBe(2 * 40 * 40);
  });

  it('anywhere-mode selects every shape of the colour; contiguous only the clicked one', () => {
    const a = disc(createMask(300, 200), 70, 100, 40),
      b = rect(createMask(300, 200), 180, 50, 80, 100);
    const img = paint(b, FG, BG, 3, paint(a, FG, BG));
    const both = magicWand(img, { x: 70, y: 100 }, opts(20, { contiguous: false }));
    expect(area(both)).toBe(area(a) + area(b));
    expect(same(magicWand(img, { x: 70, y: 100 }, opts(20)), a)).toBe(true);
    expect(same(magicWand(img, { x: 200, y: 90 }, opts(20)), b)).toBe(true);
  });

  it('returns an empty mask for a seed outside the image', () => {
    const img = paint(shapes[0]![1], FG, BG);
    for (const seed of [
      { x: -0.5, y: 10 },
      { x: 320, y: 10 },
      { x: 10, y: 240.2 },
      { x: Number.NaN, y: 3 },
    ]) {
      const m = magicWand(img, seed, opts(32));
      expect([m.width, m.height, area(m)]).toEqual([320, 240, 0]);
    }
  });

  it('treats transparent pixels as their own colour class', () => {
    const shape = disc(createMask(100, 100), 50, 50, 30),
      img = paint(shape, FG, BG, 4);
    for (let p = 0; p < 100 * 100; p++) if (shape.data[p]) img.data[p * 4 + 3] = 0; // same RGB, alpha 0
    expect(same(magicWand(img, { x: 50, y: 50 }, opts(10)), shape)).toBe(true);
    expect(area(magicWand(img, { x: 2, y: 2 }, opts(10)))).toBe(100 * 100 - area(shape));
  });

  it('anti-aliasing adds a ramp without changing what is selected', () => {
    const shape = shapes[1]![1],
      m = magicWand(paint(shape, FG, BG), { x: 160, y: 120 }, opts(32, { antiAlias: true }));
    expect(iou(m, shape)).toBe(1);
    expect(m.data.some((v) => v > 0 && v < 255)).toBe(true);
  });
});

describe('magicWand on noise, gradients and edges', () => {
  for (const [name, shape, seed] of shapes) {
    it(`selects a noisy ${name} (σ 6) with IoU ≥ 0.98 and no holes`, () => {
      for (const channels of [3, 4] as const) {
        const img = addNoise(paint(shape, FG, BG, channels), 6, 11);
        for (const edgeAware of [true, false]) {
          const m = magicWand(img, seed, opts(40, { edgeAware }));
          expect(iou(m, shape)).toBeGreaterThanOrEqual(0.98);
          expect(holes(m)).toBe(0);
        }
      }
    });
  }

  it('a noisy seed pixel does not decide the reference colour', () => {
    const shape = shapes[0]![1],
      img = addNoise(paint(shape, FG, BG), 4, 3),
      p = (120 * 320 + 150) * 3;
    img.data.set([FG[0] + 25, FG[1] - 25, FG[2] + 25], p); // an outlier within tolerance of the shape
    expect(iou(magicWand(img, { x: 150, y: 120 }, opts(30)), shape)).toBeGreaterThanOrEqual(0.98);
  });

  /** Slow grey gradient 100 → 135 over x < 200, then a step down to 75 (within 40 of the seed's 100). */
  function gradientAndStep(blur: number): WandImage {
    const w = 300,
      h = 100,
      data = new Uint8Array(w * h * 3);
    for (let x = 0; x < w; x++) {
      const v = x < 200 ? 100 + (35 * x) / 199 : 75;
      const ramp = x >= 200 - blur && x < 200 ? 135 - ((x - 199 + blur) * 60) / (blur + 1) : v; // an edge blurred over `blur` px
      for (let y = 0; y < h; y++) data.fill(Math.round(ramp), (y * w + x) * 3, (y * w + x) * 3 + 3);
    }
    return { data, width: w, height: h, channels: 3 };
  }

  it('edge-aware stops at a sharp step that a slow gradient would otherwise carry it across', () => {
    const img = gradientAndStep(0),
      left = rect(createMask(300, 100), 0, 0, 200, 100);
    expect(area(magicWand(img, { x: 10, y: 50 }, opts(40, { edgeAware: false })))).toBe(300 * 100); // leaks
    expect(same(magicWand(img, { x: 10, y: 50 }, opts(40)), left)).toBe(true);
  });

  it('edge-aware also stops at a step blurred over two pixels, with noise', () => {
    const img = addNoise(gradientAndStep(2), 2, 5);
    expect(area(magicWand(img, { x: 10, y: 50 }, opts(40, { edgeAware: false })))).toBeGreaterThan(0.95 * 300 * 100);
    const m = magicWand(img, { x: 10, y: 50 }, opts(40)),
      box = bbox(m)!;
    expect(box.x + box.width).toBeGreaterThanOrEqual(196);
    expect(box.x + box.width).toBeLessThanOrEqual(200);
    expect(area(m)).toBeGreaterThan(0.97 * 196 * 100);
  });
});

describe('replayWand', () => {
  const a = disc(createMask(400, 300), 110, 150, 70),
    b = rect(createMask(400, 300), 220, 60, 140, 180);
  const scene = paint(b, [90, 170, 60], BG, 3, paint(a, FG, BG));

  it('adds and subtracts clicks onto a base mask, in order', () => {
    const base = rect(createMask(400, 300), 0, 0, 20, 20);
    const step = { tolerance: 30, edgeAware: true, contiguous: true };
    const added = replayWand(
      base,
      scene,
      [
        { x: 110, y: 150, mode: 'add', ...step },
        { x: 300, y: 100, mode: 'add', ...step },
      ],
      1,
    );
    expect(area(added)).toBe(400 + area(a) + area(b));
    const cut = replayWand(added, scene, [{ x: 300, y: 100, mode: 'subtract', ...step }], 1);
    expect(same(cut, subtract(added, b))).toBe(true);
    expect(area(base)).toBe(400); // inputs untouched
    expect(replayWand(base, scene, [], 1).data).not.toBe(base.data);
  });

  it('replayed at half scale matches the full-scale mask resized (IoU ≥ 0.95)', async () => {
    const noisy = addNoise(scene, 5, 9);
    const half = await sharp(Buffer.from(noisy.data), { raw: { width: 400, height: 300, channels: 3 } })
      .resize(200, 150)
      .raw()
      .toBuffer();
    const small: WandImage = { data: new Uint8Array(half), width: 200, height: 150, channels: 3 };
    const steps = [
      { x: 110, y: 150, mode: 'add', tolerance: 40, edgeAware: true, contiguous: true },
      { x: 300, y: 200, mode: 'add', tolerance: 40, edgeAware: true, contiguous: true },
    ] as const;
    const full = replayWand(createMask(400, 300), noisy, steps, 1);
    const preview = replayWand(createMask(200, 150), small, steps, 0.5);
    expect(iou(resize(preview, 400, 300), full)).toBeGreaterThanOrEqual(0.95);
    expect(iou(full, union(a, b))).toBeGreaterThanOrEqual(0.98);
  });

  it('parses stored steps with WandStepSchema', () => {
    const step = { x: 12.5, y: 3, mode: 'subtract', tolerance: 32, edgeAware: false, contiguous: true };
    expect(WandStepSchema.parse(step)).toEqual(step);
    for (const bad of [{ tolerance: 256 }, { tolerance: 3.5 }, { mode: 'xor' }, { x: '1' }, { edgeAware: undefined }]) {
      expect(WandStepSchema.safeParse({ ...step, ...bad }).success).toBe(false);
    }
  });
});

describe('magicWand on a photograph', () => {
  it('selects a plausible band of the sky in street.jpg (uniform colour, no holes, stops at the tower and arches)', async (ctx) => {
    needsSharedImages(ctx);
    const { data, info } = await sharp(path.join(SHARED_IMAGES, 'street.jpg')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const img: WandImage = {
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
      channels: 3,
    };
    const m = magicWand(img, { x: 1125, y: 420 }, opts(32)); // 2250 × 1500; a clear blue sky above stone arches
    // At tolerance 32 the wand takes a diagonal band of the sky's gradient: about a third of the photo
    // (0.34 when written); asserted loosely so small changes to noise handling do not break it.
    const share = area(m) / (info.width * info.height);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
    expect(holes(m)).toBe(0);
    expect(on(m, 1125, 420)).toBe(true);
    expect([on(m, 1940, 703), on(m, 844, 1181), on(m, 100, 100)]).toEqual([false, false, false]); // tower, arch, deep-blue corner
    const sd = (pick: (p: number) => boolean): number => {
      // the largest per-channel standard deviation
      let n = 0;
      const sum = [0, 0, 0],
        sq = [0, 0, 0];
      for (let p = 0; p < m.data.length; p++) {
        if (!pick(p)) continue;
        n++;
        for (let c = 0; c < 3; c++) {
          const v = img.data[p * 3 + c]!;
          sum[c]! += v;
          sq[c]! += v * v;
        }
      }
      return Math.max(...sum.map((s, c) => Math.sqrt(sq[c]! / n - (s / n) ** 2)));
    };
    // One colour give or take the gradient inside the tolerance (≈ 19 when written), against ≈ 71 for the photo.
    const [region, whole] = [sd((p) => m.data[p]! > 0), sd(() => true)];
    expect(region).toBeLessThan(24);
    expect(region).toBeLessThan(0.4 * whole);
  });
});
