// Runs in: CLI and tests (Node). The SAM stand-in packs: exact I/O contracts of the real SAM1 / MobileSAM /
// SAM2.1 exports (model-contracts.md §1, §2.2) with an analytic "segment the clicked colour" behaviour.
//
// [Note: SAM stand-ins]
// Encoder: normalises (SAM1 HWC variant: in graph, then zero-pads bottom/right to 1024²) and averages the
//   frame over 4×4-px sub-cells: a 256×256 grid of mean normalised colour + real-pixel fraction (a pixel
//   is "real" when it is not exactly the normalised zero, which no 0..255 integer is). Embedding
//   channels 0..3 = the same per 16-px cell, 4..67 = the 4-px grid packed with SpaceToDepth, rest 0.
//   SAM2's high_res_feats_0/1 carry the grid (colour, flag) at 256² / 128², zero-padded in channels.
// Decoder: coords are read as given in the 1024 frame; each point picks the colour of its sub-cell
//   floor(coord/4). Per sub-cell, d± = colour distance to the nearest positive (label 1) / negative
//   (label 0) colour; a box (labels 2,3) adds its centre as the positive colour when no label-1 point
//   is given, and caps logits by the signed distance to its edges; label -1 is ignored.
//   low-res logit_k = 4·min(τ_k − d+, d− − d+) (+ mask_input when has_mask_input = 1), capped by the box
//   and by 40·(flag − 0.5) so padding is never selected, clamped to ±32. Euclidean distance is linear
//   in the colour mix of an edge sub-cell, so thresholded masks keep edges within about a pixel.
// SAM1 only: a prompt without padding point and without box, or with both, gives all −10 (empty mask)
//   and IoU 0. `masks` = official upscale: 256→1024 bilinear, crop floor(1024/max(H,W)·(H,W)+0.5),
//   bilinear to orig_im_size (H,W); single-mask export: argmax(iou + (N − 2.5)·[1000,0,0,0]).
// SAM2: tokens 1..3 only, masks stay low-res in the stretched frame; no padding rule.
import type { StandinPack } from '../write-pack';
import { SAM1_IOU, SAM1_TAUS, sam1Decoder } from './decoder-sam1';
import { sam1EncoderHwc, sam1EncoderNchw } from './encoder-sam1';
import { SAM2_IOU, SAM2_TAUS, sam2Decoder, sam2Encoder } from './sam2';

const SAM1_LINE =
  `segments the colour under the clicks in the 1024 frame (τ per token ${SAM1_TAUS.join('/')}, iou ${SAM1_IOU.join('/')}); ` +
  'negatives exclude nearer colours, a box restricts (its centre colour when no click); missing or extra padding point → empty mask';

export function samStandinPacks(): StandinPack[] {
  const hwc = sam1EncoderHwc();
  const multi = sam1Decoder(4);
  return [
    {
      packId: 'mobilesam',
      family: 'sam1',
      layout: 'sam1-acly',
      roles: { encoder: 'mobile_sam_image_encoder.onnx', decoder: 'sam_mask_decoder_multi.onnx' },
      files: { 'mobile_sam_image_encoder.onnx': hwc, 'sam_mask_decoder_multi.onnx': multi },
      behaviour: `MobileSAM (HWC encoder with preprocess, 4-mask decoder): ${SAM1_LINE}`,
    },
    {
      packId: 'sam-vit-b',
      family: 'sam1',
      layout: 'sam1-samexporter',
      roles: { encoder: 'encoder.onnx', decoder: 'decoder.onnx' },
      files: { 'encoder.onnx': hwc, 'decoder.onnx': sam1Decoder(1) },
      behaviour: `SAM ViT-B (HWC encoder with preprocess, single-mask decoder): ${SAM1_LINE}`,
    },
    {
      packId: 'standin-sam1-nchw',
      family: 'sam1',
      layout: 'sam1-samexporter',
      roles: { encoder: 'encoder.onnx', decoder: 'decoder.onnx' },
      files: { 'encoder.onnx': sam1EncoderNchw(), 'decoder.onnx': multi },
      behaviour: `SAM1 NCHW encoder (caller normalises and pads), 4-mask decoder: ${SAM1_LINE}`,
    },
    {
      packId: 'sam2.1-tiny',
      family: 'sam2',
      layout: 'sam2-samexporter',
      roles: { encoder: 'encoder.onnx', decoder: 'decoder.onnx' },
      files: { 'encoder.onnx': sam2Encoder(), 'decoder.onnx': sam2Decoder() },
      behaviour:
        `SAM2.1 (samexporter): segments the colour under the clicks in the stretched 1024² frame, 3 low-res masks ` +
        `(τ ${SAM2_TAUS.join('/')}, iou ${SAM2_IOU.join('/')}); box and negatives as SAM1; the graph needs no padding point`,
    },
  ];
}
