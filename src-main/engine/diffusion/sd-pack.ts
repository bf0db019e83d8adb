// Runs in: engine process (and the CLI). The installed SD inpainting pack a request uses (the one asked for,
// else the catalog default, else any sd-inpaint pack) and its four sessions from the shared pool, each
// checked against its contract once, with the export variant (dtypes, timestep rank, VAE output) read
// from session metadata (model-contracts §5.2, §5.3, §7). The optional safety checker is opened and checked
// the same way when the pack has one (safety.ts). A VAE encoder that samples in-graph opens as its repeatable
// copy (models/model-file.ts), so a seed gives the same bytes every run.
import { promises as fs } from 'node:fs';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import { PackIdSchema, type PackManifest } from '../../../src-shared/models/catalog-schema';
import { findCatalogPack, loadCatalog } from '../models/catalog';
import { modelFileFor } from '../models/model-file';
import { optionalPackFile, readManifest, resolvePackFile } from '../models/pack-files';
import { checkContract, type ContractMatch } from '../runtime/check-contract';
import { providersFor, type PackDevice } from '../runtime/execution-providers';
import type { InferenceSession } from '../runtime/ort';
import type { SessionPool } from '../runtime/session-pool';
import { readClipPreprocess } from './clip-preprocess';
import { parseScheduleConfig, SD15_SCHEDULE, type ScheduleConfig } from './schedulers/index';
import type { SafetyChecker, SdModel, SdRole } from './types';

export type { SdModel, SdRole } from './types';

export const NO_SD_PACK = 'No generative-fill model is installed: open Models… to download Stable Diffusion 1.5 inpainting.';
export const SD_ROLES = ['textEncoder', 'unet', 'vaeEncoder', 'vaeDecoder'] as const satisfies readonly SdRole[];

export interface SdPack {
  packId: string;
  manifest: PackManifest;
  models: Record<SdRole, SdModel>;
  device: DeviceInfo;
  schedule: ScheduleConfig;
  /** The UNet's float I/O: fp16 packs are the ones that produce NaN on CPU (Pitfall 11). */
  half: boolean;
  /** safety_checker/model.onnx when the pack has it: every variant goes through it (safety.ts). */
  safetyChecker: SafetyChecker | null;
}

const TITLES: Record<SdModel['role'], string> = { textEncoder: 'text encoder', unet: 'UNet', vaeEncoder: 'VAE encoder', vaeDecoder: 'VAE decoder', safetyChecker: 'safety checker' };
const checked = new WeakMap<InferenceSession, ContractMatch>();

export async function findSdPack(modelsDir: string, packId?: string): Promise<PackManifest> {
  if (packId !== undefined) {
    const manifest = PackIdSchema.safeParse(packId).success ? await readManifest(modelsDir, packId) : null;
    if (!manifest) throw new AnyfillError('NOT_FOUND', `Model pack "${packId}" is not installed: open Models… to download it.`);
    if (manifest.family !== 'sd-inpaint') throw new AnyfillError('BAD_REQUEST', `Model pack "${packId}" is a ${manifest.family} model, not a generative-fill (SD inpainting) model.`);
    return manifest;
  }
  const catalog = loadCatalog().packs.filter((p) => p.family === 'sd-inpaint').sort((a, b) => Number(b.default ?? false) - Number(a.default ?? false)).map((p) => p.id);
  const dirs = await fs.readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const others = dirs.filter((d) => d.isDirectory() && PackIdSchema.safeParse(d.name).success && !catalog.includes(d.name)).map((d) => d.name).sort();
  for (const id of [...catalog, ...others]) {
    const manifest = await readManifest(modelsDir, id);
    if (manifest?.family === 'sd-inpaint') return manifest;
  }
  throw new AnyfillError('NOT_FOUND', NO_SD_PACK);
}

export async function openSdPack(modelsDir: string, manifest: PackManifest, pool: SessionPool): Promise<SdPack> {
  const pack: PackDevice = findCatalogPack(manifest.packId) ?? { family: manifest.family, recommendedDevice: 'any' };
  const models = {} as Record<SdRole, SdModel>;
  let device: DeviceInfo | undefined;
  const open = async (role: SdModel['role'], file: string): Promise<SdModel> => {
    const label = `Stable Diffusion ${TITLES[role]} (${manifest.packId})`;
    const key = `${manifest.packId}/${role}`;
    const opened = await pool.get(key, file, { providers: providersFor(pack), label, pack });
    let match = checked.get(opened.session);
    if (!match) {
      match = checkContract(opened.session, manifest.layout, role);
      checked.set(opened.session, match);
    }
    if (role === 'unet') device = opened.device;
    return { role, key, session: opened.session, match, label };
  };
  // One at a time: four sessions opened in parallel would only contend for the ORT worker.
  const fileOf = async (role: SdRole) => (await modelFileFor(manifest, role, resolvePackFile(modelsDir, manifest, role), manifest.roles[role] ?? role)).file;
  for (const role of SD_ROLES) models[role] = await open(role, await fileOf(role));
  const checker = optionalPackFile(modelsDir, manifest, 'safetyChecker');
  const unet = models.unet.match.variant;
  return {
    packId: manifest.packId,
    manifest,
    models,
    device: device!,
    schedule: await readSchedule(modelsDir, manifest),
    half: unet.kind === 'sd-unet' && unet.float === 'float16',
    safetyChecker: checker ? { model: await open('safetyChecker', checker.file), preprocess: await readClipPreprocess(modelsDir, manifest.packId) } : null,
  };
}

/** scheduler_config.json when the pack has one; SD 1.5's values otherwise (they are the same for every SD 1.x). */
async function readSchedule(modelsDir: string, manifest: PackManifest): Promise<ScheduleConfig> {
  if (!manifest.roles.scheduler) return SD15_SCHEDULE;
  const text = await fs.readFile(resolvePackFile(modelsDir, manifest, 'scheduler'), 'utf8').catch(() => null);
  if (text === null) return SD15_SCHEDULE;
  try {
    return parseScheduleConfig(JSON.parse(text));
  } catch {
    return SD15_SCHEDULE;
  }
}
