// Runs in: test tooling. The fast-path packs as the catalog lists them (LCM Dreamshaper v7's Optimum export,
// TAESD), served by the local hub with their stand-in models at the catalog's repositories and paths: both
// download and install, `anyfill models verify` loads every model as the variant its contract expects (the
// LCM UNet with its guidance embedding, the tiny VAE's two halves), and the pack list reports the LCM fast path.
import { afterAll, afterEach, expect, it } from 'vitest';
import { ModelsListSchema, VerifyResultSchema } from '../../../src-shared/contract/model-payloads';
import { LCM_FAST_PATH } from '../../../src-shared/models/fast-path';
import { runModels } from '../../../src-main/cli/models-command';
import { findCatalogPack } from '../../../src-main/engine/models/catalog';
import { listPacks } from '../../../src-main/engine/models/list-packs';
import { verifyAndLoad } from '../../../src-main/engine/models/load-check';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { allStandinPacks } from '../../../src-main/standins';
import { catalogOf, cpuDevice, makeEnv, type Env } from './fixtures';

let env: Env;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
afterEach(() => env.cleanup());
afterAll(() => pool.releaseAll());

/** The real catalog entry with nothing pinned (stand-in bytes match no published hash): the hub's listing vouches. */
function unpinned(id: string) {
  const pack = findCatalogPack(id)!;
  return {
    ...pack,
    files: pack.files.map((f) => ({ ...f, sha256: null, evidence: 'Served by the test hub: the listing vouches for it.' })),
  };
}

it('installs lcm-dreamshaper-v7 and taesd from the hub, verify loads them as their contracts, and the list offers LCM', async () => {
  const catalog = catalogOf(unpinned('lcm-dreamshaper-v7'), unpinned('taesd'));
  env = await makeEnv(catalog);
  const standins = await allStandinPacks();
  for (const pack of catalog.packs) {
    const standin = standins.find((s) => s.packId === pack.id)!;
    for (const f of pack.files) await env.put(f.repo, f.source, Buffer.from(standin.files[f.path]!));
  }
  let out = '';
  const run = (...argv: string[]) =>
    runModels([...argv, '--models', env.modelsDir], {
      catalog,
      verify: (dir, id) => verifyAndLoad(dir, id, { pool, queue }),
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => undefined, isTTY: false },
    });
  expect(await run('download', 'lcm-dreamshaper-v7', '--endpoint', env.hub.url)).toBe(0);
  expect(await run('download', 'taesd', '--endpoint', env.hub.url)).toBe(0);
  expect(out).toMatch(/Installed lcm-dreamshaper-v7 \(11 files\)[\s\S]*Installed taesd \(2 files\)/);

  out = '';
  expect(await run('verify', '--all', '--json')).toBe(0);
  const packs = (JSON.parse(out) as { packs: unknown[] }).packs.map((p) => VerifyResultSchema.parse(p));
  expect(packs.map((p) => [p.packId, p.ok])).toEqual([
    ['lcm-dreamshaper-v7', true],
    ['taesd', true],
  ]);
  expect(packs[0]!.loads!.map((l) => [l.file, l.variant])).toEqual([
    ['text_encoder/model.onnx', expect.stringMatching(/^sd-text-encoder \(ids int32/)],
    ['unet/model.onnx', expect.stringMatching(/^sd-lcm-unet \(timestep int64 rank 1, condDim 256/)],
    ['vae_encoder/model.onnx', expect.stringMatching(/^sd-vae-encoder /)],
    ['vae_decoder/model.onnx', expect.stringMatching(/^sd-vae-decoder /)],
  ]);
  // The Optimum vae_encoder samples in-graph, like diffusers': the repeatable copy is what loads.
  expect((packs[0]!.loads![2]!.applied ?? []).join(' ')).toMatch(/posterior mean/);
  expect(packs[1]!.loads!.map((l) => [l.file, l.variant])).toEqual([
    ['vae_decoder/model.onnx', expect.stringMatching(/^taesd-decoder /)],
    ['vae_encoder/model.onnx', expect.stringMatching(/^taesd-encoder /)],
  ]);

  const list = ModelsListSchema.parse(await listPacks(env.modelsDir, cpuDevice, { catalog }));
  const lcm = list.packs.find((p) => p.id === 'lcm-dreamshaper-v7')!;
  expect(lcm).toMatchObject({ state: 'installed', family: 'sd-inpaint', fastPath: LCM_FAST_PATH });
  expect(list.packs.find((p) => p.id === 'taesd')).toMatchObject({ state: 'installed', family: 'tiny-vae' });
  expect(list.packs.find((p) => p.id === 'taesd')!.fastPath).toBeUndefined();
}, 120_000);
