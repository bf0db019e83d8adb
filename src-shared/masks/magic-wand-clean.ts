// Runs in: every process (pure). The magic wand's clean-up after the fill. Noise leaves two kinds of
// holes: pinholes (a few pixels, any colour) and pockets where the colour sits just past the tolerance
// (the ragged iso-line of a noisy gradient). Pinholes under a size that scales with the image's area (so a
// preview and the full image agree) are filled; bigger holes are filled only when every pixel in them is
// near the reference colour — a distinct object enclosed by the region (a bird in the sky) stays out.
// In anywhere-mode noise specks are dropped the same way. A flat shape's extent never changes.
import { fillHoles, removeIslands } from './components';
import { type WandImage, dist2 as dist2Import } from './magic-wand-colour';
import { type Mask, bbox, createMask } from './mask';

const dist2 = dist2Import; // a local: imported bindings can be getters, too slow per pixel

/** Pinholes and specks under this fraction of the image (at least the minimum) count as noise. */
const NOISE_AREA = 4e-6,
  PINHOLE_MIN = 8,
  SPECK_MIN = 4;

/** Fills the holes of `m` (a crop at x0, y0 of the image) whose pixels all lie within near2 of ref. */
function fillNearHoles(m: Mask, img: WandImage, x0: number, y0: number, ref: readonly number[], near2: number): Mask {
  const { width: w, height: h } = m,
    all = fillHoles(m),
    d = img.data,
    ch = img.channels;
  let holes = 0;
  for (let p = 0; p < w * h; p++) if (all.data[p] !== m.data[p]) holes++;
  if (holes === 0) return m;
  const open = new Uint8Array(w * h),
    queue = new Int32Array(holes); // open: hole pixels that stay holes
  let tail = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0, p = y * w, k = ((y0 + y) * img.width + x0) * ch; x < w; x++, p++, k += ch) {
      if (m.data[p] || !all.data[p]) continue;
      const transparent = ch === 4 && d[k + 3] === 0; // never near a visible reference colour
      if (transparent || dist2(d[k]!, d[k + 1]!, d[k + 2]!, ref[0]!, ref[1]!, ref[2]!) > near2) {
        open[p] = 1;
        queue[tail++] = p;
      }
    }
  }
  for (let head = 0; head < tail; head++) {
    // spread "open" through each hole that holds a distinct pixel
    const p = queue[head]!,
      x = p % w;
    for (const q of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, p - w, p + w]) {
      if (q >= 0 && q < w * h && !open[q] && all.data[q] && !m.data[q]) {
        open[q] = 1;
        queue[tail++] = q;
      }
    }
  }
  for (let p = 0; p < w * h; p++) if (open[p]) all.data[p] = 0; // fillHoles made every hole 255
  return all;
}

/** Cleans `mask` in place inside the selection's box: outside it nothing can change. */
export function cleanUp(mask: Mask, img: WandImage, ref: readonly number[], near2: number, specks: boolean): Mask {
  const box = bbox(mask);
  if (!box) return mask;
  const limit = Math.max(PINHOLE_MIN, Math.round(mask.width * mask.height * NOISE_AREA));
  const crop = createMask(box.width, box.height);
  for (let y = 0; y < box.height; y++) {
    const from = (box.y + y) * mask.width + box.x;
    crop.data.set(mask.data.subarray(from, from + box.width), y * box.width);
  }
  let clean = fillNearHoles(fillHoles(crop, limit), img, box.x, box.y, ref, near2);
  if (specks) clean = removeIslands(clean, Math.max(SPECK_MIN, limit >> 1));
  for (let y = 0; y < box.height; y++) {
    mask.data.set(clean.data.subarray(y * box.width, (y + 1) * box.width), (box.y + y) * mask.width + box.x);
  }
  return mask;
}

/** Soft edge without changing what is selected: 255·(1+f)/2 inside, 255·f/2 outside, f = 3×3 share. */
export function antiAliased(mask: Mask): Mask {
  const { width: w, height: h, data } = mask,
    out = createMask(w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let on = 0,
        all = 0;
      for (let j = Math.max(0, y - 1); j <= Math.min(h - 1, y + 1); j++) {
        for (let i = Math.max(0, x - 1); i <= Math.min(w - 1, x + 1); i++) {
          all++;
          if (data[j * w + i]) on++;
        }
      }
      const f = on / all;
      out.data[y * w + x] = Math.round(data[y * w + x] ? 127.5 * (1 + f) : 127.5 * f);
    }
  }
  return out;
}
