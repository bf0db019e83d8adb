// Runs in: engine process (and the CLI). The SD pack's shared types, kept apart so the pack loader
// (sd-pack.ts), the model runs (sd-runs.ts) and the safety checker (safety.ts) import them from here rather
// than from each other.
import type { ClipPreprocess } from './clip-preprocess';
import type { SdModel } from './sd-model';

/** The four models every SD inpainting pack has (sd-pack.ts SD_ROLES). */
export type SdRole = 'textEncoder' | 'unet' | 'vaeEncoder' | 'vaeDecoder';

/** One opened model of the pack (sd-model.ts opens it). */
export type { SdModel };

/** safety_checker/model.onnx when a pack has it, and how its CLIP input is made (safety.ts). */
export interface SafetyChecker {
  model: SdModel;
  preprocess: ClipPreprocess;
}
