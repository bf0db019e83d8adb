// Runs in: test tooling. Every stand-in pack's every model role opens through openSession, passes
// checkContract as the variant it stands in for, and warms up with dummy inputs from its metadata.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gdinoWarmUpHints } from '../../../src-main/engine/models/warm-up-hints';
import { readManifest } from '../../../src-main/engine/models/pack-files';
import { checkContract, type Variant } from '../../../src-main/engine/runtime/check-contract';
import { modelRoles } from '../../../src-main/engine/runtime/contracts';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { openSession } from '../../../src-main/engine/runtime/open-session';
import { runModel } from '../../../src-main/engine/runtime/run-model';
import { hasNonFinite, inputTensor, readFloat32 } from '../../../src-main/engine/runtime/tensors';
import { warmUp } from '../../../src-main/engine/runtime/warm-up';
import { allStandinPacks } from '../../../src-main/standins/index';
import { writeStandinPack, type StandinPack } from '../../../src-main/standins/write-pack';
import { tempDir, type TempDir } from './tiny-models';

let tmp: TempDir;
let packs: StandinPack[];
beforeAll(async () => {
  tmp = await tempDir();
  packs = await allStandinPacks();
  for (const pack of packs) await writeStandinPack(tmp.dir, pack);
}, 60_000);
afterAll(() => tmp.cleanup());

/** What each stand-in is meant to reproduce (model-contracts §7), where it differs from the default pack. */
const EXPECTED: Record<string, Partial<Record<string, Partial<Variant>>>> = {
  mobilesam: { encoder: { kind: 'sam1-encoder', input: 'hwc-preprocess' }, decoder: { kind: 'sam1-decoder', maskCount: 4 } },
  'sam-vit-b': { encoder: { input: 'hwc-preprocess' }, decoder: { maskCount: 1 } },
  'standin-sam1-nchw': { encoder: { input: 'nchw' }, decoder: { maskCount: 4 } },
  'sam2.1-tiny': { encoder: { kind: 'sam2-encoder' }, decoder: { kind: 'sam2-decoder', origImSize: null } },
  'gdino-tiny': { model: { kind: 'gdino', pixelMask: true, tokenTypeIds: true } },
  'migan-512': { model: { kind: 'migan-pipeline' } },
  'lama-512': { model: { kind: 'lama-fixed', size: 512, float: 'float32' } },
  'standin-gdino-aspect': { model: { kind: 'gdino', pixelMask: true, tokenTypeIds: true } },
  'standin-gdino-idea': { model: { kind: 'gdino-idea' } },
  'sd15-inpaint': {
    textEncoder: { kind: 'sd-text-encoder', ids: 'int32' },
    unet: { kind: 'sd-unet', timestep: { dtype: 'float32', rank: 1 }, channels: 9 },
    vaeEncoder: { output: 'latent_sample' },
  },
  'standin-sd-timestep-int64': { unet: { timestep: { dtype: 'int64', rank: 1 } } },
  'standin-sd-timestep-scalar': { unet: { timestep: { dtype: 'float32', rank: 0 } } },
  'standin-sd-fp16': { unet: { timestep: { dtype: 'float16', rank: 1 }, float: 'float16' }, vaeDecoder: { float: 'float16' } },
  'standin-sd-optimum': { vaeEncoder: { kind: 'sd-vae-encoder', output: 'latent_parameters' } },
};

describe('stand-in packs through the runtime', () => {
  it('covers every family and the variants model-contracts §7 asks for', () => {
    expect(new Set(packs.map((p) => p.family))).toEqual(new Set(['sam1', 'sam2', 'gdino', 'sd-inpaint', 'eraser', 'tiny-vae']));
    for (const id of Object.keys(EXPECTED)) expect(packs.map((p) => p.packId)).toContain(id);
  });

  it('opens every role of every pack, passes its contract and warms up', async () => {
    const queue = new InferenceQueue();
    const seen: string[] = [];
    for (const pack of packs) {
      for (const role of modelRoles(pack.layout).filter((r) => pack.roles[r])) {
        const file = path.join(tmp.dir, pack.packId, ...pack.roles[role]!.split('/'));
        const { session, device } = await openSession(file, { providers: ['cpu'], label: `${pack.packId} ${role}` });
        expect(device.name).toBe('cpu');
        const match = checkContract(session, pack.layout, role);
        expect(match.variant, `${pack.packId} ${role}`).toMatchObject(EXPECTED[pack.packId]?.[role] ?? {});
        // A pack whose config fixes its input size warms up at that size, as verify does.
        const warm = await warmUp(session, queue, await gdinoWarmUpHints(tmp.dir, (await readManifest(tmp.dir, pack.packId))!));
        expect(warm.reason, `${pack.packId} ${role} warm-up`).toBeUndefined();
        await session.release();
        seen.push(`${pack.packId}/${role}`);
      }
    }
    expect(seen).toContain('sd15-inpaint/unet');
    expect(seen.length).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it('runs every stand-in UNet with the same caller code, whatever its timestep and float types', async () => {
    // The 9-channel inpainting UNets; the LCM pack's 4-channel UNet with its guidance input runs in lcm-fast-path.test.ts.
    const sd = packs.filter((p) => p.family === 'sd-inpaint' && p.layout !== 'sd-lcm-optimum');
    for (const pack of sd) {
      const file = path.join(tmp.dir, pack.packId, 'unet', 'model.onnx');
      const { session } = await openSession(file, { providers: ['cpu'], label: 'UNet' });
      const { inputs } = checkContract(session, pack.layout, 'unet');
      const sample = Float32Array.from({ length: 2 * 9 * 8 * 8 }, (_, i) => Math.sin(i));
      const feeds = {
        sample: inputTensor(inputs.get('sample')!, sample, [2, 9, 8, 8]),
        // A plain number: inputTensor gives it the declared dtype and rank.
        timestep: inputTensor(inputs.get('timestep')!, [981], []),
        encoder_hidden_states: inputTensor(inputs.get('encoder_hidden_states')!, new Float32Array(2 * 77 * 768), [2, 77, 768]),
      };
      const out = readFloat32((await runModel(session, feeds, 'UNet')).out_sample!);
      expect(out.length).toBe(2 * 4 * 8 * 8);
      expect(hasNonFinite(out), pack.packId).toBe(pack.packId === 'standin-sd-nan');
      await session.release();
    }
    expect(sd.length).toBeGreaterThanOrEqual(5);
  });

  it('names the missing weights.pb of a stand-in UNet', async () => {
    const pack = packs.find((p) => p.packId === 'sd15-inpaint')!;
    await rm(path.join(tmp.dir, pack.packId, 'unet', 'weights.pb'));
    await expect(
      openSession(path.join(tmp.dir, pack.packId, 'unet', 'model.onnx'), { providers: ['cpu'], label: 'Stable Diffusion UNet' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Stable Diffusion UNet: unet/weights.pb is missing: re-download the pack.',
    });
  });
});
