// Runs in: engine process. [Note: cost limits] The layered export's CPU-heavy pixel steps (compositing the
// document, encoding the PSD) in a worker thread, so the engine's main thread still answers the host's
// heartbeat and app.info while a 12 MP export runs. The pixels are copied in (the asset store keeps its
// own), the result's buffer is transferred back.
import { AnyfillError, fromErrorData, type AnyfillErrorData } from '../../../src-shared/contract/errors';
import type { CompositeLayer } from '../images/composite';
import { startWorker } from '../runtime/start-worker';
import type { PsdPart } from './psd-layers';

export type ExportTask =
  | { task: 'composite'; width: number; height: number; layers: CompositeLayer[] }
  | { task: 'psd'; width: number; height: number; parts: PsdPart[]; composite: Buffer };

export type ExportReply = { ok: true; data: Uint8Array } | { ok: false; error: AnyfillErrorData };

export async function exportOffThread(task: ExportTask): Promise<Buffer> {
  const worker = startWorker('export-worker', __dirname);
  try {
    const reply = await new Promise<ExportReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new AnyfillError('INTERNAL', 'The export could not be made.', `export worker exited with ${code}`)));
      worker.postMessage(task);
    });
    if (!reply.ok) throw fromErrorData(reply.error);
    return Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength);
  } finally {
    void worker.terminate();
  }
}
