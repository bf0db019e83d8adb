// Runs in: CLI and tests (Node). The SD safety checker stand-in (diffusers safety_checker/model.onnx) and
// the CLIP image processor config that ships next to it (feature_extractor/preprocessor_config.json).
// [Note: stand-in safety checker] Same I/O as the diffusers export: clip_input [B,3,224,224] (CLIP-
// normalised), images [B,H,W,3] in [0,1]; outputs out_images (flagged rows zeroed, like the real one) and
// has_nsfw_concepts bool [B]. Rule, standing in for "an NSFW concept": a row is flagged when at least
// 1% of its clip_input pixels are strongly red, R − max(G, B) > 2.5 in normalised units (pure red is
// 3.4; every other stand-in colour, and the grey/blue/green test scenes, are below 0). So the SD
// stand-in's "red" prompt is flagged and every other colour passes.
import { GraphBuilder } from '../graph-builder';
import { floatInput, floatOutput, type FloatIo } from './io';

export const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073] as const;
export const CLIP_STD = [0.26862954, 0.26130258, 0.27577711] as const;
export const RED_MARGIN = 2.5;
export const RED_FRACTION = 0.01;
const FLOAT = 1;

export function safetyChecker(io: FloatIo): Uint8Array {
  const g = new GraphBuilder('standin-safety-checker');
  const clip = floatInput(g, io, 'clip_input', ['batch', 'channels', 'height', 'width']);
  const images = floatInput(g, io, 'images', ['batch', 'height', 'width', 'channels']);
  const channel = (c: number) => g.op('Slice', [clip, g.i64([c]), g.i64([c + 1]), g.i64([1])]);
  const margin = g.op('Sub', [channel(0), g.op('Max', [channel(1), channel(2)])]); // [B,1,h,w]
  const red = g.op('Cast', [g.op('Greater', [margin, g.f32(RED_MARGIN)])], { to: FLOAT });
  const fraction = g.op('ReduceMean', [red], { axes: [1, 2, 3], keepdims: 0 }); // [B]
  const flagged = g.op('GreaterOrEqual', [fraction, g.f32(RED_FRACTION)]);
  // The real checker blacks out what it flags; Anyfill never shows out_images, but it must look the same.
  const keep = g.op('Reshape', [g.op('Cast', [g.op('Not', [flagged])], { to: FLOAT }), g.i64([-1, 1, 1, 1])]);
  floatOutput(g, io, 'out_images', ['batch', 'height', 'width', 'channels'], g.op('Mul', [images, keep]));
  g.output('has_nsfw_concepts', 'bool', ['batch'], flagged);
  return g.toBytes();
}

/** feature_extractor/preprocessor_config.json as the SD 1.x repositories ship it (CLIPFeatureExtractor). */
export function clipPreprocessorConfigJson(): string {
  const config = {
    crop_size: 224,
    do_center_crop: true,
    do_convert_rgb: true,
    do_normalize: true,
    do_resize: true,
    feature_extractor_type: 'CLIPFeatureExtractor',
    image_mean: [...CLIP_MEAN],
    image_std: [...CLIP_STD],
    resample: 3,
    size: 224,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
