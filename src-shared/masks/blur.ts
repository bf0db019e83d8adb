// Runs in: every process (pure). Soft edges: feather (Gaussian-like blur) and smooth (blur + threshold).
// Three box blurs approximate a Gaussian (central limit), each pass a running sum, so the cost is linear
// whatever the radius. The three box radii add up to the feather radius, so the blur's support is
// exactly ±radius: an edge becomes a monotone ramp 2·radius wide centred on the original edge
// (σ ≈ radius / 3). Image borders replicate the edge pixel, so a selection touching the border stays
// solid there. Only the selection's bounding box plus the radius is touched: outside it stays 0.
import { type Mask, SELECTED, bbox, cloneMask, createMask } from './mask';

/** Splits radius into three box radii (largest last) that sum to it. */
function boxRadii(radius: number): [number, number, number] {
  const r = Math.round(radius);
  const a = Math.floor(r / 3), b = Math.floor((r + 1) / 3);
  return [a, b, r - a - b];
}

/** One box pass (radius r) along a row, edges replicated. Split so the middle needs no clamping. */
function boxRow(src: Float64Array, dst: Float64Array, n: number, r: number): void {
  const inv = 1 / (2 * r + 1), last = n - 1;
  let sum = src[0]! * (r + 1);
  for (let i = 1; i <= r; i++) sum += src[Math.min(i, last)]!;
  const midStart = Math.min(r, n), midEnd = Math.max(midStart, n - r - 1);
  let x = 0;
  for (; x < midStart; x++) { dst[x] = sum * inv; sum += src[Math.min(x + r + 1, last)]! - src[0]!; }
  for (; x < midEnd; x++) { dst[x] = sum * inv; sum += src[x + r + 1]! - src[x - r]!; }
  for (; x < n; x++) { dst[x] = sum * inv; sum += src[last]! - src[Math.max(x - r, 0)]!; }
}

/** All horizontal passes, one row at a time in float row buffers (in cache, rounded once). */
function blurRows(img: Uint8Array, w: number, h: number, radii: readonly number[]): void {
  let p = new Float64Array(w), q = new Float64Array(w);
  for (let row = 0; row < w * h; row += w) {
    for (let x = 0; x < w; x++) p[x] = img[row + x]!;
    for (const k of radii) if (k > 0) { boxRow(p, q, w, k); [p, q] = [q, p]; }
    for (let x = 0; x < w; x++) img[row + x] = (p[x]! + 0.5) | 0;
  }
}

/** One vertical box pass: a running sum per column, advanced a whole row at a time (cache friendly). */
function boxColumns(src: Uint8Array, dst: Uint8Array, w: number, h: number, r: number, acc: Float64Array): void {
  const inv = 1 / (2 * r + 1), last = h - 1;
  acc.fill(0);
  for (let k = -r; k <= r; k++) {
    const row = Math.min(Math.max(k, 0), last) * w;
    for (let x = 0; x < w; x++) acc[x]! += src[row + x]!;
  }
  for (let y = 0; y < h; y++) {
    const out = y * w, add = Math.min(y + r + 1, last) * w, sub = Math.max(y - r, 0) * w;
    for (let x = 0; x < w; x++) {
      dst[out + x] = (acc[x]! * inv + 0.5) | 0;
      acc[x]! += src[add + x]! - src[sub + x]!;
    }
  }
}

/** Gaussian-like blur of the mask; returns a new mask. */
function blur(mask: Mask, radius: number): Mask {
  const radii = boxRadii(radius);
  const box = bbox(mask);
  if (!box || radii[2] === 0) return cloneMask(mask);
  const { width: W, height: H } = mask;
  const r = radii[0] + radii[1] + radii[2];
  const x0 = Math.max(0, box.x - r), y0 = Math.max(0, box.y - r);
  const w = Math.min(W, box.x + box.width + r) - x0, h = Math.min(H, box.y + box.height + r) - y0;
  let a = new Uint8Array(w * h), b = new Uint8Array(w * h); // vertical passes ping-pong
  for (let y = 0; y < h; y++) a.set(mask.data.subarray((y0 + y) * W + x0, (y0 + y) * W + x0 + w), y * w);
  // Zeros beyond the crop equal replicated crop edges, since each pass's reach stays inside the margin.
  blurRows(a, w, h, radii);
  const acc = new Float64Array(w);
  for (const k of radii) if (k > 0) { boxColumns(a, b, w, h, k, acc); [a, b] = [b, a]; }
  const out = createMask(W, H);
  for (let y = 0; y < h; y++) out.data.set(a.subarray(y * w, y * w + w), (y0 + y) * W + x0);
  return out;
}

/** Soft edge: every edge becomes a ramp from 0 to 255 that is 2·radius pixels wide. */
export function feather(mask: Mask, radius: number): Mask {
  return blur(mask, radius);
}

/** Rounds jagged edges and removes specks and pinholes smaller than about the radius; hard result. */
export function smooth(mask: Mask, radius: number): Mask {
  const out = blur(mask, radius);
  const d = out.data, t = SELECTED; // a local: imported bindings are getters in some module loaders
  for (let i = 0; i < d.length; i++) d[i] = d[i]! >= t ? 255 : 0;
  return out;
}
