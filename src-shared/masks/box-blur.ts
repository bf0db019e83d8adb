// Runs in: every process (pure). The blur behind feather and smooth: three box passes per axis.
// Three box blurs approximate a Gaussian (central limit); each is a running sum, linear whatever the
// radius. The box radii add up to the requested radius, so the support is exactly ±radius.
// Masks are mostly flat, and a box pass only changes pixels near a change of value, so both axes skip
// flat stretches: rows blur only the spans within the radius of a transition, and columns update a
// running sum only where the row entering the window differs from the one leaving it (compared four
// pixels at a time), copying the previous output row everywhere else. Image borders replicate.
import { type Mask, bbox, cloneMask, createMask } from './mask';

/** Splits radius into three box radii (largest last) that sum to it. */
export function boxRadii(radius: number): [number, number, number] {
  if (!(radius >= 0) || radius === Infinity) throw new RangeError(`blur radius must be finite and >= 0, got ${radius}`);
  const r = Math.round(radius);
  const a = Math.floor(r / 3),
    b = Math.floor((r + 1) / 3);
  return [a, b, r - a - b];
}

/** One box pass (radius r) along src[0..n), edges replicated. Split so the middle needs no clamping. */
function boxLine(src: Float64Array, dst: Float64Array, n: number, r: number): void {
  const inv = 1 / (2 * r + 1),
    last = n - 1;
  let sum = src[0]! * (r + 1);
  for (let i = 1; i <= r; i++) sum += src[Math.min(i, last)]!;
  const midStart = Math.min(r, n),
    midEnd = Math.max(midStart, n - r - 1);
  let x = 0;
  for (; x < midStart; x++) {
    dst[x] = sum * inv;
    sum += src[Math.min(x + r + 1, last)]! - src[0]!;
  }
  for (; x < midEnd; x++) {
    dst[x] = sum * inv;
    sum += src[x + r + 1]! - src[x - r]!;
  }
  for (; x < n; x++) {
    dst[x] = sum * inv;
    sum += src[last]! - src[Math.max(x - r, 0)]!;
  }
}

/**
 * All horizontal passes, in place. Only outputs within R of a transition can change; each merged span
 * is blurred from a window R wider on each side. Beyond a span the input is flat for R pixels, so the
 * replicated window edges give exactly what the full row would.
 */
function blurRows(img: Uint8Array, stride: number, w: number, h: number, radii: readonly number[]): void {
  const R = radii[0]! + radii[1]! + radii[2]!;
  const row = new Uint8Array(w); // the input row: spans write into img while later spans still read
  let p = new Float64Array(w),
    q = new Float64Array(w);
  const flush = (base: number, lo: number, hi: number) => {
    lo = Math.max(0, lo);
    hi = Math.min(w - 1, hi);
    const ws = Math.max(0, lo - R),
      n = Math.min(w - 1, hi + R) - ws + 1;
    for (let i = 0; i < n; i++) p[i] = row[ws + i]!;
    for (const k of radii)
      if (k > 0) {
        boxLine(p, q, n, k);
        [p, q] = [q, p];
      }
    for (let x = lo; x <= hi; x++) img[base + x] = (p[x - ws]! + 0.5) | 0;
  };
  for (let y = 0; y < h; y++) {
    const base = y * stride;
    row.set(img.subarray(base, base + w));
    let lo = 0,
      hi = -Infinity;
    for (let x = 1; x < w; x++) {
      if (row[x] === row[x - 1]) continue;
      if (x - R > hi + 1) {
        if (hi >= 0) flush(base, lo, hi);
        lo = x - R;
      } // outputs x−R .. x+R−1 see it
      hi = x + R - 1;
    }
    if (hi >= 0) flush(base, lo, hi);
  }
}

/** One vertical pass src → dst: running column sums advanced a row at a time (cache friendly). */
function blurColumns(
  src: Uint8Array,
  dst: Uint8Array,
  stride: number,
  w: number,
  h: number,
  r: number,
  acc: Int32Array,
  changed: Int32Array,
): void {
  const inv = 1 / (2 * r + 1),
    last = h - 1,
    words = stride >> 2;
  const src32 = new Int32Array(src.buffer, src.byteOffset, words * h); // signed: loads stay small ints
  acc.fill(0);
  for (let k = -r; k <= r; k++) {
    const row = Math.min(Math.max(k, 0), last) * stride;
    for (let x = 0; x < w; x++) acc[x]! += src[row + x]!;
  }
  for (let x = 0; x < w; x++) dst[x] = (acc[x]! * inv + 0.5) | 0;
  for (let y = 0; y < last; y++) {
    const add = Math.min(y + r + 1, last) * stride,
      sub = Math.max(y - r, 0) * stride;
    let n = 0;
    for (let i = add >> 2, j = sub >> 2, end = i + words; i < end; i++, j++) {
      if (src32[i] === src32[j]) continue; // four equal pixels: these sums do not move
      for (let x = (i << 2) - add, stop = Math.min(x + 4, w); x < stop; x++) {
        const d = src[add + x]! - src[sub + x]!;
        if (d !== 0) {
          acc[x]! += d;
          changed[n++] = x;
        }
      }
    }
    const out = (y + 1) * stride;
    dst.copyWithin(out, out - stride, out);
    for (let k = 0; k < n; k++) {
      const x = changed[k]!;
      dst[out + x] = (acc[x]! * inv + 0.5) | 0;
    }
  }
}

/** Gaussian-like blur (σ ≈ radius / 3) of the mask into a new mask. Outside box + radius stays 0. */
export function boxBlur(mask: Mask, radius: number): Mask {
  const radii = boxRadii(radius);
  const box = bbox(mask);
  if (!box || radii[2] === 0) return cloneMask(mask);
  const { width: W, height: H } = mask;
  const R = radii[0] + radii[1] + radii[2];
  const x0 = Math.max(0, box.x - R),
    y0 = Math.max(0, box.y - R);
  const w = Math.min(W, box.x + box.width + R) - x0,
    h = Math.min(H, box.y + box.height + R) - y0;
  // Rows padded to whole 32-bit words (pads stay 0). Zeros beyond the crop equal replicated crop
  // edges: before each pass the values reach less than R from the box, so its edges are still 0.
  const stride = (w + 3) & ~3;
  let a = new Uint8Array(stride * h),
    b = new Uint8Array(stride * h);
  for (let y = 0; y < h; y++) a.set(mask.data.subarray((y0 + y) * W + x0, (y0 + y) * W + x0 + w), y * stride);
  blurRows(a, stride, w, h, radii);
  const acc = new Int32Array(w),
    changed = new Int32Array(w);
  for (const k of radii)
    if (k > 0) {
      blurColumns(a, b, stride, w, h, k, acc, changed);
      [a, b] = [b, a];
    }
  const out = createMask(W, H);
  for (let y = 0; y < h; y++) out.data.set(a.subarray(y * stride, y * stride + w), (y0 + y) * W + x0);
  return out;
}
