// Runs in: engine process. The engine's stand-in for an ORT InferenceSession: names and metadata copied
// when the worker created the real session, run() sends tensors to the worker and rebuilds the outputs.
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { OpenOptions } from './create-session';
import { onClientStopped, ortClient, runtimeStopped, type OrtClient } from './ort-client';
import { loadOrt, type Feeds, type InferenceSession, type Outputs, type Tensor } from './ort';
import { residentId } from './resident-tensors';
import { MissingHeldTensor, packTensors, unpackTensors, type OpenedData, type RunData } from './worker-protocol';

/** session.run's own time inside the worker, per outputs object (what a benchmark calls the model's time). */
const runTimes = new WeakMap<Outputs, number>();
export function workerRunMs(outputs: Outputs): number | undefined {
  return runTimes.get(outputs);
}

const live = new Map<OrtClient, Set<WorkerSession>>();
onClientStopped((client) => {
  for (const s of live.get(client) ?? []) s.stopped = true;
  live.delete(client);
});

export class WorkerSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: InferenceSession['inputMetadata'];
  readonly outputMetadata: InferenceSession['outputMetadata'];
  /** True once the worker holding the real session died: the session pool then forgets it. */
  stopped = false;
  private released = false;

  constructor(
    private readonly client: OrtClient,
    private readonly sid: number,
    data: OpenedData,
  ) {
    this.inputNames = data.inputNames;
    this.outputNames = data.outputNames;
    this.inputMetadata = data.inputMetadata;
    this.outputMetadata = data.outputMetadata;
  }

  async run(feeds: Feeds): Promise<Outputs> {
    if (this.stopped) throw runtimeStopped();
    let data: RunData;
    try {
      data = await this.send(feeds);
    } catch (err) {
      // The worker dropped a resident tensor since we last looked: once more, sending it in full.
      if (!(err instanceof MissingHeldTensor)) throw err;
      data = await this.send(feeds);
    }
    const Ctor = loadOrt().Tensor as unknown as Parameters<typeof unpackTensors>[1];
    const outputs = unpackTensors(data.outputs, Ctor);
    runTimes.set(outputs, data.runMs);
    return outputs;
  }

  /** One run request: resident tensors by reference where the worker holds them, else sent to be held. */
  private send(feeds: Feeds): Promise<RunData> {
    const held = this.client.held;
    const { map, transfer } = packTensors(feeds as Record<string, Tensor>, (t) => {
      const id = residentId(t.data);
      if (id === undefined) return undefined;
      if (held.has(id)) return { held: id };
      held.add(id);
      return { hold: id };
    });
    return this.client.request<RunData>({ op: 'run', sid: this.sid, feeds: map }, transfer);
  }

  async release(): Promise<void> {
    if (this.released || this.stopped) return;
    this.released = true;
    live.get(this.client)?.delete(this);
    await this.client.request({ op: 'release', sid: this.sid });
  }
}

/** Creates the session inside the worker; load errors arrive as the AnyfillErrors the worker mapped. */
export async function openInWorker(
  filePath: string,
  opts: OpenOptions,
): Promise<{ session: InferenceSession; device: DeviceInfo; applied: string[] }> {
  const client = ortClient(opts.lane);
  const data = await client.request<OpenedData>({ op: 'open', filePath, opts });
  const session = new WorkerSession(client, data.sid, data);
  if (!client.alive) session.stopped = true;
  else live.set(client, (live.get(client) ?? new Set()).add(session));
  // Callers type sessions as InferenceSession; this implements the part of it Anyfill uses.
  return { session: session as unknown as InferenceSession, device: data.device, applied: data.applied };
}

/** True for a session whose worker died: it can never run again. */
export function isStopped(session: InferenceSession): boolean {
  return session instanceof WorkerSession && session.stopped;
}

/** Tests only: the worker exits when it reads this, failing whatever is queued behind it. */
export async function crashWorkerForTests(): Promise<void> {
  await ortClient()
    .request({ op: 'crash' })
    .catch(() => undefined);
}
