// Runs in: engine process and the CLI. [Note: cost limits] Work over a whole image's bytes a slice at a
// time with a turn of the event loop between slices: at the pixel cap one pass over the pixels is most of
// a gigabyte, over half a second in one go, and the engine's main thread must keep answering requests.

/** About 5 ms of copying or hashing on this class of machine: short enough for a request to slip in. */
export const SLICE_BYTES = 8 * 1024 ** 2;

export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `src` copied into shared memory, a slice per event-loop turn: a worker thread then reads it without the
 * whole-buffer copy that posting a Buffer makes on the main thread (about 0.75 s per gigabyte).
 */
export async function shareInSlices(src: Uint8Array): Promise<Uint8Array> {
  const shared = new Uint8Array(new SharedArrayBuffer(src.byteLength));
  for (let at = 0; at < src.byteLength; at += SLICE_BYTES) {
    if (at > 0) await nextTurn();
    shared.set(src.subarray(at, at + SLICE_BYTES), at);
  }
  return shared;
}
