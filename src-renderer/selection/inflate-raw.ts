// Runs in: renderer. Synchronous raw-DEFLATE inflate of a click's logits (2–5 KB), so the mask is built in
// the same frame as the click's undo step. fflate (small, maintained, no dependencies) does the work:
// the browser's DecompressionStream is asynchronous and costs frames on a busy main thread.
import { inflateSync } from 'fflate';

/** Inflates raw DEFLATE data; throws on damaged or truncated input. */
export function inflateRawSync(data: Uint8Array): Uint8Array {
  return inflateSync(data);
}
