// Runs in: engine process. The engine's inference queues and session pools, one of each per runtime lane
// (lanes.ts): runs never overlap within a lane and a session is created once per model file and lane.
// Interactive (SAM, Grounding DINO): inferenceQueue/sessionPool. Background (diffusion, the learned
// eraser): backgroundQueue/backgroundPool, so a click is answered while a generation runs.
import { InferenceQueue } from './inference-queue';
import { SessionPool } from './session-pool';

export const inferenceQueue = new InferenceQueue();
export const sessionPool = new SessionPool({ queue: inferenceQueue });
export const backgroundQueue = new InferenceQueue();
export const backgroundPool = new SessionPool({ queue: backgroundQueue, lane: 'background' });

/** Closes a pack's sessions in both lanes (a re-download, import or removal replaces its files). */
export async function releasePackSessions(packId: string): Promise<void> {
  const ofPack = (key: string) => key.startsWith(`${packId}/`);
  await Promise.all([sessionPool.releaseWhere(ofPack), backgroundPool.releaseWhere(ofPack)]);
}

/** The lane a model family runs on: generation and the learned eraser in the background, the rest interactive. */
export function runtimeFor(family: string | undefined): { pool: SessionPool; queue: InferenceQueue } {
  return family === 'sd-inpaint' || family === 'eraser' ? { pool: backgroundPool, queue: backgroundQueue } : { pool: sessionPool, queue: inferenceQueue };
}
