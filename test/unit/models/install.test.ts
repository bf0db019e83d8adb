// Runs in: test tooling. Importing a pack from a folder (by manifest or by catalog file list), refusing
// symlinks and wrong sizes; verify finding a flipped byte; remove.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importPack, removePack, verifyPack } from '../../../src-main/engine/models/install';
import { readManifest } from '../../../src-main/engine/models/pack-files';
import { writeStandinPack } from '../../../src-main/standins/write-pack';
import { catalogOf, samplePack, sha256 } from './fixtures';

const pinned = samplePack();
const enc = randomBytes(300_000);
pinned.files[0]!.sha256 = sha256(enc); // exact size and sha256 known for the encoder
const catalog = catalogOf(pinned);

let dir: string;
let src: string;
let modelsDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'anyfill-import-'));
  src = path.join(dir, 'src');
  modelsDir = path.join(dir, 'models');
  await mkdir(path.join(src, 'enc'), { recursive: true });
  await writeFile(path.join(src, 'enc', 'encoder.onnx'), enc);
  await writeFile(path.join(src, 'decoder.onnx'), randomBytes(121_000)); // approximate catalog size: fine
  await writeFile(path.join(src, 'config.json'), '{}');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('imports a folder holding a catalog pack’s files, then verify and remove work on it', async () => {
  const manifest = await importPack(src, modelsDir, { catalog });
  expect(manifest).toMatchObject({ packId: 'test-pack', source: 'import', roles: pinned.roles });
  expect(manifest.files.map((f) => f.path)).toEqual(['enc/encoder.onnx', 'decoder.onnx', 'config.json']);
  expect(await readManifest(modelsDir, 'test-pack')).toEqual(manifest);
  expect(await verifyPack(modelsDir, 'test-pack', { catalog })).toEqual({ packId: 'test-pack', ok: true, problems: [] });

  const file = path.join(modelsDir, 'test-pack', 'decoder.onnx');
  const bytes = await readFile(file);
  bytes[5000] = bytes[5000]! ^ 1;
  await writeFile(file, bytes);
  const result = await verifyPack(modelsDir, 'test-pack', { catalog });
  expect(result.ok).toBe(false);
  expect(result.problems).toEqual([
    {
      path: 'decoder.onnx',
      problem: expect.stringMatching(/^is damaged \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\); remove the pack and import it again\.$/),
    },
  ]);

  await removePack(modelsDir, 'test-pack');
  expect(existsSync(path.join(modelsDir, 'test-pack'))).toBe(false);
  await expect(verifyPack(modelsDir, 'test-pack', { catalog })).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: 'Model pack "test-pack" is not installed.',
  });
});

it('refuses symlinks, wrong sizes and folders without a pack', async () => {
  await writeFile(path.join(dir, 'elsewhere.onnx'), randomBytes(120_000));
  await rm(path.join(src, 'decoder.onnx'));
  await symlink(path.join(dir, 'elsewhere.onnx'), path.join(src, 'decoder.onnx'));
  await expect(importPack(src, modelsDir, { catalog })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: `decoder.onnx in ${src} is a symbolic link; a pack must hold the files themselves.`,
  });
  await rm(path.join(src, 'decoder.onnx'));
  await writeFile(path.join(src, 'decoder.onnx'), randomBytes(120_000));

  await writeFile(path.join(src, 'enc', 'encoder.onnx'), enc.subarray(0, 299_000)); // truncated copy
  await expect(importPack(src, modelsDir, { catalog })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: `enc/encoder.onnx in ${src} has 299000 bytes, expected 300000; it may be incomplete.`,
  });
  expect(existsSync(path.join(modelsDir, 'test-pack'))).toBe(false);

  await rm(path.join(src, 'config.json'));
  await expect(importPack(src, modelsDir, { catalog })).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: expect.stringContaining('No model pack found in'),
  });
});

it('imports a folder that carries its own manifest (e.g. a stand-in pack copied from elsewhere)', async () => {
  const other = path.join(dir, 'standins');
  const written = await writeStandinPack(other, {
    packId: 'standin-sam',
    family: 'sam1',
    layout: 'sam1-acly',
    roles: { encoder: 'e.onnx' },
    files: { 'e.onnx': new Uint8Array([1, 2, 3]) },
    behaviour: 'test',
  });
  const manifest = await importPack(path.join(other, 'standin-sam'), modelsDir, { catalog });
  expect(manifest).toMatchObject({ packId: 'standin-sam', source: 'standin', files: written.files });
  expect((await verifyPack(modelsDir, 'standin-sam', { catalog })).ok).toBe(true);
});
