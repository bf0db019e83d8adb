// Runs in: engine process (and the CLI). The SD pack's shared types, kept apart so the pack loader
// (sd-pack.ts), the model runs (sd-runs.ts) and the safety checker (safety.ts) import them from here rather
// than from each other.
import type { ContractMatch } from '../runtime/check-contract';
import type { InferenceSession } from '../runtime/ort';
import type { ClipPreprocess } from './clip-preprocess';

/** The four models every SD inpainting pack has (sd-pack.ts SD_ROLES). */
export type SdRole = 'textEncoder' | 'unet' | 'vaeEncoder' | 'vaeDecoder';

export interface SdModel { role: SdRole | 'safetyChecker'; key: string; session: InferenceSession; match: ContractMatch; label: string }

/** safety_checker/model.onnx when a pack has it, and how its CLIP input is made (safety.ts). */
export interface SafetyChecker {
  model: SdModel;
  preprocess: ClipPreprocess;
}
