// Runs in: test tooling. `anyfill models verify --all --json`: per installed pack, each model's recognised
// variant (loaded for real), what was applied to make it work, and the evidence state with its reason —
// a pack whose hashes the hub published says pinned, one that only passed the structural check says why not.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { VerifyResultSchema } from '../../../src-shared/contract/model-payloads';
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import { runModels } from '../../../src-main/cli/models-command';
import { verifyLines } from '../../../src-main/cli/models-format';
import { verifyAndLoad } from '../../../src-main/engine/models/load-check';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { allStandinPacks } from '../../../src-main/standins';
import { catalogOf, makeEnv, type Env } from './fixtures';

let env: Env;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
let sam: { roles: Record<string, string>; files: Record<string, Uint8Array> };
beforeAll(async () => {
  sam = (await allStandinPacks()).find((p) => p.packId === 'mobilesam')!;
});
afterEach(() => env.cleanup());
afterAll(() => pool.releaseAll());

/** MobileSAM from `repo`: the local hub vouches (X-Linked-Etag) for org/hashed only, and lists nothing. */
function mobilesam(id: string, repo: string): CatalogPack {
  const files = Object.entries(sam.files).map(([p, b]) => ({
    path: p,
    repo,
    revision: 'main',
    source: p,
    bytes: b.byteLength,
    sha256: null,
  }));
  return {
    id,
    family: 'sam1',
    layout: 'sam1-acly',
    title: id,
    description: 'test',
    licence: { name: 'MIT', url: 'https://example.invalid/l' },
    precision: 'fp32',
    recommendedDevice: 'cpu',
    memoryMB: 10,
    roles: sam.roles,
    files,
  };
}

it('reports every installed pack: variant per model, rewrites applied, evidence with its reason', async () => {
  const catalog = catalogOf(mobilesam('sam-hashed', 'org/hashed'), mobilesam('sam-bare', 'org/bare'));
  env = await makeEnv(catalog);
  env.hub.knobs.listing = 'missing';
  env.hub.knobs.isLfs = (p) => p.startsWith('org/hashed/');
  for (const repo of ['org/hashed', 'org/bare']) for (const [p, b] of Object.entries(sam.files)) await env.put(repo, p, Buffer.from(b));
  let out = '';
  const run = (...argv: string[]) =>
    runModels([...argv, '--models', env.modelsDir], {
      catalog,
      verify: (dir, id) => verifyAndLoad(dir, id, { pool, queue }),
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => undefined, isTTY: false },
    });
  for (const id of ['sam-hashed', 'sam-bare']) expect(await run('download', id, '--endpoint', env.hub.url)).toBe(0);
  expect(out).toBe(
    `Installed sam-hashed (2 files) in ${env.modelsDir}.\nInstalled sam-bare (2 files) in ${env.modelsDir}.\n  unverified: No sha256 is published for mobile_sam_image_encoder.onnx, sam_mask_decoder_multi.onnx (not in the catalog, the hub's listing or its headers): only a structural check vouched for them.\n`,
  );

  out = '';
  expect(await run('verify', '--all', '--json')).toBe(0);
  const report = JSON.parse(out) as { modelsDir: string; packs: unknown[] };
  const packs = report.packs.map((p) => VerifyResultSchema.parse(p));
  expect(packs.map((p) => [p.packId, p.ok, p.evidence])).toEqual([
    ['sam-hashed', true, 'pinned'],
    ['sam-bare', true, 'unverified'],
  ]);
  for (const p of packs) {
    expect(p.loads!.map((l) => [l.file, l.variant])).toEqual([
      ['mobile_sam_image_encoder.onnx', expect.stringMatching(/^sam1-encoder \(input hwc-preprocess/)],
      ['sam_mask_decoder_multi.onnx', expect.stringMatching(/^sam1-decoder \(/)],
    ]);
  }
  expect(packs[0]!.evidenceNote).toBeUndefined();
  expect(packs[1]!.evidenceNote).toBe(
    "No sha256 is published for mobile_sam_image_encoder.onnx, sam_mask_decoder_multi.onnx (not in the catalog, the hub's listing or its headers): only a structural check vouched for them.",
  );

  out = '';
  expect(await run('verify', '--all')).toBe(0);
  expect(out).toMatch(
    /^ok {7}sam-bare — runs on CPU.*\n(?: {9}.+\n)* {9}unverified: No sha256 is published for mobile_sam_image_encoder\.onnx/m,
  );
  expect(await run('verify', 'sam-bare', '--all')).toBe(2); // a pack and --all: a usage mistake
  expect(await run('list', '--all')).toBe(2);
});

it('prints each rewrite or fallback applied to a model under it', () => {
  const lines = verifyLines({
    packId: 'gdino-tiny',
    ok: true,
    problems: [],
    device: { name: 'cpu', note: 'Running on CPU.' },
    evidence: 'size-only',
    evidenceNote: 'Only exact sizes vouched for config.json.',
    loads: [
      {
        role: 'model',
        file: 'onnx/model.onnx',
        variant: 'gdino (pixelMask true)',
        device: { name: 'cpu' },
        loadMs: 900,
        warmUpMs: null,
        applied: ['graph optimisation lowered to basic: the full level failed to load this export'],
      },
    ],
  });
  expect(lines).toEqual([
    'ok       gdino-tiny — runs on CPU (Running on CPU.)',
    '         onnx/model.onnx: gdino (pixelMask true), loaded in 900 ms',
    '           applied: graph optimisation lowered to basic: the full level failed to load this export',
    '         size-only: Only exact sizes vouched for config.json.',
  ]);
});
