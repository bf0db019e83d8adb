// Runs in: engine process. generate.estimate: the calls a generation makes (sd-cost.ts) at the speed this
// machine measured for the pack (or a rough one, said so), the load when its sessions are not open, and,
// when that is long, what faster settings would take (offers.ts), each estimated the same way.
import { promises as fs } from 'node:fs';
import type { EstimateSettings, GenerateEstimate, GenerateEstimateRequest } from '../../../src-shared/contract/estimate-payloads';
import { PackIdSchema } from '../../../src-shared/models/catalog-schema';
import { fastPathOf } from '../../../src-shared/models/fast-path';
import { processingSize } from '../diffusion/crop';
import { planOutpaint } from '../diffusion/outpaint-plan';
import { readManifest } from '../models/pack-files';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { SessionPool } from '../runtime/session-pool';
import { keepFaster, offerDrafts } from './offers';
import { packInfo, speedFor } from './pack-speed';
import { estimateParts, sdCalls, totalMs } from './sd-cost';

export interface EstimateDeps {
  modelsDir: string;
  pool: SessionPool;
  queue: InferenceQueue;
}

/** The processing size and window count of the job (0 windows: a fill). */
function jobShape(job: GenerateEstimateRequest['job']): { size: { width: number; height: number }; windows: number } {
  if (job.kind === 'inpaint') return { size: job.processingSize, windows: 0 };
  const plan = planOutpaint(job.imageSize.width, job.imageSize.height, job.extend);
  const first = plan.windows[0]!;
  return { size: processingSize(first.width, first.height), windows: plan.windows.length };
}

async function estimateOne(s: EstimateSettings, job: GenerateEstimateRequest['job'], deps: EstimateDeps) {
  const info = await packInfo(deps.modelsDir, s.packId, deps.pool);
  const { size, windows } = jobShape(job);
  const { speed, calibrated } = await speedFor(deps.modelsDir, info, size, deps.queue);
  const parts = estimateParts(sdCalls({ ...s, lcm: fastPathOf(info.manifest) !== undefined }, windows), speed, info.loaded);
  return { packId: info.manifest.packId, device: info.device, loaded: info.loaded, calibrated, parts, totalMs: Math.round(totalMs(parts)) };
}

/** Installed sd-inpaint packs with the LCM fast path (catalog `fastPath`, or an LCM layout). */
async function lcmPacks(modelsDir: string): Promise<string[]> {
  const dirs = await fs.readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const ids = dirs.filter((d) => d.isDirectory() && PackIdSchema.safeParse(d.name).success).map((d) => d.name);
  const installed = await Promise.all(
    ids.map(async (id) => {
      const manifest = await readManifest(modelsDir, id);
      return manifest?.family === 'sd-inpaint' && fastPathOf(manifest) ? id : null;
    }),
  );
  return installed.filter((id): id is string => id !== null).sort();
}

export async function estimateGeneration(req: GenerateEstimateRequest, deps: EstimateDeps): Promise<GenerateEstimate> {
  const main = await estimateOne(req.settings, req.job, deps);
  const drafts = offerDrafts({ ...req.settings, packId: main.packId }, await lcmPacks(deps.modelsDir), req.job.kind === 'outpaint');
  const offers = [];
  for (const d of drafts) {
    const e = await estimateOne(d.settings, req.job, deps);
    offers.push({ label: d.label, settings: d.settings, totalMs: e.totalMs, calibrated: e.calibrated });
  }
  return { ...main, offers: keepFaster(main.totalMs, offers) };
}
