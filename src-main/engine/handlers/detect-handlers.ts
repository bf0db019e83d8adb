// Runs in: engine process. detect.run: text prompt → numbered boxes (Grounding DINO), see ../detect.
import type { EngineHandler } from '../engine-context';
import { detect } from '../detect/detect';

export const detectRun: EngineHandler<'detect.run'> = async (req, ctx) => {
  const result = await detect(ctx, req);
  return {
    ...result,
    detections: result.detections.map(({ index, label, phrase, score, box }) => ({ index, label, phrase, score, box })),
  };
};
