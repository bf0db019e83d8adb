// Runs in: benchmark (node). Peak resident memory of processes, read from Linux /proc (VmHWM).
import { readFile, readdir } from 'node:fs/promises';

export async function peakRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null; // not Linux, or the process is gone
  }
}

async function parentOf(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  const m = stat && /\) \S (\d+)/.exec(stat);
  return m ? Number(m[1]) : null;
}

async function descendsFromUs(pid: number): Promise<boolean> {
  for (let p: number | null = pid, hops = 0; p && p > 1 && hops < 10; hops++) {
    if (p === process.pid) return true;
    p = await parentOf(p);
  }
  return false;
}

/** Largest peak RSS among the Chromium processes this benchmark started, of one type (e.g. "renderer"). */
export async function peakRssOfTree(type: string): Promise<number | null> {
  let best: number | null = null;
  const pids = await readdir('/proc').then(
    (all) => all.filter((p) => /^\d+$/.test(p)),
    () => null,
  );
  if (!pids) return null; // not Linux
  for (const pid of pids) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmd.includes(`--type=${type}`) || cmd.includes('--extension-process') || !(await descendsFromUs(Number(pid)))) continue;
    const rss = await peakRss(Number(pid));
    if (rss !== null && (best === null || rss > best)) best = rss;
  }
  return best;
}
