// Runs in: engine process. The engine's one inference queue and one session pool: every model run in the
// engine goes through these, so runs never overlap and a session is created once per model file.
import { InferenceQueue } from './inference-queue';
import { SessionPool } from './session-pool';

export const inferenceQueue = new InferenceQueue();
export const sessionPool = new SessionPool({ queue: inferenceQueue });
