// Runs in: CLI and tests (Node). Graph fragment: the bounding box of each stand-in colour in an image.
// [Note: stand-in GDINO boxes] For each colour k of colours.ts, a pixel matches when its distance to the
// colour's ImageNet-normalised value is < 1.1 (≈ 0.25 on the 0..1 scale, ≈ 63/255). Without ImageNet
// normalisation no pixel is near any colour, and BGR input swaps red and blue, so a pipeline with either
// mistake finds no box or the wrong one. Pixels where pixel_mask is 0 never match. The box is
// (cx, cy, w, h) of the matching pixels, normalised by the unpadded size (rows/columns with a valid pixel).
import type { GraphBuilder } from '../graph-builder';
import { COLOURS, IMAGENET_MEAN, IMAGENET_STD } from '../tokenizers/colours';

const K = COLOURS.length;
const MATCH_RADIUS_SQ = 1.1 * 1.1;
const FLOAT = 1;

/** Normalised value of each colour, [K][3]. */
export function normalisedColours(): number[][] {
  return COLOURS.map((c) => c.rgb.map((v, ch) => (v / 255 - IMAGENET_MEAN[ch]!) / IMAGENET_STD[ch]!));
}

export interface ColourBoxes {
  /** [B,K,4] cx,cy,w,h in 0..1 (garbage where not found). */
  boxes: string;
  /** [B,K] 1 when any pixel matched colour k. */
  found: string;
}

/**
 * pixels: [B,3,H,W] f32. validMask: [B,H,W] f32 1/0, or null when every pixel is real.
 */
export function colourBoxes(g: GraphBuilder, pixels: string, validMask: string | null): ColourBoxes {
  const cols = normalisedColours();
  // |x − c|² = |x|² − 2x·c + |c|², with the cross term as a 1×1 convolution (cheap at 800×1333).
  const weight = g.constant({ dtype: 'float32', dims: [K, 3, 1, 1], values: cols.flatMap((c) => c.map((v) => -2 * v)) });
  const bias = g.f32(cols.map((c) => c.reduce((s, v) => s + v * v, 0)));
  const cross = g.op('Conv', [pixels, weight, bias]);
  const sq = g.op('ReduceSum', [g.op('Mul', [pixels, pixels]), g.i64([1])], { keepdims: 1 });
  let dist = g.op('Add', [cross, sq]);
  if (validMask) {
    // Padding: push the distance out of range instead of a second multiply over [B,K,H,W].
    const pad = g.op('Mul', [g.op('Sub', [g.f32(1), g.op('Unsqueeze', [validMask, g.i64([1])])]), g.f32(1e6)]);
    dist = g.op('Add', [dist, pad]);
  }
  const match = g.op('Cast', [g.op('Less', [dist, g.f32(MATCH_RADIUS_SQ)])], { to: FLOAT }); // [B,K,H,W]
  const rows = g.op('ReduceMax', [match], { axes: [3], keepdims: 0 }); // [B,K,H]
  const colsPresent = g.op('ReduceMax', [match], { axes: [2], keepdims: 0 }); // [B,K,W]
  const found = g.op('ReduceMax', [rows], { axes: [2], keepdims: 0 });
  const shape = g.op('Shape', [pixels]);
  const [y0, y1] = extent(g, rows, dimAsFloat(g, shape, 2));
  const [x0, x1] = extent(g, colsPresent, dimAsFloat(g, shape, 3));
  let validH: string;
  let validW: string;
  if (validMask) {
    const count = (axis: number) =>
      g.op('ReduceSum', [g.op('ReduceMax', [validMask], { axes: [axis], keepdims: 0 }), g.i64([1])], { keepdims: 1 });
    validH = count(2); // rows holding a real pixel, [B,1]
    validW = count(1);
  } else {
    validH = dimAsFloat(g, shape, 2);
    validW = dimAsFloat(g, shape, 3);
  }
  const half = (a: string, b: string, size: string) => g.op('Div', [g.op('Mul', [g.op('Add', [a, b]), g.f32(0.5)]), size]);
  const span = (a: string, b: string, size: string) => g.op('Div', [g.op('Sub', [b, a]), size]);
  const parts = [half(x0, x1, validW), half(y0, y1, validH), span(x0, x1, validW), span(y0, y1, validH)];
  const boxes = g.op(
    'Concat',
    parts.map((p) => g.op('Unsqueeze', [p, g.i64([2])])),
    { axis: 2 },
  );
  return { boxes, found };
}

function dimAsFloat(g: GraphBuilder, shape: string, axis: number): string {
  return g.op('Cast', [g.op('Gather', [shape, g.i64(axis)])], { to: FLOAT });
}

/** First and one-past-last index where `present` [B,K,N] is 1, as [B,K] floats. */
function extent(g: GraphBuilder, present: string, size: string): [string, string] {
  const idx = g.op('Range', [g.f32(0), size, g.f32(1)]);
  const absent = g.op('Mul', [g.op('Sub', [g.f32(1), present]), g.f32(1e9)]);
  const first = g.op('ReduceMin', [g.op('Add', [idx, absent])], { axes: [2], keepdims: 0 });
  const last = g.op('ReduceMax', [g.op('Mul', [present, g.op('Add', [idx, g.f32(1)])])], { axes: [2], keepdims: 0 });
  return [first, last];
}
