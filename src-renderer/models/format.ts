// Runs in: renderer (pure, unit-tested). Numbers of the model manager in words: sizes, speeds, times,
// memory and the execution device.
import type { DeviceInfo, VerifyResult } from '../../src-shared/contract/model-payloads';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** Decimal units, as download sites and disk tools show them: 28.2 MB, 719 MB, 3.4 GB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // One decimal below 100 (28.2 MB), none above (719 MB); 99.96 would print as "100.0", so round first.
  const text = value < 99.95 ? value.toFixed(1) : String(Math.round(value));
  if (text === '1000' && unit < UNITS.length - 1) return `1.0 ${UNITS[unit + 1]}`;
  return `${text} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** "12 s left", "3 min 5 s left", "25 min left", "1 h 10 min left"; '' when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s left`;
  if (s < 600) return s % 60 === 0 ? `${s / 60} min left` : `${Math.floor(s / 60)} min ${s % 60} s left`;
  if (s < 3600) return `${Math.round(s / 60)} min left`;
  const h = Math.floor(s / 3600);
  const min = Math.round((s % 3600) / 60);
  return min === 0 ? `${h} h left` : `${h} h ${min} min left`;
}

/** The catalog's working-set estimate (decimal megabytes): "400 MB", "1.5 GB", "6 GB". */
export function formatMemory(memoryMB: number): string {
  if (memoryMB < 1000) return `${memoryMB} MB`;
  const gb = memoryMB / 1000;
  return `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;
}

export function percent(received: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((received / total) * 100)));
}

const DEVICE_NAMES: Record<DeviceInfo['name'], string> = {
  cpu: 'CPU',
  cuda: 'NVIDIA GPU (CUDA)',
  dml: 'GPU (DirectML)',
  coreml: 'Apple GPU / Neural Engine (Core ML)',
  webgpu: 'GPU (WebGPU)',
};

/**
 * "Runs on CPU — no CUDA provider installed". The note comes from the engine and may itself start with
 * "Running on CPU: …"; that prefix is dropped so the line never says it twice. CPU is always named.
 */
export function deviceLine(device: DeviceInfo): string {
  const head = `Runs on ${DEVICE_NAMES[device.name]}`;
  const rest = (device.note ?? '')
    .trim()
    .replace(/^(running|runs|will run)\s+on\s+[^.:;,—–]*[.:;,—–]?\s*/i, '')
    .replace(/\.$/, '');
  if (!rest) return head;
  // Lower-case a plain first word ("No CUDA…" → "no CUDA…"), never an acronym ("CUDA…").
  const tail = /^[A-Z][a-z]/.test(rest) ? rest[0]!.toLowerCase() + rest.slice(1) : rest;
  return `${head} — ${tail}`;
}

/** "Loaded on CPU in 0.4 s (2 models), warm-up 20 ms": what verify's real load found. */
export function loadSummary(result: Pick<VerifyResult, 'loads' | 'device'>): string {
  const loads = result.loads ?? [];
  if (loads.length === 0) return '';
  const ms = loads.reduce((n, l) => n + l.loadMs, 0);
  const warm = loads.reduce((n, l) => n + (l.warmUpMs ?? 0), 0);
  const where = result.device ? DEVICE_NAMES[result.device.name] : 'this machine';
  const count = loads.length === 1 ? '1 model' : `${loads.length} models`;
  return `Loaded on ${where} in ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`} (${count}), warm-up ${Math.round(warm)} ms.`;
}
