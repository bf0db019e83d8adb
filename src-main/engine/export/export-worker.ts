// Runs in: export worker thread. One composite or PSD encoding of a layered export off the engine's main
// thread ([Note: cost limits]): receives the pixels (Buffers arrive as plain Uint8Arrays), posts the
// bytes with their buffer transferred.
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../../src-shared/contract/errors';
import { compositeLayers } from '../images/composite';
import type { Pixels } from '../images/pixels';
import type { ExportReply, ExportTask } from './export-off-thread';
import { writeLayeredPsd } from './psd-layers';

const port = parentPort;
if (!port) throw new Error('export-worker must run as a worker thread');

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const asPixels = (p: Pixels): Pixels => ({ ...p, data: asBuffer(p.data) });

function run(task: ExportTask): Buffer {
  if (task.task === 'composite')
    return compositeLayers(
      task.width,
      task.height,
      task.layers.map((l) => ({ ...l, pixels: asPixels(l.pixels) })),
    );
  const parts = task.parts.map((p) => ({ ...p, pixels: asPixels(p.pixels) }));
  return writeLayeredPsd(task.width, task.height, parts, asBuffer(task.composite));
}

port.once('message', (task: ExportTask) => {
  try {
    const out = run(task);
    const data = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    port.postMessage({ ok: true, data } satisfies ExportReply, [out.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ ok: false, error: toErrorData(err) } satisfies ExportReply);
  }
  port.close();
});
