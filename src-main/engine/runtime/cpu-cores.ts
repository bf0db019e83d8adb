// Runs in: engine process. How many threads one ORT run should use: the physical cores this process
// may really use. Hyperthreads slow ORT's kernels down, and in a container neither Node nor ORT sees
// the CPU quota, so a 2-CPU container on a 64-core host would otherwise start 64 threads.
import { readFileSync } from 'node:fs';
import os from 'node:os';

let cores: number | undefined;

export function physicalCores(): number {
  cores ??= Math.max(1, Math.min(cpuinfoCores() ?? Infinity, cgroupQuota() ?? Infinity, os.availableParallelism()));
  return cores;
}

/** Distinct (physical id, core id) pairs in /proc/cpuinfo; undefined off Linux or where it lacks them (ARM). */
function cpuinfoCores(): number | undefined {
  try {
    const ids = new Set<string>();
    for (const block of readFileSync('/proc/cpuinfo', 'utf8').split(/\n\s*\n/)) {
      const core = /core id\s*:\s*(\d+)/.exec(block)?.[1];
      if (core !== undefined) ids.add(`${/physical id\s*:\s*(\d+)/.exec(block)?.[1] ?? 0}:${core}`);
    }
    return ids.size > 0 ? ids.size : undefined;
  } catch {
    return undefined;
  }
}

/** The cgroup v2 CPU limit ("200000 100000" → 2), rounded up; undefined when unlimited or unknown. */
function cgroupQuota(): number | undefined {
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (!quota || quota === 'max' || !period) return undefined;
    return Math.ceil(Number(quota) / Number(period)) || undefined;
  } catch {
    return undefined;
  }
}
