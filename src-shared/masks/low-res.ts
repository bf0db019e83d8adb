// Runs in: every process (pure): the engine at full resolution, the renderer for previews. Low-res 256×256 logits →
// a binary mask at any size, the way the graphs do it: SAM 1's mask_postprocessing (bilinear 256→1024,
// crop to the pre-pad size, bilinear to (H,W); half-pixel, no antialias, ORT's edge clamping), SAM 2's
// direct bilinear 256→(H,W). Bilinear is separable, so both become per-axis weight lists.
import { FRAME, LOW_RES, axisTaps, sameTaps, window } from './low-res-taps';
import { cellSigns, horizontalRun, runsOf, tapRowSigns, verticalRun } from './low-res-tiles';

export { FRAME, LOW_RES };

const SIDE: number = LOW_RES;

/**
 * Where the low-res logits sit on the image. SAM 1 ("sam1-crop"): the image fills the top-left
 * `crop` of the 1024 frame (long side 1024, the rest is padding). SAM 2 ("stretch"): the image is
 * stretched over the whole frame. Either way the image is the `sourceRect` of the 256 grid.
 */
export interface LowResPlacement {
  kind: 'sam1-crop' | 'stretch';
  /** Upright image size the mask is for. */
  width: number;
  height: number;
  /** The image's part of the 1024 frame (1024×1024 for stretch). */
  crop: { width: number; height: number };
  /** The same in low-res pixels: crop / 4. */
  sourceRect: { x: number; y: number; width: number; height: number };
}

/**
 * The binary mask (255 inside, 0 outside) of low-res `logits` placed by `p`, at outW×outH (default the
 * image size; smaller sizes give the same mask sampled more coarsely). Inside = interpolated logit > 0.
 *
 * Every weight is ≥ 0 and they sum to 1, so a pixel whose taps are all (finitely) positive is inside and
 * one with no positive tap is outside, without interpolating. Output pixels come in tiles sharing their
 * taps (a run of columns × a group of rows); whole tiles are decided from the taps' signs and only the
 * tiles on the mask's edge are interpolated, pixel by pixel, exactly as before. Work follows the edge's
 * length, not the area: a 24 MP full-size mask or a click's 1.5 MP preview alike.
 */
export function lowResToMask(logits: ArrayLike<number>, p: LowResPlacement, outW = p.width, outH = p.height): Uint8Array {
  const mask = new Uint8Array(outW * outH);
  // Only pixels with a positive cell among their taps can be inside: work on that window alone.
  const { signs, cells } = cellSigns(logits);
  if (!cells) return mask;
  // For a smaller output the crop scales with it: the chain is the same, only the last resize differs.
  const xs = axisTaps(p.kind, p.crop.width, outW);
  const ys = axisTaps(p.kind, p.crop.height, outH);
  const [xa, xb] = window(xs, outW, cells.x0, cells.x1);
  const [ya, yb] = window(ys, outH, cells.y0, cells.y1);
  const runs = runsOf(xs, xa, xb);
  const all = new Uint8Array(SIDE);
  const any = new Uint8Array(SIDE);
  const edge: number[] = [];
  // Per edge pixel of the current row group, its four tap rows' horizontal interpolations.
  const across = new Float64Array(4 * (xb - xa));
  let group = -1;
  for (let y = ya; y < yb; y++) {
    const o = y * 4;
    const line = y * outW;
    if (group >= 0 && sameTaps(ys, group, y)) {
      // Same tap rows as the row above: its decided tiles are this row's too; redo the edge tiles only.
      mask.copyWithin(line + xa, line - outW + xa, line - outW + xb);
    } else {
      group = y;
      tapRowSigns(signs, ys.idx[o]!, ys.idx[o + 1]!, ys.idx[o + 2]!, ys.idx[o + 3]!, all, any);
      edge.length = 0;
      // Neighbouring runs of one kind become one span: one fill per inside span, not one per run.
      let fillFrom = -1;
      for (let k = 0; k < runs.length; k += 6) {
        const c0 = runs[k + 2]!;
        const c1 = runs[k + 3]!;
        const c2 = runs[k + 4]!;
        const c3 = runs[k + 5]!;
        const inside = all[c0]! & all[c1]! & all[c2]! & all[c3]!;
        if (inside) {
          if (fillFrom < 0) fillFrom = runs[k]!;
          continue;
        }
        if (fillFrom >= 0) mask.fill(255, line + fillFrom, line + runs[k]!);
        fillFrom = -1;
        if (!(any[c0]! | any[c1]! | any[c2]! | any[c3]!)) continue;
        if (edge.length && edge[edge.length - 1] === runs[k]) edge[edge.length - 1] = runs[k + 1]!;
        else edge.push(runs[k]!, runs[k + 1]!);
      }
      if (fillFrom >= 0) mask.fill(255, line + fillFrom, line + xb);
      for (let k = 0; k < edge.length; k += 2) horizontalRun(logits, xs, ys, y, edge[k]!, edge[k + 1]!, across, xa);
    }
    for (let k = 0; k < edge.length; k += 2) verticalRun(ys, y, edge[k]!, edge[k + 1]!, across, xa, mask, line);
  }
  return mask;
}
