// Runs in: engine process. Which execution providers a pack tries on this machine, and the device it
// would run on, in plain words: running on CPU is never silent.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import { loadOrt, type DeviceName } from './ort';

/** `available`: shipped in the npm package, or its provider library was installed next to it. */
export interface Backend {
  name: string;
  available: boolean;
}
export interface ProviderEnv {
  platform: NodeJS.Platform;
  backends: readonly Backend[];
}
export type PackDevice = Pick<CatalogPack, 'family' | 'recommendedDevice'> & { precision?: CatalogPack['precision'] };

export const CUDA_HELP = 'see "GPU (CUDA) on Linux" in the README';
const FP16_ON_CPU = 'fp16 models are slow and may produce NaN on CPU; use the fp32 pack.';

let backends: Backend[] | undefined;

/** onnxruntime-node's backends. Throws when the native binding cannot load. */
export function listBackends(): Backend[] {
  if (backends) return backends;
  const dirs = ortBinDirs();
  // bundled:false means "not in the npm package"; the install script may have added it (CUDA on Linux).
  backends = loadOrt()
    .listSupportedBackends()
    .map((b) => ({ name: b.name, available: b.bundled || hasProviderLib(dirs, b.name) }));
  return backends;
}

/** Where onnxruntime-node keeps its native libraries (bin/napi-v*\/<platform>/<arch>); the CUDA install adds its own here. */
export function ortBinDirs(): string[] {
  try {
    const binRoot = path.join(path.dirname(path.dirname(require.resolve('onnxruntime-node'))), 'bin');
    return readdirSync(binRoot)
      .filter((d) => d.startsWith('napi-v'))
      .map((d) => path.join(binRoot, d, process.platform, process.arch));
  } catch {
    return [];
  }
}

function hasProviderLib(dirs: string[], name: string): boolean {
  const file = process.platform === 'win32' ? `onnxruntime_providers_${name}.dll` : `libonnxruntime_providers_${name}.so`;
  return dirs.some((d) => existsSync(path.join(d, file)));
}

export function currentProviderEnv(): ProviderEnv {
  let list: Backend[] = [];
  try {
    list = listBackends();
  } catch {
    // onnxruntime failed to load: every session will fail too, with its own error.
  }
  return { platform: process.platform, backends: list };
}

/** Providers to try in order; the last is always CPU. */
export function providersFor(pack: PackDevice, env: ProviderEnv = currentProviderEnv()): DeviceName[] {
  const has = (name: string) => env.backends.some((b) => b.name === name && b.available);
  const { platform } = env;
  if (has('cuda') && (platform === 'linux' || platform === 'win32')) {
    // On Windows DirectML is the next best thing when CUDA can't start (driver mismatch, no NVIDIA card).
    return platform === 'win32' && has('dml') ? ['cuda', 'dml', 'cpu'] : ['cuda', 'cpu'];
  }
  if (platform === 'win32' && has('dml')) return ['dml', 'cpu'];
  // CPU-recommended packs (quantised, small) run as well or better on CPU than through Core ML's partitioning.
  if (platform === 'darwin' && has('coreml') && pack.recommendedDevice !== 'cpu') return ['coreml', 'cpu'];
  return ['cpu'];
}

/** The device a pack would run on, with a note for the user. openSession reports what actually started. */
export function deviceFor(pack: PackDevice, env: ProviderEnv = currentProviderEnv()): DeviceInfo {
  const first = providersFor(pack, env)[0] ?? 'cpu';
  if (first !== 'cpu') return { name: first, note: `Running on ${deviceLabel(first)}.` };
  return { name: 'cpu', note: cpuNote(`Running on CPU: ${cpuReason(pack, env)}.`, pack) };
}

export function deviceLabel(name: DeviceName): string {
  const labels: Record<DeviceName, string> = {
    cpu: 'CPU',
    cuda: 'the GPU (CUDA)',
    dml: 'the GPU (DirectML)',
    coreml: 'Core ML',
    webgpu: 'WebGPU',
  };
  return labels[name];
}

/** Adds the warnings that matter only on CPU to a CPU note. */
export function cpuNote(note: string, pack?: Pick<PackDevice, 'recommendedDevice' | 'precision'>): string {
  const extra: string[] = [];
  if (pack?.precision === 'fp16') extra.push(FP16_ON_CPU);
  else if (pack?.recommendedDevice === 'gpu') extra.push('This pack is made for a GPU and will be slow.');
  return [note, ...extra].join(' ');
}

function cpuReason(pack: PackDevice, env: ProviderEnv): string {
  switch (env.platform) {
    case 'darwin':
      return pack.recommendedDevice === 'cpu' ? 'this pack is made for the CPU' : 'Core ML is not available in this ONNX Runtime';
    case 'win32':
      return 'DirectML is not available in this ONNX Runtime';
    case 'linux':
      return `no GPU provider is installed (${CUDA_HELP})`;
    default:
      return 'ONNX Runtime has no GPU provider for this platform';
  }
}
