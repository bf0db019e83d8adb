// Runs in: engine process. [Note: cost limits] The layered export's CPU-heavy pixel steps (compositing the
// document, encoding the PSD) in a worker thread, so the engine's main thread still answers the host's
// heartbeat and app.info while a 12 MP export runs. The pixels are copied into shared memory a slice at
// a time (the asset store keeps its own; posting a Buffer would copy it in one go on this thread), the
// result's buffer is transferred back.
import { AnyfillError, fromErrorData, type AnyfillErrorData } from '../../../src-shared/contract/errors';
import { shareInSlices } from '../../common/slices';
import type { CompositeLayer } from '../images/composite';
import type { Pixels } from '../images/pixels';
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
      worker.once('exit', (code) =>
        reject(new AnyfillError('INTERNAL', 'The export could not be made.', `export worker exited with ${code}`)),
      );
      void shared(task).then((t) => worker.postMessage(t), reject);
    });
    if (!reply.ok) throw fromErrorData(reply.error);
    return Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength);
  } finally {
    void worker.terminate();
  }
}

/** The task with every pixel buffer in shared memory, so posting it copies no pixels. */
async function shared(task: ExportTask): Promise<ExportTask> {
  const share = async <P extends { pixels: Pixels }>(p: P): Promise<P> => ({
    ...p,
    pixels: { ...p.pixels, data: (await shareInSlices(p.pixels.data)) as Buffer },
  });
  if (task.task === 'composite') {
    const layers: CompositeLayer[] = [];
    for (const l of task.layers) layers.push(await share(l));
    return { ...task, layers };
  }
  const parts: PsdPart[] = [];
  for (const p of task.parts) {
    const part = await share(p);
    parts.push(part.kind === 'selection' ? { ...part, mask: { ...part.mask, data: await shareInSlices(part.mask.data) } } : part);
  }
  return { ...task, parts, composite: (await shareInSlices(task.composite)) as Buffer };
}
