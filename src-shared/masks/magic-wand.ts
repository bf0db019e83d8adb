// Runs in: every process (pure). The magic wand: click to select the region of similar colour.
// The seed's reference colour is the median of its 5×5 neighbourhood (only pixels within tolerance of
// the seed pixel, so a nearby edge cannot pull it) — a noisy seed pixel does not decide. Pixels whose
// distance is within the local noise of the tolerance are judged by their 3×3 mean (magic-wand-colour.ts).
// Edge-aware fills also stop at steps sharper than the noise and half the tolerance (magic-wand-rows.ts);
// then noise holes are filled and, anywhere-mode, specks dropped (magic-wand-clean.ts). A flat shape on a
// flat background comes out pixel-exact. The document stores the clicks (WandStep), never the mask:
// replayWand rebuilds it at any resolution.
import { antiAliased, cleanUp } from './magic-wand-clean';
import { DIST2_SCALE, type Matcher, type WandImage, dist2 } from './magic-wand-colour';
import { floodFill, matchAll } from './magic-wand-fill';
import { type Mask, createMask, subtract, union } from './mask';

export type { WandImage } from './magic-wand-colour';

export interface WandOptions {
  /** 0..255, colour distance from the seed (a grey step of n levels is n); 0 = identical colours only. */
  tolerance: number;
  /** Also stop at sharp local edges, so a slow gradient cannot carry the fill into a neighbour. */
  edgeAware: boolean;
  /** false: every similar pixel anywhere in the image. */
  contiguous: boolean;
  /** A 1-pixel coverage ramp on each side of the edge; off by default (the selected set is unchanged). */
  antiAlias?: boolean;
}

/** One click, as the document stores it; x, y in full-image pixels. */
export interface WandStep {
  x: number;
  y: number;
  mode: 'add' | 'subtract';
  tolerance: number;
  edgeAware: boolean;
  contiguous: boolean;
}

const SEED_RADIUS = 2,
  NOISE_RADIUS = 3;
const EDGE_MIN = 6,
  EDGE_TOL = 0.5,
  EDGE_NOISE = 4,
  BAND_NOISE = 2,
  NEAR_TOL = 1.25;

const rgbAt = (img: WandImage, p: number): [number, number, number] => [
  img.data[p * img.channels]!,
  img.data[p * img.channels + 1]!,
  img.data[p * img.channels + 2]!,
];
const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1]!;
const distTo = (a: readonly number[], b: readonly number[]): number => dist2(a[0]!, a[1]!, a[2]!, b[0]!, b[1]!, b[2]!);

/** Pixel indices within `radius` of (x, y), clipped to the image. */
function around(img: WandImage, x: number, y: number, radius: number): number[] {
  const out: number[] = [];
  for (let j = Math.max(0, y - radius); j <= Math.min(img.height - 1, y + radius); j++) {
    for (let i = Math.max(0, x - radius); i <= Math.min(img.width - 1, x + radius); i++) out.push(j * img.width + i);
  }
  return out;
}

/** The reference colour; the noise band is set later (noiseBand). */
function matcher(img: WandImage, x: number, y: number, tol2: number): Matcher {
  const p = y * img.width + x;
  if (img.channels === 4 && img.data[p * 4 + 3] === 0) return { ref: [0, 0, 0], clear: true, tol2, lo2: tol2, hi2: tol2 };
  const seed = rgbAt(img, p);
  const near = around(img, x, y, SEED_RADIUS)
    .filter((q) => img.channels === 3 || img.data[q * 4 + 3] !== 0)
    .map((q) => rgbAt(img, q))
    .filter((c) => distTo(c, seed) <= tol2);
  const med: [number, number, number] = [0, 1, 2].map((k) => median(near.map((c) => c[k]!))) as [number, number, number];
  return { ref: distTo(med, seed) <= tol2 ? med : seed, clear: false, tol2, lo2: tol2, hi2: tol2 };
}

/** Median distance between neighbouring matching pixels near the seed: the local noise level. */
function localNoise(img: WandImage, x: number, y: number, m: Matcher): number {
  const w = img.width,
    steps: number[] = [];
  const matches = (q: number) => distTo(rgbAt(img, q), m.ref) <= m.tol2;
  for (const p of around(img, x, y, NOISE_RADIUS)) {
    if (!matches(p)) continue;
    for (const q of [(p % w) + 1 < w ? p + 1 : -1, p + w < w * img.height ? p + w : -1]) {
      if (q >= 0 && matches(q)) steps.push(Math.sqrt(distTo(rgbAt(img, p), rgbAt(img, q)) / DIST2_SCALE));
    }
  }
  return steps.length ? median(steps) : 0;
}

/** Squared (dist2-scaled) contrast limit for edge-aware fills: above the noise and half the tolerance. */
const edgeLimit = (noise: number, tolerance: number): number =>
  Math.max(EDGE_MIN, tolerance * EDGE_TOL, EDGE_NOISE * noise) ** 2 * DIST2_SCALE;

/**
 * Where the fill starts: the seed pixel, and its 3×3 neighbours whose colour is within the edge limit of
 * the reference, so a noise outlier under the cursor cannot wall the fill in, while a neighbour across a
 * sharp edge cannot start it on the other side.
 */
function seeds(img: WandImage, x: number, y: number, m: Matcher, edge2: number): number[] {
  const lim = Math.min(edge2, m.tol2);
  return [y * img.width + x, ...around(img, x, y, 1).filter((q) => m.clear || distTo(rgbAt(img, q), m.ref) <= lim)];
}

/** The selection a click at `seed` (image pixels, may be fractional) makes; empty outside the image. */
export function magicWand(image: WandImage, seed: { x: number; y: number }, opts: WandOptions): Mask {
  const { width: w, height: h } = image;
  if (image.data.length < w * h * image.channels) throw new RangeError(`wand image data is shorter than ${w}×${h}×${image.channels}`);
  const x = Math.floor(seed.x),
    y = Math.floor(seed.y);
  if (!(x >= 0 && y >= 0 && x < w && y < h)) return createMask(w, h);
  const tolerance = Math.max(0, Math.min(255, opts.tolerance));
  const m = matcher(image, x, y, Math.floor(tolerance * tolerance * DIST2_SCALE));
  const noise = m.clear ? 0 : localNoise(image, x, y, m),
    band = BAND_NOISE * noise;
  m.lo2 = Math.max(0, tolerance - band) ** 2 * DIST2_SCALE;
  m.hi2 = (tolerance + band) ** 2 * DIST2_SCALE;
  const edge2 = opts.edgeAware ? edgeLimit(noise, tolerance) : Infinity;
  const data = opts.contiguous ? floodFill(image, m, seeds(image, x, y, m, edge2), edge2) : matchAll(image, m);
  const near = NEAR_TOL * tolerance + 2 * band;
  const mask = cleanUp({ width: w, height: h, data }, image, m.ref, m.clear ? 0 : near * near * DIST2_SCALE, !opts.contiguous);
  return opts.antiAlias ? antiAliased(mask) : mask;
}

/** Replays wand clicks onto `base` on an image given at `scale` × the full image's size. */
export function replayWand(base: Mask, image: WandImage, steps: readonly WandStep[], scale: number): Mask {
  let mask: Mask = { width: base.width, height: base.height, data: base.data.slice() };
  for (const s of steps) {
    const one = magicWand(image, { x: s.x * scale, y: s.y * scale }, s);
    mask = s.mode === 'add' ? union(mask, one) : subtract(mask, one);
  }
  return mask;
}
