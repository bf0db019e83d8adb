// Runs in: test tooling. Shared fixtures of the model-store tests: a temp models folder, a fake hub
// repository on disk, a small test catalog mirroring real pack shapes, and zips built with yazl.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import type { DownloadProgress } from '../../../src-shared/contract/model-payloads';
import type { Catalog, CatalogPack } from '../../../src-shared/models/catalog-schema';
import { CatalogSchema } from '../../../src-shared/models/catalog-schema';
import { DownloadManager, type DownloadManagerOptions } from '../../../src-main/engine/models/download-manager';
import { startHubServer, type HubServer } from '../../helpers/hub-server';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const cpuDevice = () => ({ name: 'cpu' as const, note: 'Running on CPU.' });

export interface Env {
  dir: string;
  hubRoot: string;
  modelsDir: string;
  hub: HubServer;
  events: DownloadProgress[];
  manager(opts?: Partial<DownloadManagerOptions>): DownloadManager;
  /** Puts a file into the fake hub at <repo>/<path>. */
  put(repo: string, repoPath: string, data: Buffer): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeEnv(catalog: Catalog): Promise<Env> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anyfill-models-'));
  const hubRoot = path.join(dir, 'hub');
  const modelsDir = path.join(dir, 'models');
  await mkdir(hubRoot, { recursive: true });
  const hub = await startHubServer(hubRoot);
  const events: DownloadProgress[] = [];
  return {
    dir,
    hubRoot,
    modelsDir,
    hub,
    events,
    manager: (opts = {}) =>
      new DownloadManager({ modelsDir, onProgress: (p) => events.push(p), catalog, retries: 0, retryDelayMs: 10, ...opts }),
    async put(repo, repoPath, data) {
      const file = path.join(hubRoot, ...repo.split('/'), ...repoPath.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
    },
    async cleanup() {
      await hub.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A two-repo pack like SD's: one big "LFS" weight, one small config (git file, no hub sha256). */
export function samplePack(id = 'test-pack', over: Partial<CatalogPack> = {}): CatalogPack {
  return {
    id,
    family: 'sam1',
    layout: 'sam1-acly',
    title: `Test pack ${id}`,
    description: 'test',
    licence: { name: 'MIT', url: 'https://example.invalid/licence' },
    precision: 'fp32',
    recommendedDevice: 'cpu',
    memoryMB: 10,
    roles: { encoder: 'enc/encoder.onnx', decoder: 'decoder.onnx' },
    files: [
      { path: 'enc/encoder.onnx', repo: 'org/weights', revision: 'main', source: 'onnx/encoder.onnx', bytes: 300_000, sha256: null },
      { path: 'decoder.onnx', repo: 'org/weights', revision: 'main', source: 'decoder.onnx', bytes: 120_000, sha256: null },
      { path: 'config.json', repo: 'org/configs', revision: 'main', source: 'config.json', bytes: 40, sha256: null },
    ],
    ...over,
  };
}

export const catalogOf = (...packs: CatalogPack[]): Catalog => CatalogSchema.parse({ schemaVersion: 1, packs });

export interface SampleContent {
  encoder: Buffer;
  decoder: Buffer;
  config: Buffer;
}

/** Puts the sample pack's files into the hub; returns their contents. */
export async function putSample(env: Env): Promise<SampleContent> {
  const c = { encoder: randomBytes(300_000), decoder: randomBytes(120_000), config: Buffer.from('{"model_type":"test","hidden":256}\n') };
  await env.put('org/weights', 'onnx/encoder.onnx', c.encoder);
  await env.put('org/weights', 'decoder.onnx', c.decoder);
  await env.put('org/configs', 'config.json', c.config);
  return c;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  mode?: number;
}

/**
 * Builds a zip with yazl. yazl refuses unsafe names, so an entry named `../x` is written under a
 * same-length placeholder and the name bytes are patched afterwards (the CRC covers data only).
 */
export async function makeZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const patches: [string, string][] = [];
  for (const e of entries) {
    let name = e.name;
    if (name.split('/').includes('..') || name.startsWith('/')) {
      const placeholder = name.replace(/[./]/g, 'q');
      patches.push([placeholder, name]);
      name = placeholder;
    }
    zip.addBuffer(e.data, name, e.mode === undefined ? {} : { mode: e.mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  for (const [from, to] of patches) {
    const a = Buffer.from(from);
    for (let i = buf.indexOf(a); i !== -1; i = buf.indexOf(a, i + 1)) Buffer.from(to).copy(buf, i);
  }
  return buf;
}
