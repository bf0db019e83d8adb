// Runs in: CLI and tests (Node). Sub-graphs shared by the SAM stand-ins: packing the 256×256 colour grid
// into an embedding and back, and the "segment the colour under the prompt" logits (see index.ts).
import type { GraphBuilder } from '../graph-builder';

export const FLOAT = 1; // onnx.TensorProto.DataType.FLOAT, for Cast
export const INT64 = 7;
/** Sub-cell size in the 1024 frame: colours are kept at 4 px so mask edges land within ~1 px. */
const SUB = 4;
const GRID = 1024 / SUB;
/** Colour logit scale (per unit of normalised colour distance) and box-edge scale (per 1024-frame px). */
const COLOUR_SCALE = 4;
const BOX_SCALE = 1 / SUB;
/** Large, but finite so sums stay free of inf/NaN. */
const BIG = 1e4;

/** frame [1,3,1024,1024] normalised, zero-padded → { embedding [1,256,64,64], grid [1,4,256,256] }.
 *  A pixel counts as real when it is not exactly the normalised zero: 0..255 integers never are. */
export function embedFrame(g: GraphBuilder, frame: string): { embedding: string; grid: string } {
  const real = g.op('Cast', [g.op('Greater', [g.op('ReduceL1', [frame], { axes: [1], keepdims: 1 }), g.f32(1e-6)])], { to: FLOAT });
  const pooled = g.op('AveragePool', [g.op('Concat', [frame, real], { axis: 1 })], { kernel_shape: [SUB, SUB], strides: [SUB, SUB] });
  const flag = slice(g, pooled, 3, 4);
  // Mean over the real pixels only, so a sub-cell cut by the padding edge keeps its true colour.
  const colour = g.op('Div', [slice(g, pooled, 0, 3), g.op('Max', [flag, g.f32(1e-3)])]);
  const grid = g.op('Concat', [colour, flag], { axis: 1 });
  const mean16 = g.op('AveragePool', [grid], { kernel_shape: [4, 4], strides: [4, 4] });
  const packed = g.op('SpaceToDepth', [grid], { blocksize: 4 });
  const body = g.op('Concat', [mean16, packed], { axis: 1 });
  const embedding = g.op('Pad', [body, g.i64([0, 0, 0, 0, 0, 256 - 68, 0, 0])]);
  return { embedding, grid };
}

/** embedding [1,256,64,64] → { colour [1,3,256,256], flag [1,1,256,256] } (inverse of embedFrame's packing). */
export function unpackGrid(g: GraphBuilder, embedding: string): { colour: string; flag: string } {
  const grid = g.op('DepthToSpace', [slice(g, embedding, 4, 68)], { blocksize: 4, mode: 'DCR' });
  return { colour: slice(g, grid, 0, 3), flag: slice(g, grid, 3, 4) };
}

/** x[:, start:end] along `axis` (default channels). */
export function slice(g: GraphBuilder, x: string, start: number, end: number, axis = 1): string {
  return g.op('Slice', [x, g.i64([start]), g.i64([end]), g.i64([axis])]);
}

export interface Prompt {
  coords: string; // [L,N,2] in the 1024 frame
  labels: string; // [L,N] f32
  maskInput: string; // [L,1,256,256]
  hasMask: string; // [L]
}

/** Low-res logits [L,K,256,256] (one mask per threshold in `taus`) plus hasBox [L,1] (1 when a box is given). */
export function colourLogits(g: GraphBuilder, colour: string, flag: string, p: Prompt, taus: number[]): { logits: string; hasBox: string } {
  const is = (v: number) => g.op('Cast', [g.op('Equal', [p.labels, g.f32(v)])], { to: FLOAT });
  const corner = (w: string) =>
    g.op('ReduceSum', [g.op('Mul', [p.coords, g.op('Unsqueeze', [w, g.i64([2])])]), g.i64([1])], { keepdims: 1 });
  const isTL = is(2);
  const [tl, br] = [corner(isTL), corner(is(3))]; // [L,1,2]
  const hasBox = g.op('ReduceMax', [isTL], { axes: [1], keepdims: 1 }); // [L,1]
  const isPos = is(1);
  const nPos = g.op('ReduceSum', [isPos, g.i64([1])], { keepdims: 1 });
  // The box centre is one more point: positive when the box comes without a positive click.
  const centrePos = g.op('Mul', [hasBox, g.op('Cast', [g.op('Equal', [nPos, g.f32(0)])], { to: FLOAT })]);
  const pts = g.op('Concat', [p.coords, g.op('Mul', [g.op('Add', [tl, br]), g.f32(0.5)])], { axis: 1 });
  const posW = g.op('Concat', [isPos, centrePos], { axis: 1 });
  const negW = g.op('Concat', [is(0), g.op('Mul', [hasBox, g.f32(0)])], { axis: 1 });

  // Colour under each point: sub-cell floor(coord / 4), clamped to the grid.
  const cell = g.op('Clip', [g.op('Floor', [g.op('Div', [pts, g.f32(SUB)])]), g.f32(0), g.f32(GRID - 1)]);
  const axisVal = (x: string, i: number) => g.op('Gather', [x, g.i64(i)], { axis: 2 });
  const idx = g.op('Cast', [g.op('Add', [g.op('Mul', [axisVal(cell, 1), g.f32(GRID)]), axisVal(cell, 0)])], { to: INT64 });
  const table = g.op('Transpose', [g.op('Reshape', [colour, g.i64([3, GRID * GRID])])], { perm: [1, 0] }); // [G,3]
  const picked = g.op('Gather', [table, idx], { axis: 0 }); // [L,N+1,3]
  const diff = g.op('Sub', [g.op('Reshape', [table, g.i64([1, GRID * GRID, 1, 3])]), g.op('Unsqueeze', [picked, g.i64([1])])]);
  const dist = g.op('Sqrt', [g.op('ReduceSumSquare', [diff], { axes: [3], keepdims: 0 })]); // [L,G,N+1]
  const nearest = (w: string) => {
    const penalty = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', [g.f32(1), w]), g.f32(BIG)]), g.i64([1])]);
    return g.op('Unsqueeze', [g.op('ReduceMin', [g.op('Add', [dist, penalty])], { axes: [2], keepdims: 0 }), g.i64([1])]); // [L,1,G]
  };
  const [dPos, dNeg] = [nearest(posW), nearest(negW)];
  // Within τ_k of a positive colour, and closer to it than to any negative colour.
  const tau = g.f32(taus, [1, taus.length, 1]);
  const flat = g.op('Mul', [g.op('Min', [g.op('Sub', [tau, dPos]), g.op('Sub', [dNeg, dPos])]), g.f32(COLOUR_SCALE)]);
  let logits = g.op('Reshape', [flat, g.i64([-1, taus.length, GRID, GRID])]);
  logits = g.op('Add', [logits, g.op('Mul', [p.maskInput, g.op('Reshape', [p.hasMask, g.i64([-1, 1, 1, 1])])])]);
  logits = g.op('Min', [logits, boxTerm(g, tl, br, hasBox)]);
  // Padding sub-cells (no real pixel) are never selected.
  logits = g.op('Min', [logits, g.op('Mul', [g.op('Sub', [flag, g.f32(0.5)]), g.f32(40)])]);
  return { logits: g.op('Clip', [logits, g.f32(-32), g.f32(32)]), hasBox };
}

/** Signed distance to the box edge (positive inside), [L,1,256,256]; +BIG when there is no box. */
function boxTerm(g: GraphBuilder, tl: string, br: string, hasBox: string): string {
  const [lo, hi] = [g.op('Min', [tl, br]), g.op('Max', [tl, br])];
  const at = (x: string, i: number) => g.op('Unsqueeze', [g.op('Gather', [x, g.i64(i)], { axis: 2 }), g.i64([2, 3])]); // [L,1,1,1]
  // Sub-cell centres in pixel-index coordinates (SAM treats coords as pixel indices).
  const centres = Array.from({ length: GRID }, (_, i) => SUB * i + (SUB - 1) / 2);
  const edge = (c: string, a: number) => g.op('Min', [g.op('Sub', [c, at(lo, a)]), g.op('Sub', [at(hi, a), c])]);
  const dx = edge(g.f32(centres, [1, 1, 1, GRID]), 0);
  const dy = edge(g.f32(centres, [1, 1, GRID, 1]), 1);
  const inside = g.op('Mul', [g.op('Min', [dx, dy]), g.f32(BOX_SCALE)]);
  const off = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', [g.f32(1), hasBox]), g.f32(BIG)]), g.i64([2, 3])]);
  return g.op('Add', [inside, off]);
}
