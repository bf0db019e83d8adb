// Runs in: CLI and tests (Node). SAM2.1 stand-ins in the samexporter format (§2.2): encoder with three
// outputs, decoder with 7 inputs (no orig_im_size) returning 3 low-res masks per label batch.
import { GraphBuilder } from '../graph-builder';
import { colourLogits, embedFrame, slice, unpackGrid } from './graph-ops';

/** Multimask tokens 1..3 (SAM1's tokens 1..3): thresholds and constant IoU predictions. */
export const SAM2_TAUS = [0.4, 1.2, 2.5];
export const SAM2_IOU = [0.8, 0.85, 0.7];

/** image f32 [1,3,1024,1024] (stretched, 0..1, ImageNet mean/std) → high_res_feats_0/1, image_embed. */
export function sam2Encoder(): Uint8Array {
  const g = new GraphBuilder('sam2_encoder_standin');
  const x = g.input('image', 'float32', [1, 3, 1024, 1024]);
  // ImageNet mean/std on 0..1 equals SAM1's on 0..255, so the frame embeds the same way (no padding here).
  const { embedding, grid } = embedFrame(g, x);
  // High-res features carry the same 4-px grid (colour + real-pixel flag), zero-padded in channels.
  const pad = (t: string, channels: number) => g.op('Pad', [t, g.i64([0, 0, 0, 0, 0, channels - 4, 0, 0])]);
  const half = g.op('AveragePool', [grid], { kernel_shape: [2, 2], strides: [2, 2] });
  g.output('high_res_feats_0', 'float32', [1, 32, 256, 256], pad(grid, 32));
  g.output('high_res_feats_1', 'float32', [1, 64, 128, 128], pad(half, 64));
  g.output('image_embed', 'float32', [1, 256, 64, 64], embedding);
  return g.toBytes();
}

export function sam2Decoder(): Uint8Array {
  const g = new GraphBuilder('sam2_decoder_standin');
  const emb = g.input('image_embed', 'float32', [1, 256, 64, 64]);
  const hr0 = g.input('high_res_feats_0', 'float32', [1, 32, 256, 256]);
  const hr1 = g.input('high_res_feats_1', 'float32', [1, 64, 128, 128]);
  const coords = g.input('point_coords', 'float32', ['num_labels', 'num_points', 2]);
  const labels = g.input('point_labels', 'float32', ['num_labels', 'num_points']);
  const maskInput = g.input('mask_input', 'float32', ['num_labels', 1, 256, 256]);
  const hasMask = g.input('has_mask_input', 'float32', ['num_labels']);

  // Colours come from the embedding; the real-pixel flag from both high-res maps, so zeroed or
  // missing features give empty masks instead of passing unnoticed.
  const { colour } = unpackGrid(g, emb);
  const up = g.op('Resize', [slice(g, hr1, 3, 4), '', '', g.i64([1, 1, 256, 256])], { mode: 'nearest' });
  const flag = g.op('Mul', [slice(g, hr0, 3, 4), up]);
  // Upstream appends a (0,0)/-1 padding point; label -1 never affects colours, so nothing to add here,
  // and a caller's extra padding point is harmless, as upstream.
  const { logits } = colourLogits(g, colour, flag, { coords, labels, maskInput, hasMask }, SAM2_TAUS);
  const rows = g.op('Concat', [g.op('Slice', [g.op('Shape', [labels]), g.i64([0]), g.i64([1])]), g.i64([3])], { axis: 0 });
  g.output('masks', 'float32', ['num_labels', 3, 256, 256], logits);
  g.output('iou_predictions', 'float32', ['num_labels', 3], g.op('Expand', [g.f32(SAM2_IOU, [1, 3]), rows]));
  return g.toBytes();
}
