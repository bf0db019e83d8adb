// Runs in: renderer (pure). How an estimate reads: "about 6 min on this CPU", "about 40 s on the GPU";
// "rough" until the pack has run on this machine once (then it is this machine's measured speed).
import type { GenerateEstimate } from '../../src-shared/contract/estimate-payloads';

const DEVICES: Record<string, string> = {
  cpu: 'this CPU',
  cuda: 'the GPU (CUDA)',
  dml: 'the GPU (DirectML)',
  coreml: 'Core ML',
  webgpu: 'the GPU',
};

/** "about 40 s", "about 6 min", "about 1 h 20 min". */
export function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `about ${s} s`;
  const min = Math.round(s / 60);
  return min < 90 ? `about ${min} min` : `about ${Math.floor(min / 60)} h ${min % 60} min`;
}

export function estimateWords(e: Pick<GenerateEstimate, 'totalMs' | 'device' | 'calibrated'>): string {
  const where = DEVICES[e.device] ?? e.device;
  return `${duration(e.totalMs)[0]!.toUpperCase()}${duration(e.totalMs).slice(1)} on ${where}${e.calibrated ? '' : ' (rough: measured after the first run)'}`;
}

export function offerWords(o: GenerateEstimate['offers'][number]): string {
  return `Faster: ${o.label} (${duration(o.totalMs)}${o.calibrated ? '' : ', rough'})`;
}
