// Runs in: vitest (node). Shape drawing and plain reference implementations for the mask tests.
// The references are deliberately naive (pixel BFS, brute-force distances) so they check the fast code.
import { type Mask, createMask } from '../../../src-shared/masks';

export function disc(mask: Mask, cx: number, cy: number, r: number, value = 255): Mask {
  for (let y = Math.max(0, Math.floor(cy - r - 1)); y <= Math.min(mask.height - 1, cy + r + 1); y++) {
    for (let x = Math.max(0, Math.floor(cx - r - 1)); x <= Math.min(mask.width - 1, cx + r + 1); x++) {
      if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) mask.data[y * mask.width + x] = value;
    }
  }
  return mask;
}

export function rect(mask: Mask, x0: number, y0: number, w: number, h: number, value = 255): Mask {
  for (let y = Math.max(0, y0); y < Math.min(mask.height, y0 + h); y++) {
    mask.data.fill(value, y * mask.width + Math.max(0, x0), y * mask.width + Math.min(mask.width, x0 + w));
  }
  return mask;
}

/** Deterministic pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function noise(width: number, height: number, density: number, seed: number): Mask {
  const m = createMask(width, height);
  const r = rng(seed);
  for (let i = 0; i < m.data.length; i++) m.data[i] = r() < density ? 255 : 0;
  return m;
}

export const on = (m: Mask, x: number, y: number): boolean => m.data[y * m.width + x]! >= 128;

export function iou(a: Mask, b: Mask): number {
  let inter = 0,
    uni = 0;
  for (let i = 0; i < a.data.length; i++) {
    const p = a.data[i]! >= 128,
      q = b.data[i]! >= 128;
    if (p && q) inter++;
    if (p || q) uni++;
  }
  return uni === 0 ? 1 : inter / uni;
}

/** Labels of pixels whose selected state equals `selected` (-1 elsewhere), by breadth-first search. */
export function labels(m: Mask, selected: boolean, diagonal: boolean): { label: Int32Array; sizes: number[]; border: boolean[] } {
  const { width: w, height: h } = m;
  const label = new Int32Array(w * h).fill(-1);
  const sizes: number[] = [],
    border: boolean[] = [];
  const queue = new Int32Array(w * h);
  for (let s = 0; s < w * h; s++) {
    if (label[s] !== -1 || m.data[s]! >= 128 !== selected) continue;
    const id = sizes.length;
    let head = 0,
      tail = 0,
      size = 0,
      touches = false;
    queue[tail++] = s;
    label[s] = id;
    while (head < tail) {
      const p = queue[head++]!,
        x = p % w,
        y = (p - x) / w;
      size++;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) touches = true;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (!diagonal && dx !== 0 && dy !== 0)) continue;
          const nx = x + dx,
            ny = y + dy,
            q = ny * w + nx;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h || label[q] !== -1 || m.data[q]! >= 128 !== selected) continue;
          label[q] = id;
          queue[tail++] = q;
        }
    }
    sizes.push(size);
    border.push(touches);
  }
  return { label, sizes, border };
}
