// Runs in: CLI and tests (Node). SAM 2.1 prompt encoder + mask decoder twin with the samexporter contract
// (model-contracts.md §2.2): a batch of prompts (num_labels), the encoder's high-res features added in
// the upscalers, an object-score token first, sigmoid IoU, and the 3 multimask outputs at 256².
// Target: ≈ 4.1 M parameters from the 16.5 MB fp32 decoder export (model-contracts.md,
// shubham0204/sam2-onnx-models); MACs as the SAM decoder's 1.81 G per click (performance.md §8: the same
// two-way transformer and upscalers; the high-res additions cost no MACs).
import { TwinGraph } from '../twin-graph';
import { C, decoderCore } from './decoder-core';

export function sam2DecoderTwin(file: string): TwinGraph {
  const t = new TwinGraph('sam2_decoder_twin', `${file}.data`);
  const g = t.g;
  const emb = t.input('image_embed', [1, C, 64, 64]);
  const s0 = t.input('high_res_feats_0', [1, 32, 256, 256]);
  const s1 = t.input('high_res_feats_1', [1, 64, 128, 128]);
  const inputs = {
    emb,
    coords: t.input('point_coords', ['num_labels', 'num_points', 2]),
    labels: t.input('point_labels', ['num_labels', 'num_points']),
    maskInput: t.input('mask_input', ['num_labels', 1, 256, 256]),
    hasMask: t.input('has_mask_input', ['num_labels']),
    highRes: { s0, s1 },
  };
  const { lowRes, iou } = decoderCore(t, inputs, 1);
  const tail = (x: { name: string }, shape: Array<string | number>) => t.op('Slice', [x.name, g.i64([1]), g.i64([4]), g.i64([1])], shape);
  t.output('masks', ['num_labels', 3, 256, 256], tail(lowRes, ['num_labels', 3, 256, 256]));
  t.output('iou_predictions', ['num_labels', 3], t.op('Sigmoid', [tail(iou, ['num_labels', 3])], ['num_labels', 3]));
  return t;
}
