// Runs in: renderer (pure, unit-tested). The faster setup an estimate can offer ("Faster: LCM, 4 steps"): the
// first installed pack whose engine listing reports a fast path, with the settings to switch to. Taking it
// means generating with that pack, its steps, guidance and scheduler (the engine clamps LCM to ≤ 8 steps).
import type { PackStatus } from '../../src-shared/contract/model-payloads';

export interface FastPathOffer {
  packId: string;
  /** "Faster: LCM, 4 steps". */
  label: string;
  steps: number;
  guidance: number;
  scheduler: 'lcm';
}

export function fastPathOffer(packs: readonly PackStatus[] | undefined): FastPathOffer | null {
  const pack = packs?.find((p) => p.state === 'installed' && p.fastPath);
  const fast = pack?.fastPath;
  if (!pack || !fast) return null;
  return {
    packId: pack.id,
    label: `Faster: ${fast.label}, ${fast.steps} steps`,
    steps: fast.steps,
    guidance: fast.guidance,
    scheduler: fast.scheduler,
  };
}
