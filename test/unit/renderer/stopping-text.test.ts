// Runs in: test tooling. What the jobs bar says after Cancel: the step in flight finishes first, and the
// wait is the step's pace less the time it had already run when Cancel was pressed.
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src-shared/contract/job-payloads';
import { stepLeftMs, stoppingText } from '../../../src-renderer/jobs/stopping-text';

const running = (done: number, total: number, etaMs?: number): JobProgress =>
  ({
    jobId: 'job-1',
    kind: 'inpaint',
    state: 'running',
    done,
    total,
    phase: `Variant 1/1: step ${done}/${total - 1}`,
    ...(etaMs === undefined ? {} : { etaMs }),
  }) as JobProgress;

describe('stopping text', () => {
  it('says about how long the step in flight still runs', () => {
    // 10 units left in 60 s: 6 s a step; 2 s of this one had run when Cancel was pressed.
    const facts = { progress: running(5, 15, 60_000), unitStartedAt: 1_000, cancelledAt: 3_000 };
    expect(stepLeftMs(facts)).toBe(4_000);
    expect(stoppingText(facts)).toBe('Stopping after this step (about 4 s)…');
  });

  it('says "a moment" when the step is about to end or overdue', () => {
    expect(stoppingText({ progress: running(5, 15, 60_000), unitStartedAt: 1_000, cancelledAt: 6_000 })).toBe(
      'Stopping after this step (a moment)…',
    );
    expect(stoppingText({ progress: running(5, 15, 60_000), unitStartedAt: 1_000, cancelledAt: 20_000 })).toBe(
      'Stopping after this step (a moment)…',
    );
  });

  it('names no time before the pace is known', () => {
    expect(stoppingText({ progress: running(0, 15), unitStartedAt: 1_000, cancelledAt: 3_000 })).toBe('Stopping after this step…');
    expect(stoppingText({ cancelledAt: 3_000 })).toBe('Stopping after this step…');
  });
});
