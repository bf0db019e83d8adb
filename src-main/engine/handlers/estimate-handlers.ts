// Runs in: engine process. generate.estimate: how long a generation would take here, before it starts.
import type { EngineHandler } from '../engine-context';
import { estimateGeneration } from '../estimate/estimate-service';

export const generateEstimate: EngineHandler<'generate.estimate'> = (req, ctx) => {
  // Generation runs on the background lane: whether its pack is loaded is asked of that lane's pool.
  const { backgroundPool: pool, backgroundQueue: queue } = ctx.services.runtime;
  return estimateGeneration(req, { modelsDir: ctx.modelsDir, pool, queue });
};
