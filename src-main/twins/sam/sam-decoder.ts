// Runs in: CLI and tests (Node). SAM 1 prompt encoder + mask decoder twin (the decoder MobileSAM and SAM
// ViT-B/L/H share) with the official SamOnnxModel contract (model-contracts.md §1.1): 4 masks, or the
// --return-single-mask export's in-graph choice, and the graph's upsampling of `masks` to orig_im_size.
// Target (performance.md §1, [S3] + §8): 3.876 M parameters; 1.81 GMAC per click (7 tokens).
import { upscale } from '../../standins/sam/decoder-sam1';
import { TwinGraph, type T } from '../twin-graph';
import { C, MASKS, decoderCore } from './decoder-core';

/** `maskCount` 1: the --return-single-mask export, which picks one of the 4 masks in the graph. */
export function samDecoderTwin(file: string, maskCount: 1 | 4 = 4): TwinGraph {
  const t = new TwinGraph(`sam_decoder_${maskCount}_twin`, `${file}.data`);
  const g = t.g;
  const inputs = {
    emb: t.input('image_embeddings', [1, C, 64, 64]),
    coords: t.input('point_coords', [1, 'num_points', 2]),
    labels: t.input('point_labels', [1, 'num_points']),
    maskInput: t.input('mask_input', [1, 1, 256, 256]),
    hasMask: t.input('has_mask_input', [1]),
  };
  const orig = t.input('orig_im_size', [2]);
  let { lowRes, iou }: { lowRes: T; iou: T } = decoderCore(t, inputs, 0);
  if (maskCount === 1) {
    // SamOnnxModel.select_masks: argmax(iou + (num_points − 2.5)·[1000, 0, 0, 0]).
    const n = g.op('Cast', [g.op('Gather', [g.op('Shape', [inputs.coords.name]), g.i64(1)], { axis: 0 })], { to: 1 });
    const score = g.op('Add', [iou.name, g.op('Mul', [g.op('Sub', [n, g.f32(2.5)]), g.f32([1000, 0, 0, 0], [1, MASKS])])]);
    const best = g.op('ArgMax', [score], { axis: 1, keepdims: 0 });
    lowRes = t.op('Gather', [lowRes.name, best], [1, 1, 256, 256], { axis: 1 });
    iou = t.op('Gather', [iou.name, best], [1, 1], { axis: 1 });
  }
  g.output('masks', 'float32', [1, maskCount, 'orig_height', 'orig_width'], upscale(g, lowRes.name, orig.name, maskCount));
  t.output('iou_predictions', [1, maskCount], iou);
  t.output('low_res_masks', [1, maskCount, 256, 256], lowRes);
  return t;
}
