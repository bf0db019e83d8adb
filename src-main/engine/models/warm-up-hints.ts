// Runs in: engine process (and the CLI). Warm-up inputs for a Grounding DINO pack whose preprocessor
// config fixes the input size: the onnx-community export declares height and width dynamic but runs
// only at its 800×800, so the warm-up's default 64×64 would fail and warm nothing.
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { resolvePackFile } from './pack-files';
import type { WarmUpHints } from '../runtime/warm-up';
import { readPreprocessor } from './preprocessor-config';

export async function gdinoWarmUpHints(modelsDir: string, manifest: PackManifest): Promise<WarmUpHints> {
  if (manifest.family !== 'gdino' || !manifest.roles.preprocessor) return {};
  let file: string;
  try {
    file = resolvePackFile(modelsDir, manifest, 'preprocessor');
  } catch {
    return {}; // a missing config is reported by the hash check, not here
  }
  const fixed = (await readPreprocessor(file)).fixed;
  if (!fixed) return {};
  const [h, w] = [fixed.height, fixed.width];
  return { dims: manifest.layout === 'gdino-idea' ? { img: [1, 3, h, w] } : { pixel_values: [1, 3, h, w], pixel_mask: [1, h, w] } };
}
