// Runs in: vitest (node). The engine's job queue: one job at a time in arrival order, progress events
// with an ETA, cancel while queued (never starts) or running (its signal fires), failures reported.
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src-shared/contract/job-payloads';
import { newJobId } from '../../../src-shared/document/ids';
import { JobQueue, type JobControl, type JobEvents } from '../../../src-main/engine/jobs/job-queue';
import { ProgressThrottle } from '../../../src-main/engine/jobs/progress-throttle';

function recordingContext(): { ctx: JobEvents; events: JobProgress[] } {
  const events: JobProgress[] = [];
  const ctx: JobEvents = { emit: (name, payload) => void (name === 'job.progress' && events.push(payload)) };
  return { ctx, events };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A job that runs until released, reporting steps; stops at the next step once its signal fires. */
function steppedJob(steps: number, log: string[], name: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const work = async (job: JobControl) => {
    log.push(`start ${name}`);
    await gate;
    for (let i = 1; i <= steps; i++) {
      job.signal.throwIfAborted();
      job.report(i, steps, `step ${i}`);
      await tick();
    }
    log.push(`end ${name}`);
    return name;
  };
  return { work, release: () => release() };
}

describe('job queue', () => {
  it('runs jobs one at a time in arrival order and reports queue positions', async () => {
    const q = new JobQueue();
    const { ctx, events } = recordingContext();
    const log: string[] = [];
    const a = steppedJob(3, log, 'a');
    const b = steppedJob(3, log, 'b');
    const [idA, idB] = [newJobId(), newJobId()];
    const pa = q.run(ctx, idA, 'fill', a.work);
    const pb = q.run(ctx, idB, 'fill', b.work);
    await tick();
    expect(log).toEqual(['start a']); // b waits
    expect(events.find((e) => e.jobId === idB && e.state === 'queued')?.position).toBe(1);
    a.release();
    b.release();
    await expect(pa).resolves.toBe('a');
    await expect(pb).resolves.toBe('b');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
    expect(events.filter((e) => e.jobId === idA).at(-1)?.state).toBe('done');
  });

  it('cancels a queued job without ever starting it, and a running one at its next check', async () => {
    const q = new JobQueue();
    const { ctx, events } = recordingContext();
    const log: string[] = [];
    const a = steppedJob(50, log, 'a');
    const b = steppedJob(1, log, 'b');
    const [idA, idB] = [newJobId(), newJobId()];
    const pa = q.run(ctx, idA, 'fill', a.work);
    const pb = q.run(ctx, idB, 'fill', b.work);
    expect(q.cancel(idB)).toBe(true);
    await expect(pb).rejects.toMatchObject({ code: 'CANCELLED' });
    a.release();
    await tick();
    expect(q.cancel(idA)).toBe(true);
    await expect(pa).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(log).toEqual(['start a']); // b never started, a never ended
    expect(events.filter((e) => e.jobId === idA).at(-1)?.state).toBe('cancelled');
    expect(q.cancel(idA)).toBe(false); // over
    // The queue still works afterwards.
    await expect(q.run(ctx, newJobId(), 'fill', async () => 42)).resolves.toBe(42);
  });

  it('reports a failing job with its error and keeps going', async () => {
    const q = new JobQueue();
    const { ctx, events } = recordingContext();
    const id = newJobId();
    await expect(q.run(ctx, id, 'fill', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const end = events.filter((e) => e.jobId === id).at(-1);
    expect(end?.state).toBe('failed');
    expect(end?.error?.code).toBe('INTERNAL');
  });

  it('refuses a second job with the same id while the first runs', async () => {
    const q = new JobQueue();
    const { ctx } = recordingContext();
    const log: string[] = [];
    const a = steppedJob(1, log, 'a');
    const id = newJobId();
    const pa = q.run(ctx, id, 'fill', a.work);
    await expect(q.run(ctx, id, 'fill', a.work)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    a.release();
    await pa;
  });
});

describe('progress throttle', () => {
  it('sends at most ten reports a second, always the last, with an ETA from the pace of the work itself', () => {
    let now = 0;
    const t = new ProgressThrottle(() => now);
    now = 5000; // the job spent 5 s loading before its first unit of work
    expect(t.accept(1, 10)).toEqual({}); // where the pace is measured from: no estimate yet
    now = 5030;
    expect(t.accept(2, 10)).toBeNull(); // 30 ms after the last one sent
    now = 5300;
    expect(t.accept(4, 10)).toEqual({ etaMs: 600 }); // 100 ms a unit since the work began, 6 to go
    now = 5310;
    expect(t.accept(10, 10)).toEqual({ etaMs: 0 }); // the end is never dropped
  });
});
