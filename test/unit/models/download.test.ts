// Runs in: test tooling. A full pack download against the local hub: files verified and renamed into
// the pack, sha256 and commits recorded, the manifest written last, progress states in order.
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DownloadProgressSchema } from '../../../src-shared/contract/model-payloads';
import { MANIFEST_NAME } from '../../../src-shared/models/catalog-schema';
import { readManifest } from '../../../src-main/engine/models/pack-files';
import { writeStandinPack } from '../../../src-main/standins/write-pack';
import { catalogOf, makeEnv, putSample, samplePack, sha256, type Env } from './fixtures';

let env: Env;
beforeEach(async () => {
  env = await makeEnv(catalogOf(samplePack()));
});
afterEach(() => env.cleanup());

it('downloads, verifies and installs a pack, writing the manifest last', async () => {
  const c = await putSample(env);
  env.hub.knobs.redirectLfs = true; // the real hub answers LFS files with a 302 to its CDN
  const manifestPath = path.join(env.modelsDir, 'test-pack', MANIFEST_NAME);
  const seenBeforeDone: boolean[] = [];
  const m = env.manager({
    onProgress: (p) => {
      env.events.push(p);
      if (p.state !== 'done') seenBeforeDone.push(existsSync(manifestPath));
    },
  });
  const manifest = await m.download('test-pack', { endpoint: `${env.hub.url}/` });

  expect(seenBeforeDone.length).toBeGreaterThan(3);
  expect(seenBeforeDone.every((x) => !x)).toBe(true);
  expect(manifest).toEqual(await readManifest(env.modelsDir, 'test-pack'));
  expect(manifest.source).toBe('download');
  expect(manifest.files).toEqual([
    { path: 'enc/encoder.onnx', bytes: c.encoder.length, sha256: sha256(c.encoder) },
    { path: 'decoder.onnx', bytes: c.decoder.length, sha256: sha256(c.decoder) },
    { path: 'config.json', bytes: c.config.length, sha256: sha256(c.config) }, // no hub sha256: computed
  ]);
  expect(manifest.revisions).toEqual({ 'org/weights': env.hub.commit, 'org/configs': env.hub.commit });
  expect(await readFile(path.join(env.modelsDir, 'test-pack', 'enc', 'encoder.onnx'))).toEqual(c.encoder);
  // Nothing left behind: no partials, no sidecars, no locks.
  expect(await readdir(path.join(env.modelsDir, '.partial'))).toEqual([]);

  // Planned from the hub's listing: every file is fetched at the commit the listing was read at.
  const resolves = env.hub.requests.filter((r) => !r.cdn);
  expect(resolves.map((r) => r.revision)).toEqual([env.hub.commit, env.hub.commit, env.hub.commit]);
  expect(env.hub.requests.filter((r) => r.cdn)).toHaveLength(2);

  for (const e of env.events) DownloadProgressSchema.parse(e);
  const states = env.events.map((e) => e.state).filter((s, i, a) => s !== a[i - 1]);
  expect(states[0]).toBe('queued');
  expect(states.at(-1)).toBe('done');
  expect(states).toContain('verifying');
  const last = env.events.at(-1)!;
  expect(last).toMatchObject({
    fileCount: 3,
    fileIndex: 3,
    receivedBytes: 420_000 + c.config.length,
    totalBytes: 420_000 + c.config.length,
  });
  expect(env.events.filter((e) => e.state === 'downloading').map((e) => e.fileIndex)).toEqual(expect.arrayContaining([0, 1, 2]));
});

it('returns at once for an installed pack, and a second download() call joins the running one', async () => {
  await putSample(env);
  const m = env.manager();
  const [a, b] = [m.download('test-pack', { endpoint: env.hub.url }), m.download('test-pack', { endpoint: env.hub.url })];
  expect(m.isDownloading('test-pack')).toBe(true);
  expect(b).toBe(a);
  await a;
  expect(m.isDownloading('test-pack')).toBe(false);
  const perPath = env.hub.requests.map((r) => r.path);
  expect(perPath).toHaveLength(3); // one transfer per file
  await m.download('test-pack', { endpoint: env.hub.url });
  expect(env.hub.requests).toHaveLength(3);
});

it('uses ANYFILL_MODEL_ENDPOINT when no endpoint is given', async () => {
  await putSample(env);
  process.env.ANYFILL_MODEL_ENDPOINT = env.hub.url;
  try {
    await env.manager().download('test-pack');
  } finally {
    delete process.env.ANYFILL_MODEL_ENDPOINT;
  }
  expect(await readManifest(env.modelsDir, 'test-pack')).not.toBeNull();
});

it('replaces a stand-in installed under the pack id, reusing none of its files', async () => {
  const c = await putSample(env);
  await writeStandinPack(env.modelsDir, {
    packId: 'test-pack',
    family: 'sam1',
    layout: 'sam1-acly',
    roles: { encoder: 'decoder.onnx', decoder: 'decoder.onnx' },
    files: { 'decoder.onnx': new Uint8Array(7) },
    behaviour: 'test',
  });
  const manifest = await env.manager().download('test-pack', { endpoint: env.hub.url });
  expect(manifest.source).toBe('download');
  expect(env.hub.requests).toHaveLength(3);
  expect(await readFile(path.join(env.modelsDir, 'test-pack', 'decoder.onnx'))).toEqual(c.decoder);
});
