// Runs in: tests and benchmarks (node). Quality figures of a content-aware fill: the filled region's local
// statistics against a ring of untouched pixels around it, and a seam metric across the mask's border
// compared with the same metric across the same contour moved to unmasked places of the image.
import { distanceSquared } from '../../src-shared/masks';

export interface Img {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}
export interface Stats {
  mean: number[];
  variance: number;
  gradEnergy: number;
  count: number;
}

const luma = (img: Img, i: number) =>
  0.299 * img.data[i * img.channels]! + 0.587 * img.data[i * img.channels + 1]! + 0.114 * img.data[i * img.channels + 2]!;

/** Mean per channel, variance (mean over RGB) and gradient energy (mean squared luma step to the right/below neighbour within the region). */
export function regionStats(img: Img, region: Uint8Array): Stats {
  const w = img.width,
    sum = [0, 0, 0],
    sq = [0, 0, 0];
  let n = 0,
    g = 0,
    gn = 0;
  for (let i = 0; i < region.length; i++) {
    if (!region[i]) continue;
    n++;
    for (let c = 0; c < 3; c++) {
      const v = img.data[i * img.channels + c]!;
      sum[c]! += v;
      sq[c]! += v * v;
    }
    const x = i % w;
    if (x + 1 < w && region[i + 1]) {
      g += (luma(img, i + 1) - luma(img, i)) ** 2;
      gn++;
    }
    if (i + w < region.length && region[i + w]) {
      g += (luma(img, i + w) - luma(img, i)) ** 2;
      gn++;
    }
  }
  const mean = sum.map((s) => s / n);
  const variance = sq.reduce((a, s, c) => a + s / n - mean[c]! ** 2, 0) / 3;
  return { mean, variance, gradEnergy: gn ? g / gn : 0, count: n };
}

/** 1 where mask >= 128. */
export const holeOf = (mask: Uint8Array) => Uint8Array.from(mask, (v) => (v >= 128 ? 1 : 0));

/** Pixels outside the mask at a distance in (from, to]. */
export function ringOf(mask: Uint8Array, w: number, h: number, from: number, to: number): Uint8Array {
  const d2 = distanceSquared({ width: w, height: h, data: mask });
  return Uint8Array.from(d2, (d) => (d > from * from && d <= to * to ? 1 : 0));
}

export interface RingComparison {
  hole: Stats;
  ring: Stats;
  meanDelta: number;
  varRatio: number;
  gradRatio: number;
}

/** The filled hole's statistics against the ring 8..8+width px outside the mask (beyond any feathering). */
export function compareToRing(img: Img, mask: Uint8Array, width = 24): RingComparison {
  const hole = regionStats(img, holeOf(mask)),
    ring = regionStats(img, ringOf(mask, img.width, img.height, 8, 8 + width));
  const meanDelta = Math.max(...hole.mean.map((m, c) => Math.abs(m - ring.mean[c]!)));
  return {
    hole,
    ring,
    meanDelta,
    varRatio: (hole.variance + 1) / (ring.variance + 1),
    gradRatio: (hole.gradEnergy + 1) / (ring.gradEnergy + 1),
  };
}

/** Mean absolute luma difference between 4-neighbours on either side of the mask's border. */
export function seam(img: Img, mask: Uint8Array): number {
  const { width: w, height: h } = img;
  let sum = 0,
    n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x,
        a = mask[i]! >= 128;
      if (x + 1 < w && a !== mask[i + 1]! >= 128) {
        sum += Math.abs(luma(img, i) - luma(img, i + 1));
        n++;
      }
      if (y + 1 < h && a !== mask[i + w]! >= 128) {
        sum += Math.abs(luma(img, i) - luma(img, i + w));
        n++;
      }
    }
  }
  return n ? sum / n : 0;
}

/**
 * The seam metric of the same contour moved around the *original* image (so it crosses only real
 * pixels), averaged: how much neighbours differ naturally across such a contour in this picture.
 */
export function controlSeam(img: Img, mask: Uint8Array): number {
  const { width: w, height: h } = img;
  let x0 = w,
    y0 = h,
    x1 = 0,
    y1 = 0;
  for (let i = 0; i < w * h; i++)
    if (mask[i]! >= 128) {
      const x = i % w,
        y = (i - x) / w;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  const bw = x1 - x0 + 1,
    bh = y1 - y0 + 1,
    values: number[] = [];
  // Offsets that keep the moved box inside the image, on a grid of half boxes.
  for (let oy = 1 - y0; y1 + oy < h - 1; oy += Math.ceil(bh / 2)) {
    for (let ox = 1 - x0; x1 + ox < w - 1; ox += Math.ceil(bw / 2)) {
      if (ox === 0 && oy === 0) continue;
      const moved = new Uint8Array(w * h);
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) moved[(y + oy) * w + x + ox] = mask[y * w + x]!;
      values.push(seam(img, moved));
    }
  }
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** A wobbly disc (3- and 5-fold), 255 inside: masks that look hand-drawn. */
export function blobMask(w: number, h: number, cx: number, cy: number, r: number): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const a = Math.atan2(y - cy, x - cx),
        rr = r * (1 + 0.15 * Math.sin(3 * a) + 0.08 * Math.cos(5 * a));
      if ((x - cx) ** 2 + (y - cy) ** 2 <= rr * rr) m[y * w + x] = 255;
    }
  }
  return m;
}
