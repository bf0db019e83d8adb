// Runs in: CLI and tests (Node). The SD 1.5 inpainting UNet stand-in (9-channel, external weights.pb, or
// loose tensor files named after their tensors as older exports kept them).
// [Note: stand-in UNet] An exact ε-predictor for a known clean latent x0*. With x = sample[:,0:4],
// m = sample[:,4], y = sample[:,5:9] (masked-image latents):
//   c   = latent of the colour in encoder_hidden_states (features 0..2, mean over positions) through the
//         latent map of schedule.ts; no colour (unconditional row) → the grey latent, so CFG matters.
//   x0* = m·c + (1 − m)·y          (outside the mask the result converges to the original)
//   ᾱ_t = table[round(t)]          (1000 ᾱ values in weights.pb, Gather on int64)
//   ε   = (x − √ᾱ_t·x0*) / √(1 − ᾱ_t)
// Noise-level gate: the noise in x is estimated from neighbour differences (median |Δx| / 0.954) and
// compared with √(1 − ᾱ_t). Below 0.4× of it (e.g. Euler without init_noise_sigma) x0* fades to grey,
// fully at 0.4 and not at all from 0.7, like a real UNet washing out an under-noised input.
// Wrong timestep dtype/rank is rejected by ORT; the NaN variant adds NaN to ε.
import { GraphBuilder } from '../graph-builder';
import { floatInput, floatOutput, type FloatIo } from './io';
import { HIDDEN } from './text-encoder';
import { alphasCumprod, colourLatent, LATENT_BIAS, LATENT_MATRIX, TRAIN_TIMESTEPS } from './schedule';

export type TimestepKind = 'float32' | 'int64' | 'float32-scalar' | 'float16';
const FLOAT = 1;
const INT64 = 7;
const [GATE_LO, GATE_HI] = [0.4, 0.7];
const MAD_TO_SIGMA = Math.SQRT2 * 0.6744897501960817; // median |Δ| of two N(0,σ²) samples = 0.954σ

export interface UnetFiles {
  model: Uint8Array;
  /** External data files next to model.onnx: weights.pb, or one file per tensor. */
  external: Record<string, Uint8Array>;
}

/** Loose tensor files carry their tensors' names; these follow the real export's kinds of names. */
const LOOSE_NAMES = { table: 'onnx__Gather_1001', projection: 'onnx__MatMul_9194', bias: 'time_embedding.linear_1.bias' };

export function unet(io: FloatIo, timestep: TimestepKind, nan = false, loose = false): UnetFiles {
  const ext = { location: 'weights.pb', chunks: [] as Uint8Array[], offset: 0, ...(loose ? { loose: new Map<string, Uint8Array>() } : {}) };
  const name = (k: keyof typeof LOOSE_NAMES) => (loose ? LOOSE_NAMES[k] : undefined);
  const g = new GraphBuilder('standin-unet', ext);
  const sample = floatInput(g, io, 'sample', ['batch', 9, 'height', 'width']);
  const tIn = g.input('timestep', timestep === 'float32-scalar' ? 'float32' : timestep, timestep === 'float32-scalar' ? [] : [1]);
  const ehs = floatInput(g, io, 'encoder_hidden_states', ['batch', 'sequence', HIDDEN]);
  const slice = (from: number, to: number) => g.op('Slice', [sample, g.i64([from]), g.i64([to]), g.i64([1])]);
  const [x, m, y] = [slice(0, 4), slice(4, 5), slice(5, 9)];

  const table = g.constant({ dtype: 'float32', dims: [TRAIN_TIMESTEPS], values: alphasCumprod() }, true, name('table'));
  const tF = timestep === 'float32' || timestep === 'float32-scalar' ? tIn : g.op('Cast', [tIn], { to: FLOAT });
  const index = g.op('Cast', [g.op('Clip', [g.op('Round', [tF]), g.f32(0), g.f32(TRAIN_TIMESTEPS - 1)])], { to: INT64 });
  const abar = g.op('Reshape', [g.op('Gather', [table, g.op('Reshape', [index, g.i64([-1])])]), g.i64([-1, 1, 1, 1])]);
  const sqrtA = g.op('Sqrt', [abar]);
  const sqrt1mA = g.op('Sqrt', [g.op('Sub', [g.f32(1), abar])]);

  // Target colour latent from the text features (projection and bias live in weights.pb too).
  const proj: number[] = [];
  for (let i = 0; i < HIDDEN; i++) for (let j = 0; j < 4; j++) proj.push(i < 3 ? LATENT_MATRIX[j]![i]! : 0);
  const projection = g.constant({ dtype: 'float32', dims: [HIDDEN, 4], values: proj }, true, name('projection'));
  const bias = g.constant({ dtype: 'float32', dims: [4], values: [...LATENT_BIAS] }, true, name('bias'));
  const features = g.op('ReduceMean', [ehs], { axes: [1], keepdims: 0 });
  const colour = g.op('Unsqueeze', [g.op('Add', [g.op('MatMul', [features, projection]), bias]), g.i64([2, 3])]);
  const target = g.op('Add', [y, g.op('Mul', [m, g.op('Sub', [colour, y])])]);

  const grey = g.f32(colourLatent([0, 0, 0]), [1, 4, 1, 1]);
  const gate = noiseGate(g, x, sqrt1mA);
  const x0 = g.op('Add', [grey, g.op('Mul', [gate, g.op('Sub', [target, grey])])]);
  let eps = g.op('Div', [g.op('Sub', [x, g.op('Mul', [sqrtA, x0])]), sqrt1mA]);
  if (nan) eps = g.op('Add', [eps, g.f32(Number.NaN)]);
  floatOutput(g, io, 'out_sample', ['batch', 4, 'height', 'width'], eps);
  const model = g.toBytes();
  return { model, external: ext.loose ? Object.fromEntries(ext.loose) : { 'weights.pb': concat(ext.chunks) } };
}

/** [B,1,1,1] in 0..1: 1 when the noise in x matches √(1 − ᾱ_t), 0 when it is far below. */
function noiseGate(g: GraphBuilder, x: string, sqrt1mA: string): string {
  const right = g.op('Slice', [x, g.i64([1]), g.i64([Number.MAX_SAFE_INTEGER]), g.i64([3])]);
  const left = g.op('Slice', [x, g.i64([0]), g.i64([-1]), g.i64([3])]);
  const diffs = g.op('Reshape', [g.op('Abs', [g.op('Sub', [right, left])]), g.i64([0, -1])]); // [B,N]
  const half = g.op('Div', [g.op('Gather', [g.op('Shape', [diffs]), g.i64([1])]), g.i64([2])]);
  const [top] = g.opN('TopK', [diffs, g.op('Max', [half, g.i64([1])])], { axis: 1 }, 2);
  const sigma = g.op('Div', [g.op('ReduceMin', [top!], { axes: [1], keepdims: 0 }), g.f32(MAD_TO_SIGMA)]);
  const rho = g.op('Div', [sigma, g.op('Reshape', [sqrt1mA, g.i64([-1])])]);
  const gate = g.op('Clip', [g.op('Div', [g.op('Sub', [rho, g.f32(GATE_LO)]), g.f32(GATE_HI - GATE_LO)]), g.f32(0), g.f32(1)]);
  return g.op('Reshape', [gate, g.i64([-1, 1, 1, 1])]);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.byteLength) - c.byteLength);
  return out;
}
