// Runs in: benchmark (node). The cost twins as installed packs in a cache folder, written on first use and
// reused while complete: ANYFILL_TWINS_DIR or ~/.cache/anyfill-twins for the real size, a sibling folder
// per reduced width (`…-w0.25`), so the two never mix. Never in the repository.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readManifest } from '../../src-main/engine/models/pack-files';
import type { TwinPack } from '../../src-main/twins/catalog';
import { twinsDir, writeTwinPack } from '../../src-main/twins/write-twin';

export function twinsDirFor(width: number): string {
  return width === 1 ? twinsDir() : `${twinsDir()}-w${width}`;
}

/** Writes the pack unless its manifest, every model file and every listed size are already there. */
export async function ensurePack(dir: string, pack: TwinPack, width = 1): Promise<void> {
  const manifest = await readManifest(dir, pack.packId);
  const sizes = await Promise.all(
    (manifest?.files ?? []).map((f) =>
      stat(path.join(dir, pack.packId, f.path)).then(
        (s) => s.size === f.bytes,
        () => false,
      ),
    ),
  );
  const complete = manifest && pack.models.every((m) => manifest.files.some((f) => f.path === m.file)) && sizes.every(Boolean);
  if (complete) return;
  const t0 = performance.now();
  await writeTwinPack(dir, pack, width);
  console.log(`wrote the ${pack.packId} twin (width ${width}) to ${dir} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
