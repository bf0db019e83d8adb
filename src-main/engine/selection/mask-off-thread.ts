// Runs in: engine process. [Note: cost limits] A selection's full-resolution mask without holding up the
// engine's main thread (which must answer the host's heartbeat and app.info at once): a replay estimated
// under a few tenths of a second runs here, a larger one (up to the cost limit) in a worker thread.
import { AnyfillError, fromErrorData, type AnyfillErrorData } from '../../../src-shared/contract/errors';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import type { Mask } from '../../../src-shared/masks';
import { checkReplayCost, replayVisits } from '../../../src-shared/selection/replay-cost';
import type { Pixels } from '../images/pixels';
import { startWorker } from '../runtime/start-worker';
import { checkNonEmpty, fullResSelectionMask } from './full-res-mask';

/** About 0.4 s of brush painting at 22 ns a visit; a worker's start costs more than this saves. */
export const MAIN_THREAD_VISITS = 2e7;

type Reply = { ok: true; width: number; height: number; data: Uint8Array } | { ok: false; error: AnyfillErrorData };

export async function selectionMaskOffThread(layer: SelectionLayer, pixels: Pixels): Promise<Mask> {
  checkReplayCost(layer, pixels.width, pixels.height);
  if (replayVisits(layer, pixels.width, pixels.height) <= MAIN_THREAD_VISITS) return fullResSelectionMask(layer, pixels);
  const worker = startWorker('mask-worker', __dirname);
  try {
    const reply = await new Promise<Reply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new AnyfillError('INTERNAL', 'The selection could not be computed.', `mask worker exited with ${code}`)),
      );
      worker.postMessage({ layer, pixels: { width: pixels.width, height: pixels.height, channels: pixels.channels, data: pixels.data } });
    });
    if (!reply.ok) throw fromErrorData(reply.error);
    return { width: reply.width, height: reply.height, data: reply.data };
  } finally {
    void worker.terminate();
  }
}

/** selectionMaskOffThread, refusing an empty mask or one that leaves nothing of the image (fill, inpaint). */
export async function nonEmptyMaskOffThread(layer: SelectionLayer, pixels: Pixels): Promise<Mask> {
  return checkNonEmpty(layer, await selectionMaskOffThread(layer, pixels));
}
