// Runs in: selection-mask worker thread. One full-resolution selection replay off the engine's main thread
// ([Note: cost limits]): receives the layer and the image's pixels, posts the mask (its buffer transferred).
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../../src-shared/contract/errors';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import type { Pixels } from '../images/pixels';
import { fullResSelectionMask } from './full-res-mask';

const port = parentPort;
if (!port) throw new Error('mask-worker must run as a worker thread');

port.once('message', (msg: { layer: SelectionLayer; pixels: Omit<Pixels, 'data'> & { data: Uint8Array } }) => {
  try {
    const { data, ...size } = msg.pixels;
    const mask = fullResSelectionMask(msg.layer, { ...size, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
    port.postMessage({ ok: true, width: mask.width, height: mask.height, data: mask.data }, [mask.data.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ ok: false, error: toErrorData(err) });
  }
  port.close();
});
