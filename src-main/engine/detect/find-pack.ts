// Runs in: engine process (and the CLI). Which installed pack answers a text prompt: the one asked for, else
// the catalog's default Grounding DINO pack, else any other installed gdino pack (imported, stand-in).
import { promises as fs } from 'node:fs';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { PackIdSchema, type PackManifest } from '../../../src-shared/models/catalog-schema';
import { loadCatalog } from '../models/catalog';
import { readManifest } from '../models/pack-files';

export const NO_GDINO_PACK = 'No text-detection model is installed: open Models… to download Grounding DINO tiny.';

export async function findGdinoPack(modelsDir: string, packId?: string): Promise<PackManifest> {
  if (packId !== undefined) {
    const manifest = PackIdSchema.safeParse(packId).success ? await readManifest(modelsDir, packId) : null;
    if (!manifest) throw new AnyfillError('NOT_FOUND', `Model pack "${packId}" is not installed: open Models… to download it.`);
    if (manifest.family !== 'gdino') {
      throw new AnyfillError(
        'BAD_REQUEST',
        `Model pack "${packId}" is a ${manifest.family} model, not a text-detection (Grounding DINO) model.`,
      );
    }
    return manifest;
  }
  for (const id of await candidateIds(modelsDir)) {
    const manifest = await readManifest(modelsDir, id);
    if (manifest?.family === 'gdino') return manifest;
  }
  throw new AnyfillError('NOT_FOUND', NO_GDINO_PACK);
}

/** Catalog gdino packs (default first), then every other pack folder by name. */
async function candidateIds(modelsDir: string): Promise<string[]> {
  const catalog = loadCatalog()
    .packs.filter((p) => p.family === 'gdino')
    .sort((a, b) => Number(b.default ?? false) - Number(a.default ?? false))
    .map((p) => p.id);
  const dirs = await fs.readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const others = dirs
    .filter((d) => d.isDirectory() && PackIdSchema.safeParse(d.name).success && !catalog.includes(d.name))
    .map((d) => d.name)
    .sort();
  return [...catalog, ...others];
}
