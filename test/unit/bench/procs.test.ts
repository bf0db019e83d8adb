// Runs in: test tooling. The flows benchmark's per-process figures: several Chromium renderers are one role
// whose peak is the largest (the editor's page) and whose CPU is summed; CPU between two readings counts a
// process that started meanwhile (a generation's own process, say) from zero. And /proc read for real:
// this test's own process tree holds a child it started, with CPU time and a peak RSS.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { byRole, cpuBetween, processTree, type Proc } from '../../bench/flows/procs';

const p = (pid: number, role: string, cpuMs: number, peakMiB: number | null): Proc => ({
  pid,
  role,
  cpuMs,
  peakRssBytes: peakMiB === null ? null : peakMiB * 2 ** 20,
});

describe('per-process figures', () => {
  it('groups by role: CPU summed, peak RSS the largest', () => {
    const r = byRole([
      p(1, 'host', 100, 90),
      p(2, 'engine', 5000, 4000),
      p(3, 'chromium renderer', 300, 200),
      p(4, 'chromium renderer', 50, 600),
    ]);
    expect(r['chromium renderer']).toEqual({ cpuMs: 350, peakRssBytes: 600 * 2 ** 20, count: 2 });
    expect(r.engine!.peakRssBytes).toBe(4000 * 2 ** 20);
  });

  it('CPU between readings, a process that appeared meanwhile counted from zero', () => {
    const before = [p(1, 'host', 100, 90), p(2, 'engine', 5000, 4000)];
    const after = [p(1, 'host', 160, 90), p(2, 'engine', 9000, 4100), p(7, 'generation', 2500, 3000)];
    expect(cpuBetween(before, after)).toEqual({ host: 60, engine: 4000, generation: 2500 });
  });

  it.runIf(process.platform === 'linux')('reads a real child process from /proc', async () => {
    const child = spawn(process.execPath, ['-e', 'let x = 0; for (let i = 0; i < 3e7; i++) x += i; setTimeout(() => {}, 5000)']);
    try {
      await new Promise((r) => setTimeout(r, 700));
      const procs = await processTree([child.pid!]);
      const me = procs.find((q) => q.pid === child.pid);
      expect(me?.role).toBe('host'); // the first root is the host by definition
      expect(me!.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
      expect(me!.cpuMs).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });
});
