// Runs in: test tooling. Downloads planned from the hub's own listing (tree API at the pinned commit):
// sizes, hashes and external data from the listing, paging, the fallback to the catalog where no listing
// answers, and every disagreement with the catalog refused before a byte is fetched.
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import { readManifest } from '../../../src-main/engine/models/pack-files';
import { nextLink } from '../../../src-main/engine/models/hub-listing';
import { catalogOf, makeEnv, putSample, samplePack, sha256, type Env } from './fixtures';

let env: Env;
afterEach(() => env.cleanup());

const COMMIT = 'c0ffee'.padEnd(40, '0');
const packFile = (...p: string[]) => path.join(env.modelsDir, 'test-pack', ...p);

it('plans from the listing, paged: every file at the listed commit, exact sizes, git blob ids for plain files', async () => {
  env = await makeEnv(catalogOf(samplePack()));
  const c = await putSample(env);
  env.hub.knobs.listingPageSize = 1; // org/weights lists "decoder.onnx", "onnx", "onnx/encoder.onnx": three pages
  const manifest = await env.manager().download('test-pack', { endpoint: env.hub.url });
  expect(env.hub.apiRequests).toEqual([
    '/api/models/org/weights/revision/main',
    `/api/models/org/weights/tree/${COMMIT}?recursive=true`,
    `/api/models/org/weights/tree/${COMMIT}?recursive=true&cursor=1`,
    `/api/models/org/weights/tree/${COMMIT}?recursive=true&cursor=2`,
    '/api/models/org/configs/revision/main',
    `/api/models/org/configs/tree/${COMMIT}?recursive=true`,
  ]);
  expect(env.hub.requests.map((r) => r.revision)).toEqual([COMMIT, COMMIT, COMMIT]);
  expect(manifest.files.map((f) => [f.path, f.bytes])).toEqual([
    ['enc/encoder.onnx', 300_000],
    ['decoder.onnx', 120_000],
    ['config.json', c.config.length],
  ]);
  // config.json is a plain git file (no sha256 anywhere): its git blob id from the listing vouches for it.
  expect(manifest.evidence).toEqual({ state: 'pinned' });
  expect(env.events.at(-1)).toMatchObject({ state: 'done', totalBytes: 420_000 + c.config.length });
});

it('falls back to the catalog where the endpoint answers no listing (404 or 500)', async () => {
  for (const mode of ['missing', 'error'] as const) {
    env = await makeEnv(catalogOf(samplePack()));
    await putSample(env);
    env.hub.knobs.listing = mode;
    const manifest = await env.manager().download('test-pack', { endpoint: env.hub.url });
    expect(manifest.files).toHaveLength(3);
    expect(env.hub.requests.map((r) => r.revision)).toEqual(['main', COMMIT, 'main']); // pinned from X-Repo-Commit as before
    await env.cleanup();
  }
  env = await makeEnv(catalogOf(samplePack()));
});

/** An SD-like pack whose UNet's external data sits next to it; the catalog expects one weights.pb. */
function unetPack(): CatalogPack {
  const file = (p: string, bytes: number) => ({ path: p, repo: 'org/sd', revision: 'onnx', source: p, bytes, sha256: null });
  return samplePack('test-pack', {
    layout: 'sd-diffusers-onnx',
    family: 'sd-inpaint',
    roles: { unet: 'unet/model.onnx', scheduler: 'scheduler/scheduler_config.json' },
    files: [file('scheduler/scheduler_config.json', 30), file('unet/model.onnx', 5000), file('unet/weights.pb', 90_000)],
  });
}

async function putUnet(e: Env, data: Record<string, Buffer>): Promise<void> {
  await e.put('org/sd', 'scheduler/scheduler_config.json', Buffer.from('{"num_train_timesteps":1000}\n'));
  await e.put('org/sd', 'unet/model.onnx', Buffer.alloc(5000, 7));
  for (const [name, buf] of Object.entries(data)) await e.put('org/sd', `unet/${name}`, buf);
}

it("takes a model's external data from the listing: loose tensor files instead of the catalog's weights.pb", async () => {
  env = await makeEnv(catalogOf(unetPack()));
  const loose = {
    onnx__MatMul_1234: Buffer.alloc(40_000, 1),
    'up_blocks.0.resnets.0.conv1.weight': Buffer.alloc(30_000, 2),
    'time_embedding.linear_1.bias': Buffer.alloc(20_000, 3),
  };
  await putUnet(env, loose);
  const manifest = await env.manager().download('test-pack', { endpoint: env.hub.url });
  expect(manifest.files.map((f) => f.path).sort()).toEqual(
    ['scheduler/scheduler_config.json', 'unet/model.onnx', ...Object.keys(loose).map((n) => `unet/${n}`)].sort(),
  );
  for (const [name, buf] of Object.entries(loose)) expect(await readFile(packFile('unet', name))).toEqual(buf);
  expect(existsSync(packFile('unet', 'weights.pb'))).toBe(false);
  expect(manifest.notes).toEqual([
    `unet/model.onnx: the hub's listing of org/sd at commit ${COMMIT} holds 3 external-data file(s) the catalog does not list instead of unet/weights.pb (onnx__MatMul_1234, time_embedding.linear_1.bias, up_blocks.0.resnets.0.conv1.weight); they are downloaded with it.`,
  ]);
  expect(manifest.files.find((f) => f.path === 'unet/onnx__MatMul_1234')!.sha256).toBe(sha256(loose.onnx__MatMul_1234));
});

it('refuses a listing that lacks a catalog file, naming it and the commit; the previous install stays as it was', async () => {
  env = await makeEnv(catalogOf(samplePack()));
  await putSample(env);
  await env.manager().download('test-pack', { endpoint: env.hub.url });
  const before = await readManifest(env.modelsDir, 'test-pack');
  await rm(packFile('decoder.onnx')); // damaged: a download repairs it…
  env.hub.reset();
  env.hub.knobs.editListing = (repo, entries) => (repo === 'org/configs' ? entries.filter((e) => e.path !== 'config.json') : entries);
  const err = await env
    .manager()
    .download('test-pack', { endpoint: env.hub.url })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'NOT_FOUND',
    message: `config.json is not in the hub's listing of org/configs at commit ${COMMIT} (looked for config.json); the catalog may be out of date. Nothing was downloaded.`,
  });
  expect(env.hub.requests).toEqual([]); // …but not from a listing that disagrees
  expect(await readManifest(env.modelsDir, 'test-pack')).toEqual(before);
  expect((await readdir(packFile())).sort()).toEqual(['anyfill-pack.json', 'config.json', 'enc']);
  expect(env.events.at(-1)).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
});

it("refuses a listing whose size or sha256 differs from the catalog's pin", async () => {
  const pinnedAtCommit = samplePack();
  pinnedAtCommit.files = pinnedAtCommit.files.map((f) => ({ ...f, revision: COMMIT }));
  env = await makeEnv(catalogOf(pinnedAtCommit));
  await putSample(env);
  env.hub.knobs.editListing = (_repo, entries) =>
    entries.map((e) => (e.path === 'decoder.onnx' ? { ...e, size: 120_001, lfs: { ...e.lfs!, size: 120_001 } } : e));
  await expect(env.manager().download('test-pack', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'INTEGRITY',
    message: `decoder.onnx: the hub's listing of org/weights at commit ${COMMIT} gives 120001 bytes, the catalog 120000; the catalog may be out of date. Nothing was downloaded.`,
  });
  expect(env.hub.requests).toEqual([]);
  await env.cleanup();

  const pinnedHash = samplePack();
  pinnedHash.files[0]!.sha256 = 'ab'.repeat(32);
  env = await makeEnv(catalogOf(pinnedHash));
  const c = await putSample(env);
  await expect(env.manager().download('test-pack', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'INTEGRITY',
    message: `enc/encoder.onnx: the hub's listing of org/weights at commit ${COMMIT} gives sha256 ${sha256(c.encoder)}, the catalog pins ${'ab'.repeat(32)}; the catalog may be out of date. Nothing was downloaded.`,
  });
  expect(env.hub.requests).toEqual([]);
  expect(existsSync(packFile())).toBe(false);
});

it("takes the listing's size for a file at a commit whose catalog size is an estimate (its evidence note says so)", async () => {
  const estimated = samplePack();
  estimated.files = estimated.files.map((f) => ({
    ...f,
    revision: COMMIT,
    ...(f.path === 'decoder.onnx' ? { bytes: 125_000 } : {}),
    ...(f.path === 'enc/encoder.onnx' ? {} : { evidence: 'Size not public; the listing supplies it.' }),
  }));
  env = await makeEnv(catalogOf(estimated));
  await putSample(env);
  const manifest = await env.manager().download('test-pack', { endpoint: env.hub.url });
  expect(manifest.files.find((f) => f.path === 'decoder.onnx')?.bytes).toBe(120_000);
});

it('refuses an extra model file beside a model and its loose external data', async () => {
  env = await makeEnv(catalogOf(unetPack()));
  await putUnet(env, { 'weights.pb': Buffer.alloc(90_000, 1), 'model_fp16.onnx': Buffer.alloc(3000, 2) });
  await expect(env.manager().download('test-pack', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'INTEGRITY',
    message: `the hub's listing of org/sd at commit ${COMMIT} holds another model file, unet/model_fp16.onnx, next to unet/model.onnx and its 1 external-data file(s): Anyfill cannot tell which model they belong to. Nothing was downloaded.`,
  });
  expect(env.hub.requests).toEqual([]);
});

it('reads the next page from a Link header, only on the same origin', () => {
  expect(nextLink('<https://hub.example/api/models/a/b/tree/c?cursor=x>; rel="next"', 'https://hub.example/api/models/a/b/tree/c')).toBe(
    'https://hub.example/api/models/a/b/tree/c?cursor=x',
  );
  expect(nextLink('</api/x?cursor=2>; rel="next"', 'http://127.0.0.1:5/api/x')).toBe('http://127.0.0.1:5/api/x?cursor=2');
  expect(nextLink('<https://evil.example/x>; rel="next"', 'https://hub.example/api/x')).toBeNull();
  expect(nextLink('<https://hub.example/x>; rel="prev"', 'https://hub.example/api/x')).toBeNull();
  expect(nextLink(null, 'https://hub.example/api/x')).toBeNull();
});

it("refuses a file whose headers name another sha256 than the hub's own listing, before reading its body", async () => {
  env = await makeEnv(catalogOf(samplePack()));
  await putSample(env);
  const listed = 'cd'.repeat(32);
  env.hub.knobs.editListing = (_repo, entries) =>
    entries.map((e) => (e.path === 'decoder.onnx' ? { ...e, lfs: { ...e.lfs!, oid: listed } } : e));
  const err = await env
    .manager()
    .download('test-pack', { endpoint: env.hub.url })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'IO',
    message: expect.stringMatching(
      new RegExp(
        `^The server offers a different decoder\\.onnx than the hub's own listing gives \\(sha256 [0-9a-f]{64}, expected ${listed}\\)`,
      ),
    ),
  });
  expect(existsSync(packFile('decoder.onnx'))).toBe(false);
});

it('takes external data named after its model even beside other exports of it (onnx-community layout)', async () => {
  const file = (p: string, bytes: number) => ({ path: p, repo: 'org/gd', revision: 'main', source: p, bytes, sha256: null });
  const pack = samplePack('test-pack', {
    layout: 'gdino-onnx-community',
    family: 'gdino',
    roles: { model: 'onnx/model.onnx', preprocessor: 'preprocessor_config.json' },
    files: [file('onnx/model.onnx', 4000), file('preprocessor_config.json', 20)],
  });
  env = await makeEnv(catalogOf(pack));
  await env.put('org/gd', 'preprocessor_config.json', Buffer.from('{"size":{"height":800,"width":800}}\n'));
  await env.put('org/gd', 'onnx/model.onnx', Buffer.alloc(4000, 1));
  await env.put('org/gd', 'onnx/model.onnx_data', Buffer.alloc(30_000, 2));
  await env.put('org/gd', 'onnx/model_fp16.onnx', Buffer.alloc(2000, 3));
  await env.put('org/gd', 'onnx/model_q4f16.onnx', Buffer.alloc(1000, 4));
  await env.put('org/gd', 'onnx/model_q4f16.onnx_data', Buffer.alloc(9000, 5));
  const manifest = await env.manager().download('test-pack', { endpoint: env.hub.url });
  expect(manifest.files.map((f) => f.path)).toEqual(['onnx/model.onnx', 'onnx/model.onnx_data', 'preprocessor_config.json']);
  expect(manifest.notes).toEqual([expect.stringContaining('holds 1 external-data file(s) the catalog does not list (model.onnx_data)')]);
});
