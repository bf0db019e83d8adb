// Runs in: engine process. detect.run: text prompt → numbered boxes (Grounding DINO), see ../detect.
import type { EngineHandler } from '../engine-context';
import { detect } from '../detect/detect';
import { inferenceQueue, sessionPool } from '../runtime/engine-runtime';

export const detectRun: EngineHandler<'detect.run'> = async (req, ctx) => {
  const result = await detect(ctx, req, { pool: sessionPool, queue: inferenceQueue });
  return {
    ...result,
    detections: result.detections.map(({ index, label, phrase, score, box }) => ({ index, label, phrase, score, box })),
  };
};
