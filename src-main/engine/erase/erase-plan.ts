// Runs in: engine process (pure). Where a learned eraser looks: the pixels it repaints (the mask grown by
// the paste-back feather, as content-aware fill does), split into 8-connected blobs, each given a square
// crop with context (MI-GAN's own rule: the blob's box padded by 128 px, at least 512 px, shifted inside
// the image), and crops that would overlap merged, so distant objects get one small crop each.
import { featherRadius } from '../fill/patch';
import { cropMask, growRect, type CheckedMask } from '../fill/region';
import type { Rect } from '../fill/types';

export const CONTEXT_PADDING = 128;
export const MIN_CROP = 512;

/** The square crop (clamped, shifted to stay inside the w × h image) around a box. */
export function cropAround(box: Rect, w: number, h: number): Rect {
  const side = Math.max(box.width, box.height) + 2 * CONTEXT_PADDING;
  const size = Math.max(side, MIN_CROP);
  const cw = Math.min(size, w),
    ch = Math.min(size, h);
  const cx = box.x + box.width / 2,
    cy = box.y + box.height / 2;
  const x = Math.min(Math.max(0, Math.round(cx - cw / 2)), w - cw);
  const y = Math.min(Math.max(0, Math.round(cy - ch / 2)), h - ch);
  return { x, y, width: cw, height: ch };
}

/** Bounding boxes of the 8-connected blobs of `fill` (1 = repaint) over a w × h grid. */
export function blobBoxes(fill: Uint8Array, w: number, h: number): Rect[] {
  const seen = new Uint8Array(fill.length),
    stack = new Int32Array(fill.length),
    boxes: Rect[] = [];
  for (let start = 0; start < fill.length; start++) {
    if (!fill[start] || seen[start]) continue;
    let top = 0,
      x0 = w,
      y0 = h,
      x1 = -1,
      y1 = -1;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const i = stack[--top]!,
        x = i % w,
        y = (i - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx,
            j = ny * w + nx;
          if (nx < 0 || nx >= w || !fill[j] || seen[j]) continue;
          seen[j] = 1;
          stack[top++] = j;
        }
      }
    }
    boxes.push({ x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 });
  }
  return boxes;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const union = (a: Rect, b: Rect): Rect => {
  const x = Math.min(a.x, b.x),
    y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
};

/** One crop per group of blobs whose crops would overlap (boxes merged until no two crops touch). */
export function planCrops(boxes: readonly Rect[], w: number, h: number): Rect[] {
  let groups = boxes.map((box) => ({ box, crop: cropAround(box, w, h) }));
  for (let merged = true; merged;) {
    merged = false;
    outer: for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        if (!overlaps(groups[i]!.crop, groups[j]!.crop)) continue;
        const box = union(groups[i]!.box, groups[j]!.box);
        groups = [...groups.filter((_, k) => k !== i && k !== j), { box, crop: cropAround(box, w, h) }];
        merged = true;
        break outer;
      }
    }
  }
  return groups.map((g) => g.crop).sort((a, b) => a.y - b.y || a.x - b.x);
}

/** What an eraser repaints and where it looks: the feather, the repainted box and one crop per distant blob. */
export interface ErasePlan {
  feather: number;
  grown: Rect;
  crops: Rect[];
}

/** The plan for a checked mask on a w × h image (eraseFill runs it; erase.plan shows its crops first). */
export function planErase({ hole, area, bbox }: CheckedMask, w: number, h: number): ErasePlan {
  const feather = featherRadius(area);
  const grown = growRect(bbox, feather, w, h);
  // Blobs of the hole, each box grown by the ramp it repaints too; blobs closer than a crop share one.
  const blobs = blobBoxes(cropMask(hole, w, grown), grown.width, grown.height);
  const crops = planCrops(
    blobs.map((b) => growRect({ ...b, x: b.x + grown.x, y: b.y + grown.y }, feather, w, h)),
    w,
    h,
  );
  return { feather, grown, crops };
}
