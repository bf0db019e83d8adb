// Runs in: CLI and tests (Node). The eraser stand-in packs: MI-GAN's ONNX pipeline and Carve's LaMa export
// under their catalog ids, so Remove picks them exactly as it would pick the real downloads (see
// migan-pipeline.ts and lama-fixed.ts for the behaviour).
import type { StandinPack } from '../write-pack';
import { LAMA_RING_RADIUS, LAMA_SIZE, lamaFixedStandin } from './lama-fixed';
import { miganPipelineStandin, RING_RADIUS } from './migan-pipeline';

export function eraserStandinPacks(): StandinPack[] {
  return [
    {
      packId: 'migan-512',
      family: 'eraser',
      layout: 'migan-pipeline',
      roles: { model: 'migan_pipeline_v2.onnx' },
      files: { 'migan_pipeline_v2.onnx': miganPipelineStandin() },
      behaviour: `Fills every hole pixel (mask 0; 255 = known) with the mean colour of the known pixels within ${RING_RADIUS} px of the hole; the rest comes back unchanged.`,
    },
    {
      packId: 'lama-512',
      family: 'eraser',
      layout: 'lama-fixed',
      roles: { model: 'lama_fp32.onnx' },
      files: { 'lama_fp32.onnx': lamaFixedStandin() },
      behaviour: `Takes only ${LAMA_SIZE} × ${LAMA_SIZE}: fills every hole pixel (mask > 0.5; image 0–1) with the mean colour of the known pixels within ${LAMA_RING_RADIUS} px of the hole, output ×255.`,
    },
  ];
}
