// Runs in: engine's ORT worker thread. Owns every real ORT session of the engine: onnxruntime-node runs a
// model synchronously on the calling thread, so runs happen here and the engine's event loop stays free.
// One such thread per runtime lane (lanes.ts): its lane sets the threads per session and the priority.
import { parentPort, workerData } from 'node:worker_threads';
import { AnyfillError, toErrorData } from '../../../src-shared/contract/errors';
import { createSession } from './create-session';
import { physicalCores } from './cpu-cores';
import { lanePolicy, lowerThisThread, type RuntimeLane } from './lanes';
import { errorText } from './model-errors';
import { loadOrt, type InferenceSession, type Tensor } from './ort';
import { HeldTensors } from './held-tensors';
import {
  MissingHeldTensor,
  packTensors,
  unpackTensors,
  type OpenedData,
  type Reply,
  type Request,
  type RunData,
  type TensorMap,
} from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('ort-worker must run in a worker thread');

const lane: RuntimeLane = (workerData as { lane?: RuntimeLane } | null)?.lane ?? 'interactive';
const policy = lanePolicy(lane, physicalCores());
// Before any session exists: the ORT threads a session starts inherit this thread's priority.
lowerThisThread(policy.nice);

const sessions = new Map<number, InferenceSession>();
const held = new HeldTensors();
let nextSid = 1;

port.on('message', (req: Request) => {
  void handle(req).then(
    ({ value, transfer, evicted }) => {
      const reply = { id: req.id, ok: true, value, ...(evicted?.length ? { evicted } : {}) } satisfies Reply;
      try {
        port.postMessage(reply, transfer);
      } catch {
        port.postMessage(reply); // a buffer that cannot move (memory the runtime owns) is copied instead
      }
    },
    (err: unknown) => port.postMessage(failure(req.id, err)),
  );
});

interface Handled {
  value: OpenedData | RunData | null;
  transfer?: ArrayBuffer[];
  evicted?: number[];
}

async function handle(req: Request): Promise<Handled> {
  switch (req.op) {
    case 'open': {
      const { session, device, applied } = await createSession(req.filePath, {
        ...req.opts,
        intraOpThreads: policy.intraOpThreads,
        memArena: policy.memArena,
      });
      const sid = nextSid++;
      sessions.set(sid, session);
      const { inputNames, outputNames, inputMetadata, outputMetadata } = session;
      // structuredClone: the metadata objects may carry getters from the binding; plain copies cross.
      return {
        value: structuredClone({
          sid,
          device,
          applied,
          inputNames: [...inputNames],
          outputNames: [...outputNames],
          inputMetadata,
          outputMetadata,
        }),
      };
    }
    case 'run': {
      const Ctor = loadOrt().Tensor as unknown as Parameters<typeof unpackTensors>[1];
      const s = session(req.sid);
      const { tensors, evicted } = held.resolve(req.feeds);
      const start = performance.now();
      const outputs = await s.run(unpackTensors(tensors, Ctor));
      const runMs = performance.now() - start;
      // onnxruntime-node hands back fresh JS buffers for CPU outputs: they move to the engine, uncopied.
      const { map, transfer } = packTensors(outputs as Record<string, Tensor>, undefined, true);
      return { value: { outputs: map as TensorMap, runMs }, transfer, evicted };
    }
    case 'release': {
      const s = sessions.get(req.sid);
      sessions.delete(req.sid);
      await s?.release();
      return { value: null };
    }
    case 'crash':
      // Not worker.terminate(): terminating a thread inside a native run aborts the whole process.
      process.exit(70);
  }
}

function session(sid: number): InferenceSession {
  const s = sessions.get(sid);
  if (!s) throw new AnyfillError('INTERNAL', 'The model session was released before this run.');
  return s;
}

function failure(id: number, err: unknown): Reply {
  // AnyfillErrors (load failures, mapped here with the file at hand) cross as data; ORT's run errors
  // cross as text so the engine's runError maps them with the caller's label.
  if (err instanceof MissingHeldTensor) return { id, ok: false, missing: err.heldId };
  if (err instanceof AnyfillError) return { id, ok: false, error: toErrorData(err) };
  return { id, ok: false, raw: errorText(err) };
}
