// Runs in: benchmark (node). The machine every figure was measured on, named from Linux /proc (CPU model,
// cores, RAM), with Node's view as the fallback elsewhere, and the busy-ness at the start (load average).
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  /** Logical CPUs this process may use. */
  cores: number;
  ramGiB: number;
  /** 1-minute load average when the run started: above `cores`, other work shared the CPU. */
  loadAtStart: number;
  accelerator: string;
}

function fromProc(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** `accelerator`: what the app ran the models on (from `anyfill info`); the CPU provider unless told. */
export function describeMachine(accelerator = 'none used: onnxruntime-node CPU execution provider'): Machine {
  const cpuinfo = fromProc('/proc/cpuinfo');
  const model = cpuinfo && /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim();
  const cores = cpuinfo ? cpuinfo.split('\n').filter((l) => /^processor\s*:/.test(l)).length : os.cpus().length;
  const meminfo = fromProc('/proc/meminfo');
  const kb = meminfo && /^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1];
  return {
    cpu: model || os.cpus()[0]?.model.trim() || 'unknown CPU',
    cores: cores || os.cpus().length,
    ramGiB: Math.round((kb ? Number(kb) * 1024 : os.totalmem()) / 2 ** 30),
    loadAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
    accelerator,
  };
}

export const machineLine = (m: Machine): string =>
  `${m.cpu}, ${m.cores} logical CPUs, ${m.ramGiB} GiB RAM, ${m.accelerator} (load average ${m.loadAtStart} at start)`;
