// Runs in: CLI (Node). What `anyfill run` will do before any model runs: the images in the folder (by
// extension, sorted by name), an output folder for each, the packs it will use, and whether an image's
// entry in the previous report can be reused (same bytes, same settings, outputs still there).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AnyfillError } from '../../src-shared/contract/errors';
import type { PackManifest } from '../../src-shared/models/catalog-schema';
import { findGdinoPack } from '../engine/detect/find-pack';
import { findEraserPack } from '../engine/erase/eraser-pack';
import { findSdPack } from '../engine/diffusion/sd-pack';
import { findSamPack } from '../engine/segment/sam-pack';
import type { BatchSettings, ImageEntry, ModelRef } from './report';

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.bmp', '.gif'];

export interface PlannedImage {
  /** File name inside the images folder. */
  input: string;
  file: string;
  /** Output folder name inside --out. */
  name: string;
}

/** Image files (sorted by name) and the other files, which are only mentioned. */
export async function listImages(dir: string): Promise<{ images: PlannedImage[]; ignored: string[] }> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
    throw new AnyfillError('NOT_FOUND', `Cannot read the folder ${dir} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
  const isImage = (f: string) => IMAGE_EXTENSIONS.includes(path.extname(f).toLowerCase());
  const names = files.filter(isImage);
  const stem = (f: string) => path.basename(f, path.extname(f));
  // "a.png" and "a.jpg" would share "a/": such names keep their extension ("a-png/", "a-jpg/").
  const clash = (f: string) => names.filter((g) => stem(g) === stem(f)).length > 1;
  const images = names.map((f) => ({ input: f, file: path.join(dir, f), name: clash(f) ? f.replace(/\.([^.]+)$/, '-$1') : stem(f) }));
  return { images, ignored: files.filter((f) => !isImage(f)) };
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

export interface Packs {
  gdino: PackManifest;
  sam: PackManifest;
  sd: PackManifest | null;
  eraser: PackManifest | null;
}

/**
 * The packs the batch will use; no SD pack is fine for remove (content-aware fill), not for replace. Remove
 * uses an installed eraser (MI-GAN or LaMa: erase/eraser-pack.ts) first, unless an SD pack was named.
 */
export async function findPacks(modelsDir: string, action: BatchSettings['action'], sdPackId?: string): Promise<Packs> {
  const gdino = await findGdinoPack(modelsDir);
  const sam = await findSamPack(modelsDir);
  const sd = await findSdPack(modelsDir, sdPackId).catch((err: unknown) => {
    if (action === 'remove' && sdPackId === undefined && err instanceof AnyfillError && err.code === 'NOT_FOUND') return null;
    throw err;
  });
  const eraser = action === 'remove' && sdPackId === undefined ? await findEraserPack(modelsDir) : null;
  return { gdino, sam, sd, eraser };
}

export function modelRefs(p: Packs): ModelRef[] {
  const ref = (role: ModelRef['role'], m: PackManifest): ModelRef => ({
    role,
    packId: m.packId,
    source: m.source,
    files: m.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
  });
  if (p.eraser) return [ref('detect', p.gdino), ref('segment', p.sam), ref('erase', p.eraser)];
  return [ref('detect', p.gdino), ref('segment', p.sam), ...(p.sd ? [ref('inpaint', p.sd)] : [])];
}

/** The earlier entry, as a 'skipped' one, when it finished with these bytes and settings and its files exist. */
export function reusable(prev: ImageEntry | undefined, sha: string, settings: BatchSettings, outDir: string): ImageEntry | null {
  if (!prev || prev.inputSha256 !== sha) return null;
  const finished = prev.status === 'skipped' ? prev.finished : prev.status;
  if (finished !== 'done' && finished !== 'no-detections') return null;
  if (JSON.stringify(prev.settings) !== JSON.stringify(settings)) return null;
  const files = Object.values(prev.outputs).filter((f): f is string => typeof f === 'string');
  if (!files.every((f) => existsSync(path.join(outDir, f)))) return null;
  return { ...prev, status: 'skipped', finished };
}
