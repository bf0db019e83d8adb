// Runs in: test tooling. Which providers each platform and pack tries, and the note that says why a
// pack runs on CPU (never silent).
import { describe, expect, it } from 'vitest';
import { DeviceInfoSchema } from '../../../src-shared/contract/model-payloads';
import { deviceFor, listBackends, providersFor, type ProviderEnv } from '../../../src-main/engine/runtime/execution-providers';

const env = (platform: NodeJS.Platform, ...available: string[]): ProviderEnv => ({
  platform,
  backends: ['cpu', 'cuda', 'dml', 'coreml', 'webgpu'].map((name) => ({ name, available: name === 'cpu' || available.includes(name) })),
});
const gpuPack = { family: 'sam1', recommendedDevice: 'any', precision: 'fp32' } as const;
const cpuPack = { family: 'sd-inpaint', recommendedDevice: 'cpu', precision: 'fp32' } as const;

describe('providersFor', () => {
  it.each([
    ['linux with CUDA installed', env('linux', 'cuda'), gpuPack, ['cuda', 'cpu']],
    ['linux without CUDA', env('linux'), gpuPack, ['cpu']],
    ['windows', env('win32', 'dml'), gpuPack, ['dml', 'cpu']],
    ['windows with CUDA installed', env('win32', 'cuda', 'dml'), gpuPack, ['cuda', 'dml', 'cpu']],
    ['macOS', env('darwin', 'coreml'), gpuPack, ['coreml', 'cpu']],
    ['macOS, a CPU pack', env('darwin', 'coreml'), cpuPack, ['cpu']],
    ['CUDA with a CPU-recommended pack still uses the GPU', env('linux', 'cuda'), cpuPack, ['cuda', 'cpu']],
    ['another platform', env('freebsd', 'cuda'), gpuPack, ['cpu']],
  ] as const)('%s', (_, e, pack, expected) => {
    expect(providersFor(pack, e)).toEqual(expected);
  });
});

describe('deviceFor', () => {
  it('names the GPU provider it would use', () => {
    expect(deviceFor(gpuPack, env('linux', 'cuda'))).toEqual({ name: 'cuda', note: 'Running on the GPU (CUDA).' });
    expect(deviceFor(gpuPack, env('win32', 'dml'))).toEqual({ name: 'dml', note: 'Running on the GPU (DirectML).' });
  });

  it('says why it runs on CPU, and warns about fp16 and GPU packs there', () => {
    expect(deviceFor(gpuPack, env('linux')).note).toBe(
      'Running on CPU: no GPU provider is installed (see "GPU (CUDA) on Linux" in the README).',
    );
    expect(deviceFor(cpuPack, env('darwin', 'coreml')).note).toBe('Running on CPU: this pack is made for the CPU.');
    expect(deviceFor({ ...gpuPack, precision: 'fp16' }, env('linux')).note).toMatch(
      /fp16 models are slow and may produce NaN on CPU; use the fp32 pack\.$/,
    );
    expect(deviceFor({ ...gpuPack, recommendedDevice: 'gpu' }, env('win32')).note).toMatch(
      /^Running on CPU: DirectML is not available.*made for a GPU and will be slow\.$/,
    );
    for (const platform of ['linux', 'win32', 'darwin', 'freebsd'] as const) {
      const d = deviceFor(gpuPack, env(platform));
      expect(DeviceInfoSchema.parse(d)).toEqual({ name: 'cpu', note: expect.stringMatching(/^Running on CPU: .+\.$/) });
    }
  });

  it('reads this machine: CPU always, CUDA only when its provider library is installed', () => {
    const backends = listBackends();
    expect(backends).toContainEqual({ name: 'cpu', available: true });
    expect(deviceFor(gpuPack).note).toBeTruthy();
  });
});
