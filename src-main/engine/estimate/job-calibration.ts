// Runs in: engine process. A generation job's part in its own estimates: it opens the pack first (timing
// the load when the sessions were not open), weights its progress units by this machine's measured ms per
// call, and when it ends well records what each call took (calibrate.ts) under pack + device + size, so
// the next estimate, after a restart too, is this machine's. Recording never fails the job.
import { openPack } from '../diffusion/inpaint-service';
import type { PipelineHooks, PipelineTimings } from '../diffusion/inpaint-pipeline';
import { calibrate } from './calibrate';
import { callWeights, type CallWeights } from '../diffusion/call-weights';
import { packInfo } from './pack-speed';
import { roughSpeed } from '../diffusion/published-cost';
import { unetMs, type SdCalls, type SdSpeed } from './sd-cost';
import { packSpeed, readSpeeds, speedKey, updateSpeeds, type SpeedFile } from './speed-store';

type Size = { width: number; height: number };

export interface JobCalibration {
  weights(width: number, height: number, rows: 1 | 2): CallWeights;
  record(size: Size, calls: SdCalls, timings: PipelineTimings, totalMs: number): Promise<void>;
}

/**
 * The weights of every pipeline run of one job. fresh: this job opened the sessions, so a first UNet call
 * carries its warm-up; an outpaint's later windows count it too (their first calls are warm, a few % over),
 * so every window has the same units and the job stays one unit system for eta.ts. onPace: the ms per unit
 * when this machine has measured the pack, for the time left before the job's own pace is measured.
 */
export function jobWeights(
  speedAt: (size: Size) => SdSpeed | undefined,
  fresh: boolean,
  onPace?: (msPerUnit: number) => void,
): NonNullable<PipelineHooks['weights']> {
  return (width, height, rows) => {
    const speed = speedAt({ width, height });
    const w = callWeights(width, height, rows, speed, fresh);
    if (speed) onPace?.(unetMs(speed, rows) / rows / w.unetRow);
    return w;
  };
}

export async function startCalibration(
  modelsDir: string,
  packId: string | undefined,
  deps: PipelineHooks,
  onPace?: (msPerUnit: number) => void,
): Promise<JobCalibration> {
  const info = await packInfo(modelsDir, packId, deps.pool);
  const at = performance.now();
  const pack = await openPack(modelsDir, info.manifest.packId, deps);
  const openMs = info.loaded ? 0 : performance.now() - at;
  const device = pack.device.name;
  const speeds: SpeedFile = await readSpeeds(modelsDir);
  const key = (s: Size) => speedKey(pack.packId, device, s.width, s.height);
  const bytes = info.manifest.files.reduce((n, f) => n + f.bytes, 0);
  return {
    weights: jobWeights((size) => packSpeed(speeds, key(size)), openMs > 0, onPace),
    record: async (size, calls, timings, totalMs) => {
      try {
        await updateSpeeds(modelsDir, (f) => {
          const prev = f.packs[key(size)];
          const rough = roughSpeed(size.width, size.height, 1, bytes, 1);
          const speed = calibrate(prev?.speed, { calls, timings, openMs, totalMs }, rough);
          f.packs[key(size)] = { speed, runs: (prev?.runs ?? 0) + 1, at: new Date().toISOString() };
        });
      } catch {
        // An unwritable models folder leaves the next estimate rough; the result itself is fine.
      }
    },
  };
}
