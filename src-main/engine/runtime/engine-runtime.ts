// Runs in: engine process (and the CLI). The engine's one inference queue and one session pool: every
// model run in the engine goes through these, so runs never overlap and a session is created once per
// model file. Built once per process by engine/services.ts (the CLI and tests build their own).
import { InferenceQueue } from './inference-queue';
import { SessionPool } from './session-pool';

export interface EngineRuntime {
  readonly inferenceQueue: InferenceQueue;
  readonly sessionPool: SessionPool;
}

export function createEngineRuntime(): EngineRuntime {
  const inferenceQueue = new InferenceQueue();
  return { inferenceQueue, sessionPool: new SessionPool({ queue: inferenceQueue }) };
}
