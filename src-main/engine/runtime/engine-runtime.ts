// Runs in: engine process (and the CLI). The engine's inference queues and session pools, one of each per
// runtime lane (lanes.ts): runs never overlap within a lane and a session is created once per model file
// and lane. Interactive (SAM, Grounding DINO): inferenceQueue/sessionPool. Background (diffusion, the
// learned eraser): backgroundQueue/backgroundPool, so a click is answered while a generation runs. Built
// once per process by engine/services.ts (the CLI and tests build their own).
import { InferenceQueue } from './inference-queue';
import { SessionPool } from './session-pool';

export interface Lane {
  readonly pool: SessionPool;
  readonly queue: InferenceQueue;
}

export interface EngineRuntime {
  readonly inferenceQueue: InferenceQueue;
  readonly sessionPool: SessionPool;
  readonly backgroundQueue: InferenceQueue;
  readonly backgroundPool: SessionPool;
  /** Closes a pack's sessions in both lanes (a re-download, import or removal replaces its files). */
  releasePackSessions(packId: string): Promise<void>;
  /** The lane a model family runs on: generation and the learned eraser in the background, the rest interactive. */
  runtimeFor(family: string | undefined): Lane;
}

/** interactive: a queue and pool built elsewhere (tests that watch or fake interactive runs); default: new ones. */
export function createEngineRuntime(interactive?: Pick<EngineRuntime, 'inferenceQueue' | 'sessionPool'>): EngineRuntime {
  const inferenceQueue = interactive?.inferenceQueue ?? new InferenceQueue();
  const sessionPool = interactive?.sessionPool ?? new SessionPool({ queue: inferenceQueue });
  const backgroundQueue = new InferenceQueue();
  const backgroundPool = new SessionPool({ queue: backgroundQueue, lane: 'background' });
  return {
    inferenceQueue,
    sessionPool,
    backgroundQueue,
    backgroundPool,
    async releasePackSessions(packId) {
      const ofPack = (key: string) => key.startsWith(`${packId}/`);
      await Promise.all([sessionPool.releaseWhere(ofPack), backgroundPool.releaseWhere(ofPack)]);
    },
    runtimeFor: (family) =>
      family === 'sd-inpaint' || family === 'eraser'
        ? { pool: backgroundPool, queue: backgroundQueue }
        : { pool: sessionPool, queue: inferenceQueue },
  };
}
