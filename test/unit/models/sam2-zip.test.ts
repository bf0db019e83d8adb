// Runs in: test tooling. The catalog's SAM 2.1 pack installed from a zip laid out like the published one
// (entries `sam2.1_hiera_tiny.encoder.onnx` / `.decoder.onnx`) and from the model card's bare-name layout:
// both install through the catalog's own extract rules, and the installed pack loads and verifies.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { findCatalogPack } from '../../../src-main/engine/models/catalog';
import { verifyAndLoad } from '../../../src-main/engine/models/load-check';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { sam2Decoder, sam2Encoder } from '../../../src-main/standins/sam/sam2';
import { SAM2_ZIP_ENTRIES, sam2StandinZip, type Sam2ZipLayout } from '../../../src-main/standins/sam/sam2-zip';
import { catalogOf, makeEnv, sha256, type Env } from './fixtures';

const pack = findCatalogPack('sam2.1-tiny')!;
const zipFile = pack.files[0]!;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
let env: Env | undefined;
afterEach(async () => {
  await pool.releaseAll();
  await env?.cleanup();
});
afterAll(() => pool.releaseAll());

it.each<Sam2ZipLayout>(['samexporter', 'card'])('installs the catalog SAM 2.1 pack from a %s-layout zip, and it loads', async (layout) => {
  // The catalog's entry as it is (repo, commit, path, extract rules), pinned to the stand-in zip's bytes.
  const zip = await sam2StandinZip(layout);
  env = await makeEnv(catalogOf({ ...pack, files: [{ ...zipFile, bytes: zip.length, sha256: sha256(Buffer.from(zip)) }] }));
  await env.put(zipFile.repo, zipFile.source, Buffer.from(zip));
  const manifest = await env.manager().download('sam2.1-tiny', { endpoint: env.hub.url });
  expect(manifest.files.map((f) => f.path)).toEqual(['encoder.onnx', 'decoder.onnx']);
  const root = path.join(env.modelsDir, 'sam2.1-tiny');
  expect(await readFile(path.join(root, 'encoder.onnx'))).toEqual(Buffer.from(sam2Encoder()));
  expect(await readFile(path.join(root, 'decoder.onnx'))).toEqual(Buffer.from(sam2Decoder()));
  expect((await readdir(root)).sort()).toEqual(['anyfill-pack.json', 'decoder.onnx', 'encoder.onnx']);
  const verified = await verifyAndLoad(env.modelsDir, 'sam2.1-tiny', { pool, queue });
  expect(verified.problems).toEqual([]);
  expect(verified.loads?.map((l) => [l.role, l.variant.split(' ')[0]])).toEqual([
    ['encoder', 'sam2-encoder'],
    ['decoder', 'sam2-decoder'],
  ]);
});

it('the rules pick the real entry names (and the bare ones), never the memory encoder nor the other role', () => {
  const [encoderRule, decoderRule] = zipFile.extract!.map((r) => new RegExp(r.match));
  const matches = (re: RegExp) => (name: string) => re.test(name);
  expect(
    [SAM2_ZIP_ENTRIES.samexporter.encoder, 'encoder.onnx', 'sam2.1_hiera_tiny/sam2.1_hiera_tiny.encoder.onnx'].every(matches(encoderRule!)),
  ).toBe(true);
  expect([SAM2_ZIP_ENTRIES.samexporter.decoder, 'decoder.onnx', 'tiny/decoder.onnx'].every(matches(decoderRule!))).toBe(true);
  expect(
    ['sam2.1_hiera_tiny.memoryencoder.onnx', 'sam2.1_hiera_tiny.encoder.onnx.data', 'sam2.1_hiera_tiny.decoder.onnx'].some(
      matches(encoderRule!),
    ),
  ).toBe(false);
  expect(['sam2.1_hiera_tiny.memorydecoder.onnx', 'sam2.1_hiera_tiny.encoder.onnx'].some(matches(decoderRule!))).toBe(false);
});
