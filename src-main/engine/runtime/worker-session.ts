// Runs in: engine process. The engine's stand-in for an ORT InferenceSession: names and metadata copied
// when the worker created the real session, run() sends tensors to the worker and rebuilds the outputs.
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { OpenOptions } from './create-session';
import { onClientStopped, ortClient, runtimeStopped, type OrtClient } from './ort-client';
import { loadOrt, type Feeds, type InferenceSession, type Outputs } from './ort';
import { packTensors, unpackTensors, type OpenedData, type TensorMap } from './worker-protocol';

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

  constructor(private readonly client: OrtClient, private readonly sid: number, data: OpenedData) {
    this.inputNames = data.inputNames;
    this.outputNames = data.outputNames;
    this.inputMetadata = data.inputMetadata;
    this.outputMetadata = data.outputMetadata;
  }

  async run(feeds: Feeds): Promise<Outputs> {
    if (this.stopped) throw runtimeStopped();
    const { map, transfer } = packTensors(feeds);
    const out = await this.client.request<TensorMap>({ op: 'run', sid: this.sid, feeds: map }, transfer);
    const Ctor = loadOrt().Tensor as unknown as Parameters<typeof unpackTensors>[1];
    return unpackTensors(out, Ctor);
  }

  async release(): Promise<void> {
    if (this.released || this.stopped) return;
    this.released = true;
    live.get(this.client)?.delete(this);
    await this.client.request({ op: 'release', sid: this.sid });
  }
}

/** Creates the session inside the worker; load errors arrive as the AnyfillErrors the worker mapped. */
export async function openInWorker(filePath: string, opts: OpenOptions): Promise<{ session: InferenceSession; device: DeviceInfo }> {
  const client = ortClient();
  const data = await client.request<OpenedData>({ op: 'open', filePath, opts });
  const session = new WorkerSession(client, data.sid, data);
  if (!client.alive) session.stopped = true;
  else live.set(client, (live.get(client) ?? new Set()).add(session));
  // Callers type sessions as InferenceSession; this implements the part of it Anyfill uses.
  return { session: session as unknown as InferenceSession, device: data.device };
}

/** True for a session whose worker died: it can never run again. */
export function isStopped(session: InferenceSession): boolean {
  return session instanceof WorkerSession && session.stopped;
}

/** Tests only: the worker exits when it reads this, failing whatever is queued behind it. */
export async function crashWorkerForTests(): Promise<void> {
  await ortClient().request({ op: 'crash' }).catch(() => undefined);
}
