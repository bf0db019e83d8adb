// Runs in: engine process. The fingerprints a pipeline log records: sha256 of decoded pixels (so a
// re-encoded but identical picture hashes the same) and the per-file sha256 of the model pack used.
import { createHash } from 'node:crypto';
import type { PackFileHash } from '../../../src-shared/contract/provenance-payloads';
import { readManifest } from '../models/pack-files';

/** Raw bytes that feed pixelSha256; a fill patch is a typed array, a decoded image a Buffer. */
interface RawPixels {
  readonly data: Uint8Array;
}

// Decoded images stay in memory as the same object, so their (tens of MB) hash is computed once.
const memo = new WeakMap<object, string>();

/** sha256 (hex) of the pixel bytes as decoded: 8-bit, interleaved, rows top to bottom, no header. */
export function pixelSha256(p: RawPixels): string {
  const hit = memo.get(p);
  if (hit) return hit;
  const h = createHash('sha256').update(p.data).digest('hex');
  memo.set(p, h);
  return h;
}

/** The pack's files and their sha256 as its manifest recorded them at install time ([] without one). */
export async function packFileHashes(modelsDir: string, packId: string): Promise<PackFileHash[]> {
  const manifest = await readManifest(modelsDir, packId);
  return manifest ? manifest.files.map((f) => ({ path: f.path, sha256: f.sha256 })) : [];
}
