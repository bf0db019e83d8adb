// Runs in: engine process (pure). Builds the scheduler the user picked; see each file for its maths.
import { ddim } from './ddim';
import { dpmpp2mKarras } from './dpmpp-2m-karras';
import { eulerAncestral } from './euler-ancestral';
import { lcm } from './lcm';
import { pndm } from './pndm';
import type { Scheduler, SchedulerName, SchedulerOptions } from './types';

export { SCHEDULER_NAMES, type Scheduler, type SchedulerName, type SchedulerOptions } from './types';
export { parseScheduleConfig, SD15_SCHEDULE, type ScheduleConfig } from './schedule';

const FACTORIES: Record<SchedulerName, (o: SchedulerOptions) => Scheduler> = {
  ddim,
  pndm,
  'euler-a': eulerAncestral,
  'dpmpp-2m-karras': dpmpp2mKarras,
  lcm,
};

export function createScheduler(name: SchedulerName, opts: SchedulerOptions): Scheduler {
  if (!Number.isInteger(opts.steps) || opts.steps < 1 || opts.steps > 1000)
    throw new RangeError(`steps must be 1..1000, got ${opts.steps}`);
  if (!(opts.strength > 0 && opts.strength <= 1)) throw new RangeError(`strength must be in (0, 1], got ${opts.strength}`);
  return FACTORIES[name](opts);
}
