// Runs in: engine process and the CLI. [Note: cost limits] A project's checksums without holding the
// main thread: a 250 MP asset's PNG can be most of a gigabyte, over half a second of hashing in one go,
// so it is hashed a slice at a time with a turn of the event loop between slices (requests get answered).
import { createHash } from 'node:crypto';
import { nextTurn, SLICE_BYTES } from '../../common/slices';

export const HASH_SLICE_BYTES = SLICE_BYTES;

/** The hex sha256 of `bytes`, the same as hashing them in one call. */
export async function sha256InSlices(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  for (let at = 0; at < bytes.byteLength; at += HASH_SLICE_BYTES) {
    if (at > 0) await nextTurn();
    hash.update(bytes.subarray(at, at + HASH_SLICE_BYTES));
  }
  return hash.digest('hex');
}
