// Runs in: test tooling. The estimate's "Faster" offer: only an installed pack that reports a fast path,
// with the settings the engine's pack list gives for it.
import { expect, it } from 'vitest';
import type { PackStatus } from '../../../src-shared/contract/model-payloads';
import { LCM_FAST_PATH } from '../../../src-shared/models/fast-path';
import { fastPathOffer } from '../../../src-renderer/generate/fast-path-offer';

const pack = (id: string, state: PackStatus['state'], fast: boolean): PackStatus => ({
  id,
  family: 'sd-inpaint',
  layout: fast ? 'sd-lcm-optimum' : 'sd-diffusers-onnx',
  title: id,
  description: '',
  licence: { name: 'MIT', url: 'https://example.invalid/' },
  precision: 'fp32',
  recommendedDevice: 'cpu',
  memoryMB: 1,
  state,
  bytes: 1,
  installedBytes: 0,
  inCatalog: true,
  device: { name: 'cpu' },
  files: [],
  ...(fast ? { fastPath: LCM_FAST_PATH } : {}),
});

it('offers the installed LCM pack at its 4 steps, and nothing when it is only available', () => {
  expect(fastPathOffer([pack('sd15-inpaint', 'installed', false), pack('lcm-dreamshaper-v7', 'available', true)])).toBeNull();
  expect(fastPathOffer([pack('sd15-inpaint', 'installed', false), pack('lcm-dreamshaper-v7', 'installed', true)])).toEqual({
    packId: 'lcm-dreamshaper-v7',
    label: 'Faster: LCM, 4 steps',
    steps: 4,
    guidance: 8,
    scheduler: 'lcm',
  });
  expect(fastPathOffer(undefined)).toBeNull();
});
