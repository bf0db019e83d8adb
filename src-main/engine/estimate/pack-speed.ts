// Runs in: engine process. The SD pack a generation uses, whether its sessions are open, the device it
// runs on, and the speed this machine measured for it (speed.json), or a rough one from published compute
// and the probe's GMAC/s (measured once per device and kept) before it has run here.
import { findCatalogPack } from '../models/catalog';
import { findSdPack, SD_ROLES } from '../diffusion/sd-pack';
import { deviceFor } from '../runtime/execution-providers';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { SessionPool } from '../runtime/session-pool';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { measureGmacPerS } from './machine-probe';
import { roughSpeed } from '../diffusion/published-cost';
import type { SdSpeed } from './sd-cost';
import { packSpeed, readSpeeds, speedKey, updateSpeeds } from './speed-store';

/**
 * The share of the probe's GMAC/s a whole model reaches. Measured side by side here (2 vCPU AMD EPYC,
 * heavily shared): the SD UNet twin at 1/5 width ran a CFG evaluation (52.8 GMAC) at 6–8 GMAC/s while the
 * probe gave 5–5.5, so about 1; the full-size pair was not measured together. A rough estimate is only
 * that, and says so: the first run replaces it with this machine's measured figures.
 */
const MODEL_EFFICIENCY = 1;

export interface PackSpeedInfo {
  manifest: PackManifest;
  device: string;
  loaded: boolean;
}

export async function packInfo(modelsDir: string, packId: string | undefined, pool: SessionPool): Promise<PackSpeedInfo> {
  const manifest = await findSdPack(modelsDir, packId);
  const catalog = findCatalogPack(manifest.packId) ?? { family: manifest.family, recommendedDevice: 'any' as const };
  const loaded = SD_ROLES.every((role) => pool.has(`${manifest.packId}/${role}`));
  return { manifest, device: deviceFor(catalog).name, loaded };
}

/** The measured speed at this size, or a rough one (calibrated: false). */
export async function speedFor(
  modelsDir: string,
  info: PackSpeedInfo,
  size: { width: number; height: number },
  queue: InferenceQueue,
): Promise<{ speed: SdSpeed; calibrated: boolean }> {
  const file = await readSpeeds(modelsDir);
  const measured = packSpeed(file, speedKey(info.manifest.packId, info.device, size.width, size.height));
  if (measured) return { speed: measured, calibrated: true };
  let gmacPerS = file.machine[info.device]?.gmacPerS;
  if (gmacPerS === undefined) {
    const probed = await measureGmacPerS(queue);
    gmacPerS = probed;
    // Kept so the probe runs once per device; a read-only models folder only means it runs again next time.
    await updateSpeeds(modelsDir, (f) => void (f.machine[info.device] = { gmacPerS: probed, at: new Date().toISOString() })).catch(
      () => undefined,
    );
  }
  const bytes = info.manifest.files.reduce((n, f) => n + f.bytes, 0);
  return { speed: roughSpeed(size.width, size.height, gmacPerS, bytes, MODEL_EFFICIENCY), calibrated: false };
}

/** The measured speed at this size, if this pack has run here at it. */
export async function measuredSpeed(
  modelsDir: string,
  packId: string,
  device: string,
  size: { width: number; height: number },
): Promise<SdSpeed | undefined> {
  return packSpeed(await readSpeeds(modelsDir), speedKey(packId, device, size.width, size.height));
}
