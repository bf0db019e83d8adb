// Runs in: engine process and the fill worker thread (pure). The full-resolution step: every hole pixel
// copies the pixel its coarse parent's source points at (the offset doubled, plus the pixel's place inside
// its parent). One read per pixel instead of a field, a distance transform and a vote at the largest level,
// which was most of a fill's time; it still copies real full-resolution texture from the sources the
// coarser levels chose, as the vote with sharpen 1 did.
import type { Field } from './nnf';
import type { Plane } from './types';

export function copyFromCoarse(plane: Plane, hole: Uint8Array, coarse: Field): void {
  const { width: w, height: h, channels: C, data } = plane;
  const cw = coarse.w,
    cd = coarse.level.plane.data,
    cC = coarse.level.plane.channels;
  for (let y = 0; y < h; y++) {
    const cy = Math.min(coarse.h - 1, y >> 1);
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (!hole[i]) continue;
      const cx = Math.min(cw - 1, x >> 1),
        c = cy * cw + cx,
        s = coarse.nnf[c]!;
      if (s >= 0) {
        const sx0 = s % cw,
          sy0 = (s - sx0) / cw;
        const sx = 2 * sx0 + (x - 2 * cx),
          sy = 2 * sy0 + (y - 2 * cy),
          j = sy * w + sx;
        if (sx >= 0 && sy >= 0 && sx < w && sy < h && !hole[j]) {
          for (let k = 0; k < C; k++) data[i * C + k] = data[j * C + k]!;
          continue;
        }
      }
      // No source (a parent outside the field, at the crop's edge): the coarse estimate's colour.
      for (let k = 0; k < C; k++) data[i * C + k] = cd[c * cC + k]!;
    }
  }
}
