// Runs in: test tooling. An SD pack whose UNet keeps its external data as many loose tensor files (older
// diffusers exports, before diffusers PR #610 collated them into weights.pb), installed from the local hub
// under the catalog's own sd15-inpaint entry — which expects unet/weights.pb: planned from the hub's
// listing it installs the loose files, loads every model and generates; without a listing it cannot.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import { inpaintPixels } from '../../../src-main/engine/diffusion/inpaint-service';
import { findCatalogPack } from '../../../src-main/engine/models/catalog';
import { verifyAndLoad } from '../../../src-main/engine/models/load-check';
import { readManifest } from '../../../src-main/engine/models/pack-files';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { allStandinPacks } from '../../../src-main/standins';
import type { StandinPack } from '../../../src-main/standins/write-pack';
import { composite, isRed, meanWhere, rectMask, scene, SETTINGS } from '../diffusion/helpers';
import { catalogOf, makeEnv, type Env } from './fixtures';

let env: Env;
let loose: StandinPack;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
beforeAll(async () => {
  loose = (await allStandinPacks()).find((p) => p.packId === 'standin-sd-loose-weights')!;
});
afterEach(() => env.cleanup());
afterAll(() => pool.releaseAll());

const LOOSE = ['unet/onnx__Gather_1001', 'unet/onnx__MatMul_9194', 'unet/time_embedding.linear_1.bias'];

/** The catalog's sd15-inpaint as it is (repo, sources, roles, unet/weights.pb), at its branch, hashes left to the hub. */
function catalogSd(): CatalogPack {
  const real = findCatalogPack('sd15-inpaint')!;
  return { ...real, files: real.files.map((f) => ({ ...f, revision: 'onnx', sha256: null })) };
}

async function serve(e: Env, pack: CatalogPack): Promise<void> {
  const repo = pack.files[0]!.repo;
  for (const [p, bytes] of Object.entries(loose.files)) await e.put(repo, p, Buffer.from(bytes));
}

it('installs the loose tensor files the listing holds beside unet/model.onnx, then loads and generates', async () => {
  const pack = catalogSd();
  expect(pack.files.map((f) => f.path)).toContain('unet/weights.pb'); // what the catalog expects
  expect(Object.keys(loose.files)).not.toContain('unet/weights.pb');
  expect(Object.keys(loose.files)).toEqual(expect.arrayContaining(LOOSE));
  env = await makeEnv(catalogOf(pack));
  await serve(env, pack);
  const manifest = await env.manager().download('sd15-inpaint', { endpoint: env.hub.url });
  expect(manifest.files.map((f) => f.path).sort()).toEqual(Object.keys(loose.files).sort());
  expect(manifest.evidence).toEqual({ state: 'pinned' });
  expect(manifest.notes).toEqual([
    expect.stringMatching(
      /^unet\/model\.onnx: the hub's listing of .+ holds 3 external-data file\(s\) the catalog does not list instead of unet\/weights\.pb/,
    ),
  ]);

  const verified = await verifyAndLoad(env.modelsDir, 'sd15-inpaint', { pool, queue });
  expect(verified.problems).toEqual([]);
  expect(verified.loads!.find((l) => l.role === 'unet')).toMatchObject({
    file: 'unet/model.onnx',
    variant: expect.stringMatching(/^sd-unet/),
  });

  const [W, H] = [96, 80];
  const image = scene(W, H);
  const hole = { x: 32, y: 24, width: 32, height: 32 };
  const out = await inpaintPixels(
    image,
    rectMask(W, H, hole),
    { ...SETTINGS, steps: 4, packId: 'sd15-inpaint' },
    { modelsDir: env.modelsDir, pool, queue },
  );
  const inHole = (x: number, y: number) => x >= hole.x && x < hole.x + hole.width && y >= hole.y && y < hole.y + hole.height;
  expect(isRed(meanWhere(composite(image, out.variants[0]!.patch), W, inHole))).toBe(true);
  await pool.releaseAll();
});

it('without a listing the catalog alone cannot find the loose files: weights.pb is reported missing and nothing is installed', async () => {
  const pack = catalogSd();
  env = await makeEnv(catalogOf(pack));
  await serve(env, pack);
  env.hub.knobs.listing = 'missing';
  await expect(env.manager().download('sd15-inpaint', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: expect.stringMatching(/^unet\/weights\.pb was not found on the server/),
  });
  expect(await readManifest(env.modelsDir, 'sd15-inpaint')).toBeNull();
});
