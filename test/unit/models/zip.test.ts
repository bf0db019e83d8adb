// Runs in: test tooling. Zip packs (samexporter style): verified, the wanted entries extracted to their
// pack paths, the zip deleted; unsafe archives (traversal names, symlinks) refused whole.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import { catalogOf, makeEnv, makeZip, samplePack, sha256, type Env, type ZipEntry } from './fixtures';

const zipPack: CatalogPack = samplePack('zip-pack', {
  layout: 'sam1-samexporter',
  roles: { encoder: 'encoder.onnx', decoder: 'decoder.onnx' },
  files: [
    {
      path: 'sam_b.zip',
      repo: 'org/zips',
      revision: 'main',
      source: 'sam_b_20260221.zip',
      bytes: 200_000,
      sha256: null,
      extract: [
        { match: '\\.encoder\\.onnx$', to: 'encoder.onnx' },
        { match: '(^|/)[^/]*\\.decoder\\.onnx$', to: 'decoder.onnx' },
      ],
    },
  ],
});

let env: Env;
afterEach(() => env.cleanup());

async function serveZip(entries: ZipEntry[]): Promise<void> {
  env = await makeEnv(catalogOf(zipPack));
  await env.put('org/zips', 'sam_b_20260221.zip', await makeZip(entries));
}

const encoder = randomBytes(150_000);
const decoder = randomBytes(40_000);

it('extracts the matching entries to their pack paths and deletes the zip', async () => {
  await serveZip([
    { name: 'sam_b/sam_vit_b.encoder.onnx', data: encoder },
    { name: 'sam_b/sam_vit_b.decoder.onnx', data: decoder },
    { name: 'sam_b/README.md', data: Buffer.from('readme') },
    { name: '__MACOSX/sam_b/._sam_vit_b.encoder.onnx', data: Buffer.from('resource fork') },
  ]);
  const manifest = await env.manager().download('zip-pack', { endpoint: env.hub.url });
  expect(manifest.files).toEqual([
    { path: 'encoder.onnx', bytes: encoder.length, sha256: sha256(encoder) },
    { path: 'decoder.onnx', bytes: decoder.length, sha256: sha256(decoder) },
  ]);
  expect(await readFile(path.join(env.modelsDir, 'zip-pack', 'encoder.onnx'))).toEqual(encoder);
  expect((await readdir(path.join(env.modelsDir, 'zip-pack'))).sort()).toEqual(['anyfill-pack.json', 'decoder.onnx', 'encoder.onnx']);
  expect(await readdir(path.join(env.modelsDir, '.partial'))).toEqual([]);
  expect(env.events.map((e) => e.state)).toContain('extracting');
});

it('refuses a zip with a path-traversal entry, writing nothing outside or inside the pack', async () => {
  await serveZip([
    { name: 'sam_b/sam_vit_b.encoder.onnx', data: encoder },
    { name: '../../evil.decoder.onnx', data: decoder },
  ]);
  const err = await env
    .manager()
    .download('zip-pack', { endpoint: env.hub.url })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'INTEGRITY',
    message:
      'sam_b.zip holds an unsafe or broken entry (invalid relative path: ../../evil.decoder.onnx); it was not installed and the download was deleted.',
  });
  expect(existsSync(path.join(env.dir, 'evil.decoder.onnx'))).toBe(false);
  expect(existsSync(path.join(env.modelsDir, 'evil.decoder.onnx'))).toBe(false);
  expect(existsSync(path.join(env.modelsDir, 'zip-pack', 'encoder.onnx'))).toBe(false);
  expect(existsSync(path.join(env.modelsDir, '.partial', 'zip-pack', 'sam_b.zip.partial'))).toBe(false);
});

it('refuses symbolic links and ambiguous entries', async () => {
  await serveZip([
    { name: 'sam_b/sam_vit_b.encoder.onnx', data: encoder },
    { name: 'sam_b/sam_vit_b.decoder.onnx', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
  ]);
  await expect(env.manager().download('zip-pack', { endpoint: env.hub.url })).rejects.toMatchObject({
    message: 'sam_b.zip holds a symbolic link (sam_b/sam_vit_b.decoder.onnx); it was not installed and the download was deleted.',
  });
  await env.cleanup();
  await serveZip([
    { name: 'a.encoder.onnx', data: encoder },
    { name: 'b.encoder.onnx', data: encoder },
  ]);
  await expect(env.manager().download('zip-pack', { endpoint: env.hub.url })).rejects.toMatchObject({
    message:
      'sam_b.zip holds several entries for encoder.onnx (a.encoder.onnx, b.encoder.onnx); it was not installed and the download was deleted.',
  });
});
