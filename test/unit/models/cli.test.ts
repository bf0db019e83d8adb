// Runs in: test tooling. `anyfill models …` in-process against a temp models folder and the local hub:
// output, exit codes, and errors as one clear line.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ModelsListSchema } from '../../../src-shared/contract/model-payloads';
import { runModels } from '../../../src-main/cli/models-command';
import { progressLine } from '../../../src-main/cli/models-format';
import { catalogOf, makeEnv, putSample, samplePack, type Env } from './fixtures';

const catalog = catalogOf(samplePack());
let env: Env;
let out: string;
let err: string;
beforeEach(async () => {
  env = await makeEnv(catalog);
  out = '';
  err = '';
});
afterEach(() => env.cleanup());

const run = (...argv: string[]) =>
  runModels([...argv, '--models', env.modelsDir], {
    catalog,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: false },
  });

it('lists, downloads and verifies, with exit codes', async () => {
  await putSample(env);
  expect(await run('list', '--json')).toBe(0);
  const list = ModelsListSchema.parse(JSON.parse(out));
  expect(list.packs.map((p) => [p.id, p.state])).toEqual([['test-pack', 'available']]);
  expect(list.packs[0]!.device).toEqual({ name: 'cpu', note: 'Running on CPU.' });

  out = '';
  expect(await run('download', 'test-pack', '--endpoint', env.hub.url)).toBe(0);
  expect(out).toBe(`Installed test-pack (3 files) in ${env.modelsDir}.\n`);
  expect(err.split('\n')[0]).toMatch(/^\s+0%\s+0 B \/ 420 kB {2}queued 1\/3$/);
  expect(err).toMatch(/100% {2}420 kB \/ 420 kB {2}done 3\/3\n$/);

  out = '';
  expect(await run('list')).toBe(0);
  expect(out).toMatch(/^PACK\s+STATE\s+SIZE\s+DEVICE\s+TITLE\ntest-pack\s+installed\s+420 kB\s+cpu\s+Test pack test-pack\n/);

  out = '';
  expect(await run('verify')).toBe(0);
  expect(out).toBe('ok       test-pack\n');

  const file = path.join(env.modelsDir, 'test-pack', 'decoder.onnx');
  const bytes = await readFile(file);
  bytes[1] = bytes[1]! ^ 0x10;
  await writeFile(file, bytes);
  out = '';
  expect(await run('verify', 'test-pack')).toBe(1);
  expect(out).toMatch(
    /^DAMAGED {2}test-pack\n {9}decoder\.onnx: is damaged \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\); download the pack again to repair it \(anyfill models download test-pack\)\.\n$/,
  );

  out = '';
  expect(await run('remove', 'test-pack')).toBe(0);
  expect(out).toBe('Removed test-pack.\n');
});

it('prints errors as one line and usage mistakes with exit code 2', async () => {
  expect(await run('download', 'test-pack', '--endpoint', `${env.hub.url}/`)).toBe(1);
  expect(err.trim().split('\n').at(-1)).toBe(
    `anyfill models: enc/encoder.onnx was not found on the server (${env.hub.url}/org/weights/resolve/main/onnx/encoder.onnx). The catalog may be out of date, or the mirror lacks it.`,
  );
  err = '';
  expect(await run('verify', 'Not_A_Pack')).toBe(1);
  expect(err).toBe('anyfill models: "Not_A_Pack" is not a valid model pack name.\n');
  err = '';
  expect(await run('download')).toBe(2);
  expect(err).toBe('anyfill models: unknown or incomplete command "download". Run "anyfill models --help".\n');
  expect(await run('list', '--bogus')).toBe(2);
  out = '';
  expect(await runModels(['--help'], { stdout: { write: (s: string) => (out += s) } })).toBe(0);
  expect(out).toContain('anyfill models download <pack>');
});

it('draws a progress bar for terminals and plain lines for logs', () => {
  const p = {
    packId: 'p1',
    state: 'downloading' as const,
    file: 'unet/weights.pb',
    fileIndex: 1,
    fileCount: 3,
    receivedBytes: 1.5e9,
    totalBytes: 3e9,
    bytesPerSecond: 25e6,
    etaSeconds: 60,
  };
  expect(progressLine(p, 10)).toBe('[#####.....]  50%  1.50 GB / 3.00 GB  25.0 MB/s  ETA 1m00s  downloading 2/3 unet/weights.pb');
  expect(progressLine({ ...p, state: 'verifying', etaSeconds: null }, 0)).toBe(' 50%  1.50 GB / 3.00 GB  verifying 2/3 unet/weights.pb');
});
