// Runs in: test tooling. One writer per file: two managers (as two processes would) on one pack, a
// stale lock left by a dead process, and cancel mid-file followed by a resume.
import { spawnSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DownloadProgress } from '../../../src-shared/contract/model-payloads';
import { listPacks } from '../../../src-main/engine/models/list-packs';
import { catalogOf, cpuDevice, makeEnv, putSample, samplePack, type Env } from './fixtures';

const catalog = catalogOf(samplePack());
let env: Env;
beforeEach(async () => {
  env = await makeEnv(catalog);
});
afterEach(() => env.cleanup());

const partialOf = (p: string) => path.join(env.modelsDir, '.partial', 'test-pack', ...p.split('/')) + '.partial';

/** Resolves on the first progress event that matches. */
function waitFor(events: DownloadProgress[], match: (p: DownloadProgress) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => events.some(match) && (clearInterval(timer), resolve()), 5);
  });
}

it('lets a second manager on the same file fail clearly while the first downloads', async () => {
  await putSample(env);
  env.hub.knobs.chunkDelayMs = 15;
  const first = env.manager();
  const running = first.download('test-pack', { endpoint: env.hub.url });
  await waitFor(env.events, (p) => p.state === 'downloading' && p.receivedBytes > 0);
  const list = await listPacks(env.modelsDir, cpuDevice, { catalog }); // seen through the lock file
  expect(list.packs[0]!.state).toBe('downloading');
  await expect(env.manager().download('test-pack', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'IO',
    message: `enc/encoder.onnx is already being downloaded by another Anyfill window or command (process ${process.pid}); wait for it to finish, then try again.`,
  });
  env.hub.knobs.chunkDelayMs = 0;
  await running;
  expect(env.hub.requests.filter((r) => r.path.endsWith('encoder.onnx'))).toHaveLength(1);
  await expect(env.manager().download('test-pack', { endpoint: env.hub.url })).resolves.toMatchObject({ packId: 'test-pack' });
});

it('takes over a stale lock left by a process that is gone', async () => {
  await putSample(env);
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  await mkdir(path.dirname(partialOf('enc/encoder.onnx')), { recursive: true });
  await writeFile(`${partialOf('enc/encoder.onnx')}.lock`, `${dead}\n`);
  await expect(env.manager().download('test-pack', { endpoint: env.hub.url })).resolves.toMatchObject({ packId: 'test-pack' });
});

it('cancels mid-file with CANCELLED, keeps the partial, and resumes from it later', async () => {
  await putSample(env);
  env.hub.knobs.chunkDelayMs = 15;
  const m = env.manager();
  const running = m.download('test-pack', { endpoint: env.hub.url });
  await waitFor(env.events, (p) => p.state === 'downloading' && p.receivedBytes >= 32_768);
  m.cancel('test-pack');
  await expect(running).rejects.toMatchObject({
    code: 'CANCELLED',
    message: 'Download of Test pack test-pack was cancelled; it resumes where it stopped next time.',
  });
  expect(m.isDownloading('test-pack')).toBe(false);
  expect(env.events.at(-1)).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
  const kept = (await stat(partialOf('enc/encoder.onnx'))).size;
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(300_000);
  expect((await listPacks(env.modelsDir, cpuDevice, { catalog })).packs[0]!.state).toBe('incomplete');

  env.hub.knobs.chunkDelayMs = 0;
  env.hub.reset();
  await m.download('test-pack', { endpoint: env.hub.url });
  expect(env.hub.requests[0]).toMatchObject({ status: 206, range: `bytes=${kept}-`, bytes: 300_000 - kept });
});
