// Runs in: engine process (pure). [Note: full-resolution crop] SD sees 512-ish pixels, photos have
// millions: inpaint a crop around the mask with context, scaled to the model size (multiples of 64,
// Pitfall 12), then paste back only the blend region (blend.ts), so every other pixel stays byte-identical
// (user-needs §2.2 #5). The plan is pure so the UI can show the crop and processing size beforehand.
import type { Rect } from '../../../src-shared/masks';

export const MODEL_SIDE = 512;
/** Context on each side of the mask's box, as a share of its longer side (at least MIN_MARGIN px). */
const CONTEXT = 0.3;
const MIN_MARGIN = 16;

export interface CropPlan {
  /** The image rectangle that is inpainted. */
  crop: Rect;
  /** What the model runs at: the crop scaled so its longer side is `side`, both multiples of 64. */
  processing: { width: number; height: number };
}

/** Crop rectangle and processing size for a mask box on a width × height image. */
export function planCrop(box: Rect, width: number, height: number, side = MODEL_SIDE): CropPlan {
  const long = Math.max(box.width, box.height);
  const margin = Math.max(MIN_MARGIN, Math.round(CONTEXT * long));
  // Square-ish: the shorter side grows to the longer (SD composes best near 1:1), and a small mask still
  // gets at least half a model side of context when the image has it.
  const want = Math.max(long + 2 * margin, Math.round(side / 2));
  const cw = Math.min(width, Math.max(box.width + 2 * margin, want));
  const ch = Math.min(height, Math.max(box.height + 2 * margin, want));
  const x = clamp(Math.round(box.x + box.width / 2 - cw / 2), 0, width - cw);
  const y = clamp(Math.round(box.y + box.height / 2 - ch / 2), 0, height - ch);
  return { crop: { x, y, width: cw, height: ch }, processing: processingSize(cw, ch, side) };
}

/** The size a w × h region runs at: longer side `side`, aspect kept to the nearest multiple of 64. */
export function processingSize(w: number, h: number, side = MODEL_SIDE): { width: number; height: number } {
  const k = side / Math.max(w, h);
  const snap = (v: number) => Math.max(64, Math.round((v * k) / 64) * 64);
  return { width: snap(w), height: snap(h) };
}

/** Interleaved RGB of a rectangle of 3- or 4-channel pixels (alpha dropped). */
export function cropRgb(data: Uint8Array, width: number, channels: number, r: Rect): Uint8Array {
  const out = new Uint8Array(r.width * r.height * 3);
  for (let y = 0; y < r.height; y++) {
    const src = ((r.y + y) * width + r.x) * channels;
    for (let x = 0; x < r.width; x++) {
      const [s, d] = [src + x * channels, (y * r.width + x) * 3];
      out[d] = data[s]!;
      out[d + 1] = data[s + 1]!;
      out[d + 2] = data[s + 2]!;
    }
  }
  return out;
}

/** A rectangle of an 8-bit mask. */
export function cropMask(data: Uint8Array, width: number, r: Rect): Uint8Array {
  const out = new Uint8Array(r.width * r.height);
  for (let y = 0; y < r.height; y++) out.set(data.subarray((r.y + y) * width + r.x, (r.y + y) * width + r.x + r.width), y * r.width);
  return out;
}

/** Nearest-neighbour resample of an 8-bit mask (pixel centres), so it stays hard where it was hard. */
export function resampleMask(mask: Uint8Array, w: number, h: number, tw: number, th: number): Uint8Array {
  const out = new Uint8Array(tw * th);
  for (let y = 0; y < th; y++) {
    const sy = Math.min(h - 1, Math.floor(((y + 0.5) * h) / th));
    for (let x = 0; x < tw; x++) out[y * tw + x] = mask[sy * w + Math.min(w - 1, Math.floor(((x + 0.5) * w) / tw))]!;
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
