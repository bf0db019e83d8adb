// Runs in: test tooling. One inference at a time: FIFO, interactive before background, cancel before
// start, and latest-wins dropping superseded pending jobs.
import { describe, expect, it } from 'vitest';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';

/** A job that records its start and finishes when released. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return {
    job: async () => {
      log.push(name);
      await done;
      return name;
    },
    open,
  };
}
const settle = () => new Promise((r) => setImmediate(r));

describe('InferenceQueue', () => {
  it('runs one job at a time, in order', async () => {
    const q = new InferenceQueue();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string) => async () => {
      most = Math.max(most, ++running);
      log.push(name);
      await settle();
      running--;
      return name;
    };
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((n) => q.enqueue(job(n))))).toEqual(['a', 'b', 'c', 'd']);
    expect(log).toEqual(['a', 'b', 'c', 'd']);
    expect(most).toBe(1);
  });

  it('puts interactive jobs before waiting background ones, FIFO within each', async () => {
    const q = new InferenceQueue();
    const log: string[] = [];
    const first = gate(log, 'running');
    const all: Array<Promise<unknown>> = [q.enqueue(first.job, { priority: 'background' })];
    await settle();
    all.push(q.enqueue(() => log.push('bg1'), { priority: 'background' }));
    all.push(q.enqueue(() => log.push('i1')));
    all.push(q.enqueue(() => log.push('bg2'), { priority: 'background' }));
    all.push(q.enqueue(() => log.push('i2'), { priority: 'interactive' }));
    expect(q.size).toBe(4);
    first.open();
    await Promise.all(all);
    expect(log).toEqual(['running', 'i1', 'i2', 'bg1', 'bg2']);
  });

  it('orders jobs queued in the same tick by priority', async () => {
    const q = new InferenceQueue();
    const log: string[] = [];
    await Promise.all([q.enqueue(() => log.push('warm-up'), { priority: 'background' }), q.enqueue(() => log.push('click'))]);
    expect(log).toEqual(['click', 'warm-up']);
  });

  it('rejects a job cancelled before it starts, and never runs it; a running job gets its signal', async () => {
    const q = new InferenceQueue();
    const log: string[] = [];
    const first = gate(log, 'first');
    const running = q.enqueue(first.job);
    const ac = new AbortController();
    const waiting = q.enqueue(() => log.push('cancelled one'), { signal: ac.signal });
    const seen: Array<AbortSignal | undefined> = [];
    const after = q.enqueue((signal) => seen.push(signal), { signal: new AbortController().signal });
    ac.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AnyfillError', code: 'CANCELLED' });
    await expect(q.enqueue(() => 1, { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    first.open();
    await Promise.all([running, after]);
    expect(log).toEqual(['first']);
    expect(seen[0]).toBeInstanceOf(AbortSignal);
  });

  it('latestWins drops a superseded pending job for the same key, not the running one', async () => {
    const q = new InferenceQueue();
    const log: string[] = [];
    const hover1 = gate(log, 'hover 1');
    const running = q.latestWins('sam:hover', hover1.job);
    await settle();
    const hover2 = q.latestWins('sam:hover', () => log.push('hover 2'));
    const other = q.latestWins('gdino', () => log.push('other key'));
    const hover3 = q.latestWins('sam:hover', () => log.push('hover 3'));
    await expect(hover2).rejects.toMatchObject({ code: 'CANCELLED', message: 'Replaced by a newer request.' });
    hover1.open();
    await Promise.all([running, other, hover3]);
    expect(log).toEqual(['hover 1', 'other key', 'hover 3']);
  });

  it('passes failures through, keeps going, and reports idle', async () => {
    const q = new InferenceQueue();
    const failing = q.enqueue(() => Promise.reject(new Error('boom')));
    const next = q.enqueue(() => 'still runs');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('still runs');
    await q.idle();
    expect([q.busy, q.size]).toEqual([false, 0]);
    const log: string[] = [];
    const g = gate(log, 'x');
    const running = q.enqueue(g.job);
    await settle();
    const waiting = q.enqueue(() => 1);
    q.clear();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    g.open();
    await expect(running).resolves.toBe('x');
    await q.idle();
  });
});
