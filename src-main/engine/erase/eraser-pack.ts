// Runs in: engine process (and the CLI). The installed learned erasers: which one Remove uses (the one
// chosen with Use for Remove in preferences.json, else the first eraser-family pack in catalog order, MI-GAN
// before LaMa, then imported or stand-in ones), its session from the shared pool checked against its
// contract once, and the one call per crop through the shared inference queue.
import fs from 'node:fs/promises';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { PackIdSchema, type PackManifest } from '../../../src-shared/models/catalog-schema';
import { findCatalogPack, loadCatalog } from '../models/catalog';
import { readManifest, resolvePackFile } from '../models/pack-files';
import { readPreferences } from '../models/preferences';
import { checkContract, type ContractMatch } from '../runtime/check-contract';
import { providersFor, type PackDevice, type ProviderEnv } from '../runtime/execution-providers';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { DeviceName, InferenceSession } from '../runtime/ort';
import { runModel } from '../runtime/run-model';
import type { SessionPool } from '../runtime/session-pool';
import { inputTensor } from '../runtime/tensors';
import type { EraseModel } from './erase';
import { lamaRun } from './lama-run';

export type EraserMethod = 'migan' | 'lama';
export const ERASER_NAMES: Record<EraserMethod, string> = { migan: 'MI-GAN', lama: 'LaMa' };

export const NO_ERASER = 'The MI-GAN eraser is not installed: open Models… (Remove) to download it, or choose PatchMatch or Telea.';
const NO_LAMA = 'The LaMa eraser is not installed: open Models… (Remove) to download it, or choose MI-GAN, PatchMatch or Telea.';
export const noEraser = (method: EraserMethod): string => (method === 'lama' ? NO_LAMA : NO_ERASER);

/** Which eraser a pack's layout is. */
export const eraserMethod = (m: Pick<PackManifest, 'layout'>): EraserMethod => (m.layout === 'lama-fixed' ? 'lama' : 'migan');

/** The eraser to use: of `method` when given, else the user's choice while installed, else the first in order. */
export async function findEraserPack(modelsDir: string, method?: EraserMethod): Promise<PackManifest | null> {
  const catalog = loadCatalog()
    .packs.filter((p) => p.family === 'eraser')
    .map((p) => p.id);
  const dirs = await fs.readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const others = dirs
    .filter((d) => d.isDirectory() && PackIdSchema.safeParse(d.name).success && !catalog.includes(d.name))
    .map((d) => d.name)
    .sort();
  const chosen = method ? undefined : (await readPreferences(modelsDir)).erase;
  for (const id of [...(chosen ? [chosen] : []), ...catalog, ...others]) {
    const manifest = await readManifest(modelsDir, id);
    if (manifest?.family === 'eraser' && (!method || eraserMethod(manifest) === method)) return manifest;
  }
  return null;
}

/** Where an eraser may run: LaMa never on DirectML, which is reported to fail on the export's DFT MatMuls (models/README.md P). */
export function eraserProviders(pack: PackDevice, method: EraserMethod, env?: ProviderEnv): DeviceName[] {
  const providers = providersFor(pack, env);
  return method === 'lama' ? providers.filter((p) => p !== 'dml') : providers;
}

const checked = new WeakMap<InferenceSession, ContractMatch>();

/** The eraser as an EraseModel (each crop one run, its answer checked for its shape), which it is and where it runs. */
export async function openEraser(
  modelsDir: string,
  manifest: PackManifest,
  deps: { pool: SessionPool; queue: InferenceQueue; signal?: AbortSignal },
): Promise<{ run: EraseModel; device: string; method: EraserMethod }> {
  const pack: PackDevice = findCatalogPack(manifest.packId) ?? { family: manifest.family, recommendedDevice: 'any' };
  const method = eraserMethod(manifest);
  const label = `${ERASER_NAMES[method]} eraser (${manifest.packId})`;
  const file = resolvePackFile(modelsDir, manifest, 'model');
  const { session, device } = await deps.pool.get(`${manifest.packId}/model`, file, {
    providers: eraserProviders(pack, method),
    label,
    pack,
  });
  let match = checked.get(session);
  if (!match) {
    match = checkContract(session, manifest.layout, 'model');
    checked.set(session, match);
  }
  const metas = match.inputs;
  if (match.variant.kind === 'lama-fixed')
    return { run: lamaRun({ session, metas, size: match.variant.size, label }, deps), device: device.name, method };
  const run: EraseModel = async (input) => {
    const feeds = {
      image: inputTensor(metas.get('image')!, input.image, input.dims.image),
      mask: inputTensor(metas.get('mask')!, input.mask, input.dims.mask),
    };
    const outputs = await deps.queue.enqueue((signal) => runModel(session, feeds, label, signal), {
      priority: 'interactive',
      signal: deps.signal,
    });
    const result = outputs.result;
    if (!result || result.dims.join() !== input.dims.image.join() || !(result.data instanceof Uint8Array)) {
      throw new AnyfillError(
        'INTERNAL',
        `${label} returned ${result ? `${result.type} [${result.dims.join(',')}]` : 'no result'}; expected uint8 [${input.dims.image.join(',')}].`,
      );
    }
    return result.data;
  };
  return { run, device: device.name, method };
}
