// Runs in: engine process (pure). The steps and scheduler an LCM pack runs with, whatever the request asked:
// always the LCM scheduler (an LCM UNet is distilled for it), and at most 8 steps (LCM's 2–8, performance.md
// [S34]); a request for more (the editor's 25-step default) gets the fast path's 4.
import { LCM_FAST_PATH } from '../../../src-shared/models/fast-path';
import type { SchedulerName } from './schedulers/index';

export function lcmSettings(steps: number): { steps: number; scheduler: SchedulerName } {
  return { steps: steps > LCM_FAST_PATH.maxSteps ? LCM_FAST_PATH.steps : steps, scheduler: 'lcm' };
}
