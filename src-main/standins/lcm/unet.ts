// Runs in: CLI and tests (Node). The LCM Dreamshaper v7 UNet stand-in, with the contract of Optimum's ONNX
// export in SimianLuo/LCM_Dreamshaper_v7 (models/README.md, `lcm-dreamshaper-v7`): sample [batch,4,h,w],
// timestep int64 [steps], encoder_hidden_states [batch,sequence,768] and the guidance embedding
// timestep_cond [batch,256] → out_sample; weights in the external file model.onnx_data, as the export keeps them.
// [Note: stand-in LCM UNet] An exact ε-predictor for a clean latent x0* = grey + s·(c − grey), where c is
// the prompt's colour latent (as the SD stand-in reads it) and s = clip(w / 7, 0, 1) the saturation the
// guidance asks for. w is read back from the embedding diffusers' get_guidance_scale_embedding makes of
// w = guidance − 1 (1000·w times 128 frequencies 10000^(−k/127), [sin ‖ cos]): its slowest sine is
// sin(0.1·w), so w = 10·asin(timestep_cond[:,127]). Guidance 8 (w = 7) paints the full colour, 4.5 half of
// it; a missing, zero or mis-ordered embedding gives another saturation, so a wrong contract shows.
import { GraphBuilder } from '../graph-builder';
import { alphasCumprod, colourLatent, LATENT_BIAS, LATENT_MATRIX, TRAIN_TIMESTEPS } from '../sd/schedule';
import { HIDDEN } from '../sd/text-encoder';

export const LCM_COND_DIM = 256;
/** The w (= guidance − 1) at which the stand-in paints the prompt's full colour. */
export const FULL_COLOUR_W = 7;
const INT64 = 7;

export interface LcmUnetFiles {
  model: Uint8Array;
  data: Uint8Array;
}

export function lcmUnet(): LcmUnetFiles {
  const ext = { location: 'model.onnx_data', chunks: [] as Uint8Array[], offset: 0 };
  const g = new GraphBuilder('standin-lcm-unet', ext);
  // Optimum's dynamic-axis names (batch_size, sequence_length, steps).
  const x = g.input('sample', 'float32', ['batch_size', 4, 'height', 'width']);
  const tIn = g.input('timestep', 'int64', ['steps']);
  const ehs = g.input('encoder_hidden_states', 'float32', ['batch_size', 'sequence_length', HIDDEN]);
  const cond = g.input('timestep_cond', 'float32', ['batch_size', LCM_COND_DIM]);

  const table = g.constant({ dtype: 'float32', dims: [TRAIN_TIMESTEPS], values: alphasCumprod() }, true);
  const index = g.op('Clip', [g.op('Cast', [tIn], { to: INT64 }), g.i64(0), g.i64(TRAIN_TIMESTEPS - 1)]);
  const abar = g.op('Reshape', [g.op('Gather', [table, index]), g.i64([-1, 1, 1, 1])]);
  const sqrtA = g.op('Sqrt', [abar]);
  const sqrt1mA = g.op('Sqrt', [g.op('Sub', [g.f32(1), abar])]);

  const proj: number[] = [];
  for (let i = 0; i < HIDDEN; i++) for (let j = 0; j < 4; j++) proj.push(i < 3 ? LATENT_MATRIX[j]![i]! : 0);
  const projection = g.constant({ dtype: 'float32', dims: [HIDDEN, 4], values: proj }, true);
  const bias = g.constant({ dtype: 'float32', dims: [4], values: [...LATENT_BIAS] }, true);
  const features = g.op('ReduceMean', [ehs], { axes: [1], keepdims: 0 });
  const colour = g.op('Unsqueeze', [g.op('Add', [g.op('MatMul', [features, projection]), bias]), g.i64([2, 3])]);

  // w from the slowest sine of the embedding; saturation s in [0,1], [batch,1,1,1].
  const slowest = g.op('Slice', [cond, g.i64([LCM_COND_DIM / 2 - 1]), g.i64([LCM_COND_DIM / 2]), g.i64([1])]);
  const w = g.op('Mul', [g.op('Asin', [g.op('Clip', [slowest, g.f32(-1), g.f32(1)])]), g.f32(10)]);
  const s = g.op('Reshape', [g.op('Clip', [g.op('Div', [w, g.f32(FULL_COLOUR_W)]), g.f32(0), g.f32(1)]), g.i64([-1, 1, 1, 1])]);
  const grey = g.f32(colourLatent([0, 0, 0]), [1, 4, 1, 1]);
  const x0 = g.op('Add', [grey, g.op('Mul', [s, g.op('Sub', [colour, grey])])]);
  const eps = g.op('Div', [g.op('Sub', [x, g.op('Mul', [sqrtA, x0])]), sqrt1mA]);
  g.output('out_sample', 'float32', ['batch_size', 4, 'height', 'width'], eps);
  const model = g.toBytes();
  return { model, data: concat(ext.chunks) };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.byteLength) - c.byteLength);
  return out;
}
