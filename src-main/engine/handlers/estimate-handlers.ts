// Runs in: engine process. generate.estimate: how long a generation would take here, before it starts.
import type { EngineHandler } from '../engine-context';
import { estimateGeneration } from '../estimate/estimate-service';
import { inferenceQueue, sessionPool } from '../runtime/engine-runtime';

export const generateEstimate: EngineHandler<'generate.estimate'> = (req, ctx) => estimateGeneration(req, { modelsDir: ctx.modelsDir, pool: sessionPool, queue: inferenceQueue });
