// Runs in: test tooling. The catalog's eraser packs (MI-GAN, LaMa) install from the local test hub at their
// pinned commits, verified against their pinned sha256, and `anyfill models verify` recognises each export's
// contract.
import { afterAll, afterEach, expect, it } from 'vitest';
import { VerifyResultSchema } from '../../../src-shared/contract/model-payloads';
import { runModels } from '../../../src-main/cli/models-command';
import { loadCatalog } from '../../../src-main/engine/models/catalog';
import { verifyAndLoad } from '../../../src-main/engine/models/load-check';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { allStandinPacks } from '../../../src-main/standins';
import { catalogOf, makeEnv, sha256, type Env } from '../models/fixtures';

let env: Env;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
afterEach(() => env.cleanup());
afterAll(() => pool.releaseAll());

async function installAndVerify(
  packId: string,
  source: string,
): Promise<{ out: string; result: ReturnType<typeof VerifyResultSchema.parse> }> {
  const real = loadCatalog().packs.find((p) => p.id === packId)!;
  const bytes = Buffer.from((await allStandinPacks()).find((p) => p.packId === packId)!.files[source]!);
  // The catalog's entry as it is (repo, commit, path), pinned to the stand-in's bytes instead of the real file's.
  const file = { ...real.files[0]!, bytes: bytes.length, sha256: sha256(bytes) };
  const catalog = catalogOf({ ...real, files: [file] });
  env = await makeEnv(catalog);
  await env.put(file.repo, file.source, bytes);
  let out = '';
  const run = (...argv: string[]) =>
    runModels([...argv, '--models', env.modelsDir], {
      catalog,
      verify: (dir, id) => verifyAndLoad(dir, id, { pool, queue }),
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => undefined, isTTY: false },
    });
  expect(await run('download', packId, '--endpoint', env.hub.url)).toBe(0);
  const installed = out;
  out = '';
  expect(await run('verify', '--all', '--json')).toBe(0);
  return { out: installed, result: VerifyResultSchema.parse((JSON.parse(out) as { packs: unknown[] }).packs[0]) };
}

it('downloads lama-512 at its pinned Carve commit, verified against the listing, and verify loads it as the fixed-512 LaMa export', async () => {
  const { out, result } = await installAndVerify('lama-512', 'lama_fp32.onnx');
  expect(out).toMatch(/^Installed lama-512 \(1 files?\) in /);
  expect([result.ok, result.evidence]).toEqual([true, 'pinned']);
  expect(result.loads!.map((l) => [l.file, l.variant])).toEqual([['lama_fp32.onnx', expect.stringMatching(/^lama-fixed.*512/)]]);
});

it('downloads migan-512 at its pinned commit, verified against the listing, and verify loads it as the MI-GAN pipeline', async () => {
  const { out, result } = await installAndVerify('migan-512', 'migan_pipeline_v2.onnx');
  expect(out).toMatch(/^Installed migan-512 \(1 files?\) in /);
  expect([result.ok, result.evidence]).toEqual([true, 'pinned']);
  expect(result.loads!.map((l) => [l.file, l.variant])).toEqual([['migan_pipeline_v2.onnx', expect.stringMatching(/^migan-pipeline/)]]);
});
