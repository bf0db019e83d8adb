// Runs in: test tooling. Pack states as the models screen sees them, through a pack's life:
// available → incomplete (cut) → installed → damaged (file deleted) → repaired by download; plus
// packs on disk that the catalog does not list.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ModelsListSchema } from '../../../src-shared/contract/model-payloads';
import { verifyPack } from '../../../src-main/engine/models/install';
import { listPacks } from '../../../src-main/engine/models/list-packs';
import { writeStandinPack } from '../../../src-main/standins/write-pack';
import { catalogOf, cpuDevice, makeEnv, putSample, samplePack, type Env } from './fixtures';

const catalog = catalogOf(samplePack());
let env: Env;
beforeEach(async () => {
  env = await makeEnv(catalog);
});
afterEach(() => env.cleanup());

const list = async () => ModelsListSchema.parse(await listPacks(env.modelsDir, cpuDevice, { catalog }));

it('follows a pack from available to installed to damaged and back', async () => {
  const c = await putSample(env);
  const first = await list();
  expect(first.modelsDir).toBe(env.modelsDir);
  expect(first.diskFreeBytes).toBeGreaterThan(0); // models folder not created yet: asks its parent
  expect(first.packs).toHaveLength(1);
  expect(first.packs[0]).toMatchObject({
    id: 'test-pack',
    state: 'available',
    inCatalog: true,
    bytes: 420_040,
    installedBytes: 0,
    device: { name: 'cpu' },
  });
  expect(first.packs[0]!.files.every((f) => !f.present)).toBe(true);

  env.hub.knobs.cutAfter = 1000;
  await expect(env.manager().download('test-pack', { endpoint: env.hub.url })).rejects.toMatchObject({ code: 'IO' });
  expect((await list()).packs[0]!.state).toBe('incomplete');

  await env.manager().download('test-pack', { endpoint: env.hub.url });
  const installed = (await list()).packs[0]!;
  expect(installed).toMatchObject({
    state: 'installed',
    source: 'download',
    bytes: 420_000 + c.config.length,
    installedBytes: 420_000 + c.config.length,
  });
  expect(installed.files.every((f) => f.present)).toBe(true);

  await rm(path.join(env.modelsDir, 'test-pack', 'decoder.onnx'));
  const damaged = (await list()).packs[0]!;
  expect(damaged.state).toBe('damaged');
  expect(damaged.files.find((f) => f.path === 'decoder.onnx')).toMatchObject({ present: false });
  const verify = await verifyPack(env.modelsDir, 'test-pack', { catalog });
  expect(verify.problems).toEqual([
    { path: 'decoder.onnx', problem: 'missing; download the pack again to repair it (anyfill models download test-pack).' },
  ]);

  // Downloading again repairs it, fetching only what is missing.
  env.hub.reset();
  await env.manager().download('test-pack', { endpoint: env.hub.url });
  expect(env.hub.requests.map((r) => r.path)).toEqual(['org/weights/decoder.onnx']);
  expect((await list()).packs[0]!.state).toBe('installed');
});

it('lists packs on disk that the catalog does not know, from their manifests', async () => {
  await writeStandinPack(env.modelsDir, {
    packId: 'standin-gdino',
    family: 'gdino',
    layout: 'gdino-onnx-community',
    roles: { model: 'onnx/model.onnx' },
    files: { 'onnx/model.onnx': new Uint8Array(10) },
    behaviour: 'test',
  });
  const { packs } = await list();
  expect(packs.map((p) => p.id)).toEqual(['test-pack', 'standin-gdino']);
  expect(packs[1]).toMatchObject({
    title: 'standin-gdino',
    inCatalog: false,
    state: 'installed',
    source: 'standin',
    family: 'gdino',
    bytes: 10,
  });
});

it('says before a download that the catalog itself does not vouch for a pack, and lets the install say more after', async () => {
  const reason = 'No public listing confirms this file list; the download follows the hub listing.';
  const doubtful = catalogOf(samplePack('test-pack', { unverified: reason }));
  const before = await listPacks(env.modelsDir, cpuDevice, { catalog: doubtful });
  expect(before.packs[0]).toMatchObject({ state: 'available', evidence: 'unverified', evidenceNote: reason });
  expect((await listPacks(env.modelsDir, cpuDevice, { catalog })).packs[0]!.evidence).toBeUndefined();
});
