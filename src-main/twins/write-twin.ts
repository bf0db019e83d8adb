// Runs in: CLI and tests (Node). Writes a cost-twin pack as an installed pack looks: each model at its real
// path with its weights streamed to the data file beside it, the stand-in's other files (roles without a
// twin yet, tokenizer, scheduler), then anyfill-pack.json (source "standin": the app loads it as it loads
// the analytic stand-ins) with every file's size and sha256.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PackManifest } from '../../src-shared/models/catalog-schema';
import { MANIFEST_NAME } from '../../src-shared/models/catalog-schema';
import { allStandinPacks } from '../standins/index';
import type { TwinPack } from './catalog';
import { writeWeights } from './weights';

/** Where twins go unless told: ANYFILL_TWINS_DIR, else ~/.cache/anyfill-twins (never the repository). */
export function twinsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ANYFILL_TWINS_DIR || path.join(os.homedir(), '.cache', 'anyfill-twins');
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `width` < 1 writes the same layers with a fraction of the channels (tests); 1 is the real cost. */
export async function writeTwinPack(modelsDir: string, pack: TwinPack, width = 1): Promise<PackManifest> {
  const root = path.join(modelsDir, pack.packId);
  const files: PackManifest['files'] = [];
  const roles: Record<string, string> = {};
  const written: string[] = [];
  for (const model of pack.models) {
    const graph = model.build(width);
    const target = path.join(root, ...model.file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, graph.toBytes());
    // The data file's name is relative to the model's folder (unet/weights.pb, as diffusers writes it).
    await writeWeights(graph.weights, path.join(path.dirname(target), graph.weights.location));
    roles[model.role] = model.file;
    written.push(model.file, path.posix.join(path.posix.dirname(model.file), graph.weights.location));
  }
  // Roles without a twin yet, tokenizer and scheduler files: the analytic stand-in's, so the pack loads.
  const standin = (await allStandinPacks()).find((p) => p.packId === pack.packId);
  for (const [role, file] of Object.entries(standin?.roles ?? {})) roles[role] ??= file;
  for (const [rel, bytes] of Object.entries(standin?.files ?? {})) {
    if (written.includes(rel) || (rel.startsWith('unet/') && written.includes('unet/model.onnx'))) continue;
    const target = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
    written.push(rel);
  }
  for (const rel of written) {
    const abs = path.join(root, ...rel.split('/'));
    files.push({ path: rel, bytes: (await stat(abs)).size, sha256: await sha256(abs) });
  }
  const manifest: PackManifest = {
    schemaVersion: 1,
    packId: pack.packId,
    family: pack.family,
    layout: pack.layout,
    roles,
    source: 'standin',
    files,
    installedAt: new Date().toISOString(),
  };
  await writeFile(path.join(root, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
