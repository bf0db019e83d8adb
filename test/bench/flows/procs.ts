// Runs in: benchmark (node). The processes of one benchmark run, read from Linux /proc: the browser host,
// every process under it (the engine, and any worker or generation process the app starts), and the
// Chromium processes this benchmark launched, each with its CPU time so far and its peak RSS (VmHWM).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { peakRss } from '../proc-memory';

export interface Proc {
  pid: number;
  /** host, engine, chromium renderer, chromium gpu-process, … */
  role: string;
  /** User + system CPU time of all its threads, ms. */
  cpuMs: number;
  peakRssBytes: number | null;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

async function stat(pid: number): Promise<{ ppid: number; cpuMs: number } | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // Fields after the command's closing parenthesis: state ppid … utime(14) stime(15).
  const rest = text?.slice(text.lastIndexOf(')') + 2).split(' ');
  if (!rest || rest.length < 13) return null;
  return { ppid: Number(rest[1]), cpuMs: (Number(rest[11]) + Number(rest[12])) * TICK_MS };
}

function roleOf(cmd: string[], isHost: boolean): string {
  if (isHost) return 'host';
  // Chromium's child processes rewrite their title: one NUL-less string, arguments joined by spaces.
  const type = /--type=(\S+)/.exec(cmd.join(' '))?.[1];
  if (/chrom/i.test(cmd[0] ?? '')) return `chromium ${type ?? 'browser'}`;
  const script = cmd.slice(1).find((a) => /\.(c|m)?js$/.test(a));
  const name = script
    ?.split('/')
    .pop()
    ?.replace(/\.(c|m)?js$/, '');
  return name === 'engine' ? 'engine' : (name ?? cmd[0]?.split('/').pop() ?? 'process');
}

/** The processes descending from `roots` (the roots included), with their CPU time and peak RSS. */
export async function processTree(roots: readonly number[]): Promise<Proc[]> {
  const pids = await readdir('/proc').then(
    (all) => all.filter((p) => /^\d+$/.test(p)).map(Number),
    () => [] as number[],
  );
  const parent = new Map<number, { ppid: number; cpuMs: number }>();
  for (const pid of pids) {
    const s = await stat(pid);
    if (s) parent.set(pid, s);
  }
  const under = (pid: number) => {
    for (let p: number | undefined = pid, hops = 0; p && hops < 12; hops++, p = parent.get(p)?.ppid) if (roots.includes(p)) return true;
    return false;
  };
  const out: Proc[] = [];
  for (const [pid, s] of parent) {
    if (!under(pid) || pid === process.pid) continue; // this benchmark's own process is not the app
    const cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean);
    if (cmd.length === 0 || cmd.join(' ').includes('--extension-process') || /esbuild/.test(cmd[0]!)) continue; // esbuild: tsx's, not the app's
    out.push({ pid, role: roleOf(cmd, pid === roots[0]), cpuMs: s.cpuMs, peakRssBytes: await peakRss(pid) });
  }
  return out;
}

/** Starts a new peak-RSS window for these processes (Linux: "5" to clear_refs resets VmHWM); false if refused. */
export async function resetPeaks(pids: readonly number[]): Promise<boolean> {
  const done = await Promise.all(
    pids.map((pid) =>
      writeFile(`/proc/${pid}/clear_refs`, '5').then(
        () => true,
        () => false,
      ),
    ),
  );
  return done.every(Boolean);
}

/** Per role: CPU ms summed, peak RSS the largest (several renderers: the busiest one is the editor's). */
export function byRole(procs: readonly Proc[]): Record<string, { cpuMs: number; peakRssBytes: number | null; count: number }> {
  const out: Record<string, { cpuMs: number; peakRssBytes: number | null; count: number }> = {};
  for (const p of procs) {
    const r = (out[p.role] ??= { cpuMs: 0, peakRssBytes: null, count: 0 });
    r.cpuMs += p.cpuMs;
    r.count++;
    if (p.peakRssBytes !== null) r.peakRssBytes = Math.max(r.peakRssBytes ?? 0, p.peakRssBytes);
  }
  return out;
}

/** CPU ms of each role between two readings (roles that appeared meanwhile count from 0). */
export function cpuBetween(before: readonly Proc[], after: readonly Proc[]): Record<string, number> {
  const a = byRole(before);
  const out: Record<string, number> = {};
  for (const [role, r] of Object.entries(byRole(after))) out[role] = r.cpuMs - (a[role]?.cpuMs ?? 0);
  return out;
}

/**
 * The largest peak RSS seen per role while it runs, sampled every `everyMs`: a process that dies meanwhile
 * (an engine killed for memory, then restarted) keeps the peak it had reached by its last sample. The app's
 * processes are also made the first the kernel ends when memory runs out (oom_score_adj 1000).
 */
export function watchPeaks(roots: readonly number[], everyMs = 2000): { stop(): Promise<Record<string, number>> } {
  const best: Record<string, number> = {};
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    for (const p of await processTree(roots)) {
      if (p.peakRssBytes !== null) best[p.role] = Math.max(best[p.role] ?? 0, p.peakRssBytes);
      // On a shared machine the kernel's out-of-memory choice falls on the app under test, not on others' work.
      if (!p.role.startsWith('chromium')) await writeFile(`/proc/${p.pid}/oom_score_adj`, '1000').catch(() => undefined);
    }
    busy = false;
  };
  const timer = setInterval(() => void sample(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 50));
      await sample();
      return best;
    },
  };
}
