// Runs in: CLI and tests (Node). SAM1 mask-decoder stand-ins (official SamOnnxModel contract, §1.1):
// 4-mask ("multi") and --return-single-mask exports; `masks` sized from the values of orig_im_size.
import { GraphBuilder } from '../graph-builder';
import { FLOAT, INT64, colourLogits, unpackGrid } from './graph-ops';

/** Per mask token: colour-distance threshold (sizes: token 1 < 2 < 3) and the constant IoU prediction. */
export const SAM1_TAUS = [2.0, 0.4, 1.2, 2.5];
export const SAM1_IOU = [0.9, 0.8, 0.85, 0.7];

export function sam1Decoder(maskCount: 1 | 4): Uint8Array {
  const g = new GraphBuilder(`sam1_decoder_${maskCount}_standin`);
  const emb = g.input('image_embeddings', 'float32', [1, 256, 64, 64]);
  const coords = g.input('point_coords', 'float32', [1, 'num_points', 2]);
  const labels = g.input('point_labels', 'float32', [1, 'num_points']);
  const maskInput = g.input('mask_input', 'float32', [1, 1, 256, 256]);
  const hasMask = g.input('has_mask_input', 'float32', [1]);
  const orig = g.input('orig_im_size', 'float32', [2]);

  const { colour, flag } = unpackGrid(g, emb);
  const core = colourLogits(g, colour, flag, { coords, labels, maskInput, hasMask }, SAM1_TAUS);
  let logits = core.logits;
  // The reference client appends (0,0)/-1 exactly when there is no box; punish either violation
  // with an empty mask (upstream the masks degrade silently).
  const hasPad = g.op('ReduceMax', [g.op('Cast', [g.op('Equal', [labels, g.f32(-1)])], { to: FLOAT })], { axes: [1], keepdims: 1 });
  const bad = g.op('Equal', [hasPad, core.hasBox]); // [1,1] bool
  logits = g.op('Where', [g.op('Unsqueeze', [bad, g.i64([2, 3])]), g.f32(-10), logits]);
  let iou = g.op('Mul', [g.f32(SAM1_IOU, [1, 4]), g.op('Sub', [g.f32(1), g.op('Cast', [bad], { to: FLOAT })])]);

  if (maskCount === 1) {
    // argmax(iou + (num_points − 2.5)·[1000,0,0,0]); num_points counts padding and box corners.
    const n = g.op('Cast', [g.op('Gather', [g.op('Shape', [coords]), g.i64(1)], { axis: 0 })], { to: FLOAT });
    const score = g.op('Add', [iou, g.op('Mul', [g.op('Sub', [n, g.f32(2.5)]), g.f32([1000, 0, 0, 0], [1, 4])])]);
    const best = g.op('ArgMax', [score], { axis: 1, keepdims: 0 }); // [1]
    logits = g.op('Gather', [logits, best], { axis: 1 });
    iou = g.op('Gather', [iou, best], { axis: 1 });
  }
  g.output('masks', 'float32', [1, maskCount, 'orig_height', 'orig_width'], upscale(g, logits, orig, maskCount));
  g.output('iou_predictions', 'float32', [1, maskCount], iou);
  g.output('low_res_masks', 'float32', [1, maskCount, 256, 256], logits);
  return g.toBytes();
}

/** 256 → 1024 bilinear (align_corners=False), crop to floor(scale·(H,W)+0.5), bilinear to (H,W). */
export function upscale(g: GraphBuilder, low: string, orig: string, k: number): string {
  const resize = (x: string, sizes: string) =>
    g.op('Resize', [x, '', '', sizes], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' });
  const frame = resize(low, g.i64([1, k, 1024, 1024]));
  const scale = g.op('Div', [g.f32(1024), g.op('ReduceMax', [orig], { axes: [0], keepdims: 1 })]);
  const prePad = g.op('Cast', [g.op('Floor', [g.op('Add', [g.op('Mul', [orig, scale]), g.f32(0.5)])])], { to: INT64 });
  const crop = g.op('Slice', [frame, g.i64([0, 0]), prePad, g.i64([2, 3])]);
  const sizes = g.op('Concat', [g.i64([1, k]), g.op('Cast', [orig], { to: INT64 })], { axis: 0 });
  return resize(crop, sizes);
}
