// Runs in: engine process (and the CLI). Before a generation loads its models: the memory the SD pack will
// take against what the machine has free, so a pack that cannot fit is named plainly before anything runs,
// instead of the system killing the engine (or swapping for minutes) halfway through. Models already open
// cost nothing more; the working memory of the largest run is counted once.
import os from 'node:os';
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { formatBytes } from '../images/limits';
import { SD_ROLES, type SdRole } from './sd-pack';

/**
 * ORT holds each model's weights in memory, about its files' bytes once the session is open (4.28 GB
 * after a run with the full-size fp32 twins' 4.27 GB of files, test/bench/generation-memory.ts).
 */
export const WEIGHT_FACTOR = 1.0;
/**
 * The largest single run's working memory (the VAE decode or the UNet at 512², background lane: no arena,
 * one guidance row per run) per byte of UNet weights: measured ~1.0 GB over the weights for the fp32 UNet's
 * 3.44 GB (0.29 B/B); 0.45 leaves room for the engine's images and the interactive lane. An fp16 pack (half
 * the weights, half-size activations) needs about half. At least MIN_WORKING_BYTES.
 */
export const WORKING_PER_UNET_BYTE = 0.45;
export const MIN_WORKING_BYTES = 256 * 1024 ** 2;

/** The folder of a role's model file: the model and its external data (unet/model.onnx + unet/weights.pb). */
const folderOf = (file: string) => path.posix.dirname(file);

/** Bytes a generation still needs: the files of every model not open yet, plus one run's working memory. */
export function generationNeed(manifest: PackManifest, isOpen: (role: SdRole) => boolean): number {
  const bytesIn = (folders: Set<string>) => manifest.files.filter((f) => folders.has(folderOf(f.path))).reduce((n, f) => n + f.bytes, 0);
  const toOpen = new Set(SD_ROLES.filter((r) => manifest.roles[r] && !isOpen(r)).map((r) => folderOf(manifest.roles[r]!)));
  const unet = manifest.roles.unet ? bytesIn(new Set([folderOf(manifest.roles.unet)])) : 0;
  return bytesIn(toOpen) * WEIGHT_FACTOR + Math.max(MIN_WORKING_BYTES, unet * WORKING_PER_UNET_BYTE);
}

/** Free memory now: what the OS could give without swapping (Linux MemAvailable), within a container's limit. */
export function freeMemory(): number {
  const free = os.freemem();
  const limit = process.constrainedMemory?.() ?? 0;
  // A cgroup limit below the machine's memory: this process's share is what the limit leaves.
  return limit > 0 && limit < os.totalmem() ? Math.min(free, Math.max(0, limit - process.memoryUsage.rss())) : free;
}

/** TOO_LARGE with what to do when `need` exceeds `free`; null when it fits. */
export function memoryShortfall(packId: string, need: number, free: number): AnyfillError | null {
  if (need <= free) return null;
  return new AnyfillError(
    'TOO_LARGE',
    `Generative fill with "${packId}" needs about ${formatBytes(need)} of free memory; this computer has ${formatBytes(free)} free now. Close other programs and try again, or install a smaller pack (fp16 on a GPU).`,
    `need ${need} B, free ${free} B`,
  );
}
