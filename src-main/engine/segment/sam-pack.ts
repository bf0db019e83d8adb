// Runs in: engine process (and the CLI). Which SAM pack to use and its two sessions: the one asked for, else
// the one chosen in the Models window (preferences.json), else the first installed SAM 1 / SAM 2 pack, the
// catalog's default (MobileSAM) first. Sessions come from the engine's pool (keys "<pack>/encoder",
// "<pack>/decoder", as models.verify uses) and are checked against their contracts once, so a wrong file
// fails here with its name (Pitfall 16 is the catalog's job).
import { readdir } from 'node:fs/promises';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { PackIdSchema } from '../../../src-shared/models/catalog-schema';
import { catalogBytes, findCatalogPack, loadCatalog } from '../models/catalog';
import { readManifest, resolvePackFile } from '../models/pack-files';
import { readPreferences } from '../models/preferences';
import { checkContract, type ContractMatch } from '../runtime/check-contract';
import { providersFor, type PackDevice } from '../runtime/execution-providers';
import type { InferenceSession } from '../runtime/ort';
import type { SessionPool } from '../runtime/session-pool';
import type { EncoderLayout } from './encoder-input';
import type { SamFamily } from './types';

export interface SamModel {
  session: InferenceSession;
  match: ContractMatch;
  file: string;
  sha256: string;
}

export interface SamPack {
  packId: string;
  family: SamFamily;
  encoder: SamModel;
  decoder: SamModel;
  encoderLayout: EncoderLayout;
}

const isSam = (m: PackManifest | null): m is PackManifest & { family: SamFamily } => m?.family === 'sam1' || m?.family === 'sam2';

export function noSamPack(): AnyfillError {
  const mobile = findCatalogPack('mobilesam');
  const size = mobile ? ` (${Math.round(catalogBytes(mobile) / 1e6)} MB)` : '';
  return new AnyfillError('NOT_FOUND', `No segmentation model is installed: open Models… to download MobileSAM${size}.`);
}

/** The manifest of the pack to use; NOT_FOUND when none (or not the one asked for) is installed. */
export async function findSamPack(modelsDir: string, packId?: string): Promise<PackManifest & { family: SamFamily }> {
  if (packId !== undefined) {
    const m = PackIdSchema.safeParse(packId).success ? await readManifest(modelsDir, packId) : null;
    if (!m) throw new AnyfillError('NOT_FOUND', `The model pack "${packId}" is not installed: open Models… to download it.`);
    if (!isSam(m)) throw new AnyfillError('BAD_REQUEST', `"${packId}" is a ${m.family} pack, not a segmentation model (SAM).`);
    return m;
  }
  // The user's choice (Models window) first, while it is an installed SAM pack with its files.
  const chosen = (await readPreferences(modelsDir)).segment;
  const preferred = chosen ? await readManifest(modelsDir, chosen) : null;
  if (isSam(preferred) && !missingFile(modelsDir, preferred)) return preferred;
  const dirs = (await readdir(modelsDir, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name);
  const catalog = loadCatalog().packs;
  const rank = (id: string) => {
    const i = catalog.findIndex((p) => p.id === id);
    return i < 0 ? catalog.length : catalog[i]!.default ? -1 : i;
  };
  const ids = dirs.filter((d) => PackIdSchema.safeParse(d).success).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  // A pack with a file gone is skipped for a whole one, but named if it was the only one.
  let incomplete: AnyfillError | null = null;
  for (const id of ids) {
    const m = await readManifest(modelsDir, id);
    if (!isSam(m)) continue;
    const missing = missingFile(modelsDir, m);
    if (!missing) return m;
    incomplete ??= missing;
  }
  throw incomplete ?? noSamPack();
}

/** Why the pack's encoder or decoder cannot be used (a deleted file names the pack and file), or null. */
function missingFile(modelsDir: string, m: PackManifest): AnyfillError | null {
  try {
    resolvePackFile(modelsDir, m, 'encoder');
    resolvePackFile(modelsDir, m, 'decoder');
    return null;
  } catch (err) {
    return err instanceof AnyfillError ? err : noSamPack();
  }
}

/** Opens (or reuses) both sessions of an installed SAM pack and checks their contracts. */
export async function openSamPack(modelsDir: string, manifest: PackManifest & { family: SamFamily }, pool: SessionPool): Promise<SamPack> {
  const device: PackDevice = findCatalogPack(manifest.packId) ?? { family: manifest.family, recommendedDevice: 'any' };
  const open = async (role: 'encoder' | 'decoder'): Promise<SamModel> => {
    const file = resolvePackFile(modelsDir, manifest, role);
    const label = `${manifest.packId} ${role === 'encoder' ? 'image encoder' : 'mask decoder'}`;
    const { session } = await pool.get(`${manifest.packId}/${role}`, file, { providers: providersFor(device), label, pack: device });
    const sha256 = manifest.files.find((f) => f.path === manifest.roles[role])?.sha256 ?? 'unknown';
    return { session, match: checkContract(session, manifest.layout, role), file, sha256 };
  };
  const encoder = await open('encoder');
  const decoder = await open('decoder');
  const v = encoder.match.variant;
  const encoderLayout: EncoderLayout = v.kind === 'sam1-encoder' ? (v.input === 'hwc-preprocess' ? 'sam1-hwc' : 'sam1-nchw') : 'sam2';
  return { packId: manifest.packId, family: manifest.family, encoder, decoder, encoderLayout };
}
