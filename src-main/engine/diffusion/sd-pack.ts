// Runs in: engine process (and the CLI). The installed SD inpainting pack a request uses (the one asked for,
// else the catalog default, else any sd-inpaint pack) and its four sessions from the shared pool, each
// checked against its contract once, with the export variant (dtypes, timestep rank, VAE output) read
// from session metadata (model-contracts §5.2, §5.3, §7); an LCM pack (Optimum layout, 4-channel UNet with a
// guidance embedding) opens the same way and runs through denoisers.ts. The optional safety checker is opened
// and checked the same way when the pack has one (safety.ts), and an installed tiny VAE beside it (tiny-vae.ts).
// A VAE encoder that samples in-graph opens as its repeatable copy (models/model-file.ts), so a seed
// gives the same bytes every run.
import { promises as fs } from 'node:fs';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import { PackIdSchema, type PackManifest } from '../../../src-shared/models/catalog-schema';
import { loadCatalog } from '../models/catalog';
import { modelFileFor } from '../models/model-file';
import { optionalPackFile, readManifest, resolvePackFile } from '../models/pack-files';
import type { SessionPool } from '../runtime/session-pool';
import { readClipPreprocess } from './clip-preprocess';
import { parseScheduleConfig, SD15_SCHEDULE, type ScheduleConfig } from './schedulers/index';
import { openSdModel, type SdModelRole } from './sd-model';
import { openTinyVae, type TinyVae } from './tiny-vae';
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
  /** 'inpaint': a 9-channel inpainting UNet; 'lcm': a latent-consistency text-to-image UNet (denoisers.ts). */
  kind: 'inpaint' | 'lcm';
  /** The UNet's float I/O: fp16 packs are the ones that produce NaN on CPU (Pitfall 11). */
  half: boolean;
  /** safety_checker/model.onnx when the pack has it: every variant goes through it (safety.ts). */
  safetyChecker: SafetyChecker | null;
  /** An installed tiny VAE (TAESD) for step previews and, by choice, the VAE runs (tiny-vae.ts). */
  tinyVae: TinyVae | null;
}

const TITLES: Record<SdModelRole, string> = {
  textEncoder: 'text encoder',
  unet: 'UNet',
  vaeEncoder: 'VAE encoder',
  vaeDecoder: 'VAE decoder',
  safetyChecker: 'safety checker',
};

export async function findSdPack(modelsDir: string, packId?: string): Promise<PackManifest> {
  if (packId !== undefined) {
    const manifest = PackIdSchema.safeParse(packId).success ? await readManifest(modelsDir, packId) : null;
    if (!manifest) throw new AnyfillError('NOT_FOUND', `Model pack "${packId}" is not installed: open Models… to download it.`);
    if (manifest.family !== 'sd-inpaint')
      throw new AnyfillError(
        'BAD_REQUEST',
        `Model pack "${packId}" is a ${manifest.family} model, not a generative-fill (SD inpainting) model.`,
      );
    return manifest;
  }
  const catalog = loadCatalog()
    .packs.filter((p) => p.family === 'sd-inpaint')
    .sort((a, b) => Number(b.default ?? false) - Number(a.default ?? false))
    .map((p) => p.id);
  const dirs = await fs.readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const others = dirs
    .filter((d) => d.isDirectory() && PackIdSchema.safeParse(d.name).success && !catalog.includes(d.name))
    .map((d) => d.name)
    .sort();
  for (const id of [...catalog, ...others]) {
    const manifest = await readManifest(modelsDir, id);
    if (manifest?.family === 'sd-inpaint') return manifest;
  }
  throw new AnyfillError('NOT_FOUND', NO_SD_PACK);
}

export async function openSdPack(modelsDir: string, manifest: PackManifest, pool: SessionPool): Promise<SdPack> {
  const models = {} as Record<SdRole, SdModel>;
  let device: DeviceInfo | undefined;
  const open = async (role: SdModelRole, file: string): Promise<SdModel> => {
    const { device: on, ...model } = await openSdModel(pool, manifest, role, file, `Stable Diffusion ${TITLES[role]}`);
    if (role === 'unet') device = on;
    return model;
  };
  // One at a time: four sessions opened in parallel would only contend for the ORT worker.
  const fileOf = async (role: SdRole) =>
    (await modelFileFor(manifest, role, resolvePackFile(modelsDir, manifest, role), manifest.roles[role] ?? role)).file;
  for (const role of SD_ROLES) models[role] = await open(role, await fileOf(role));
  const checker = optionalPackFile(modelsDir, manifest, 'safetyChecker');
  const unet = models.unet.match.variant;
  return {
    packId: manifest.packId,
    manifest,
    models,
    device: device!,
    schedule: await readSchedule(modelsDir, manifest),
    kind: unet.kind === 'sd-lcm-unet' ? 'lcm' : 'inpaint',
    half: (unet.kind === 'sd-unet' || unet.kind === 'sd-lcm-unet') && unet.float === 'float16',
    safetyChecker: checker
      ? { model: await open('safetyChecker', checker.file), preprocess: await readClipPreprocess(modelsDir, manifest.packId) }
      : null,
    // Previews are a nicety: a tiny VAE that fails to open leaves the pack's own VAE and the latent preview.
    tinyVae: await openTinyVae(modelsDir, pool).catch(() => null),
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
