// Runs in: engine process (and the CLI). The installed learned eraser: the first eraser-family pack in
// catalog order (then imported or stand-in ones), its session from the shared pool checked against the
// migan-pipeline contract once, and the one call per crop through the shared inference queue.
import fs from 'node:fs/promises';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { PackIdSchema, type PackManifest } from '../../../src-shared/models/catalog-schema';
import { findCatalogPack, loadCatalog } from '../models/catalog';
import { readManifest, resolvePackFile } from '../models/pack-files';
import { checkContract, type ContractMatch } from '../runtime/check-contract';
import { providersFor, type PackDevice } from '../runtime/execution-providers';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { InferenceSession } from '../runtime/ort';
import { runModel } from '../runtime/run-model';
import type { SessionPool } from '../runtime/session-pool';
import { inputTensor } from '../runtime/tensors';
import type { EraseModel } from './erase';

export const NO_ERASER = 'The MI-GAN eraser is not installed: open Models… (Remove) to download it, or choose PatchMatch or Telea.';

export async function findEraserPack(modelsDir: string): Promise<PackManifest | null> {
  const catalog = loadCatalog().packs.filter((p) => p.family === 'eraser').map((p) => p.id);
  const dirs = await fs.readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const others = dirs.filter((d) => d.isDirectory() && PackIdSchema.safeParse(d.name).success && !catalog.includes(d.name)).map((d) => d.name).sort();
  for (const id of [...catalog, ...others]) {
    const manifest = await readManifest(modelsDir, id);
    if (manifest?.family === 'eraser') return manifest;
  }
  return null;
}

const checked = new WeakMap<InferenceSession, ContractMatch>();

/** The eraser as an EraseModel (each crop one run, the `result` tensor checked for its shape) and where it runs. */
export async function openEraser(modelsDir: string, manifest: PackManifest, deps: { pool: SessionPool; queue: InferenceQueue; signal?: AbortSignal }): Promise<{ run: EraseModel; device: string }> {
  const pack: PackDevice = findCatalogPack(manifest.packId) ?? { family: manifest.family, recommendedDevice: 'any' };
  const key = `${manifest.packId}/model`;
  const label = `MI-GAN eraser (${manifest.packId})`;
  const file = resolvePackFile(modelsDir, manifest, 'model');
  const { session, device } = await deps.pool.get(key, file, { providers: providersFor(pack), label, pack });
  let match = checked.get(session);
  if (!match) {
    match = checkContract(session, manifest.layout, 'model');
    checked.set(session, match);
  }
  const metas = match.inputs;
  const run: EraseModel = async (input) => {
    const feeds = { image: inputTensor(metas.get('image')!, input.image, input.dims.image), mask: inputTensor(metas.get('mask')!, input.mask, input.dims.mask) };
    const outputs = await deps.queue.enqueue((signal) => runModel(session, feeds, label, signal), { priority: 'interactive', signal: deps.signal });
    const result = outputs.result;
    if (!result || result.dims.join() !== input.dims.image.join() || !(result.data instanceof Uint8Array)) {
      throw new AnyfillError('INTERNAL', `${label} returned ${result ? `${result.type} [${result.dims.join(',')}]` : 'no result'}; expected uint8 [${input.dims.image.join(',')}].`);
    }
    return result.data;
  };
  return { run, device: device.name };
}
