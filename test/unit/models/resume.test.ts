// Runs in: test tooling. Interrupted downloads resume with Range + If-Range and fetch only the missing
// bytes; a file that changed on the server restarts from 0; a complete partial (416) is just verified.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listPacks } from '../../../src-main/engine/models/list-packs';
import { catalogOf, cpuDevice, makeEnv, putSample, samplePack, sha256, type Env } from './fixtures';

const catalog = catalogOf(samplePack());
let env: Env;
beforeEach(async () => {
  env = await makeEnv(catalog);
});
afterEach(() => env.cleanup());

const partialOf = (p: string) => path.join(env.modelsDir, '.partial', 'test-pack', ...p.split('/')) + '.partial';

it('resumes after cuts at random offsets, fetching only the missing bytes', async () => {
  const c = await putSample(env);
  const m = env.manager();
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let round = 0; round < 4; round++) {
    const before = (await stat(partialOf('enc/encoder.onnx')).catch(() => null))?.size ?? 0;
    const offset = round === 3 ? 1 : 1 + rand(300_000 - before - 2); // a cut inside what is left
    env.hub.knobs.cutAfter = offset;
    env.hub.reset();
    await expect(m.download('test-pack', { endpoint: env.hub.url })).rejects.toMatchObject({
      code: 'IO',
      message: 'Download of enc/encoder.onnx was interrupted; it resumes where it stopped when you retry.',
    });
    expect((await stat(partialOf('enc/encoder.onnx'))).size).toBe(before + offset);
    const list = await listPacks(env.modelsDir, cpuDevice, { catalog });
    expect(list.packs[0]).toMatchObject({ state: 'incomplete' });
    expect(list.packs[0]!.installedBytes - (before + offset)).toBeLessThan(1000); // plus the small sidecar
    expect(env.events.at(-1)).toMatchObject({ state: 'failed', error: { code: 'IO' } });
  }
  const have = (await stat(partialOf('enc/encoder.onnx'))).size;
  env.hub.reset();
  const manifest = await m.download('test-pack', { endpoint: env.hub.url });
  const enc = env.hub.requests.find((r) => r.path === 'org/weights/onnx/encoder.onnx')!;
  expect(enc).toMatchObject({ status: 206, range: `bytes=${have}-`, ifRange: `"${sha256(c.encoder)}"`, bytes: 300_000 - have });
  expect(env.hub.bytesSent()).toBe(300_000 - have + 120_000 + c.config.length);
  expect(manifest.files[0]!.sha256).toBe(sha256(c.encoder));
  expect(await readFile(path.join(env.modelsDir, 'test-pack', 'enc', 'encoder.onnx'))).toEqual(c.encoder);
});

it('restarts from 0 when the file changed on the server between attempts', async () => {
  await putSample(env);
  const m = env.manager();
  env.hub.knobs.cutAfter = 100_000;
  await expect(m.download('test-pack', { endpoint: env.hub.url })).rejects.toMatchObject({ code: 'IO' });
  const changed = randomBytes(310_000);
  await env.put('org/weights', 'onnx/encoder.onnx', changed); // new content → new ETag
  env.hub.reset();
  const manifest = await m.download('test-pack', { endpoint: env.hub.url });
  const enc = env.hub.requests.find((r) => r.path === 'org/weights/onnx/encoder.onnx')!;
  expect(enc).toMatchObject({ status: 200, range: 'bytes=100000-', bytes: 310_000 });
  expect(manifest.files[0]).toEqual({ path: 'enc/encoder.onnx', bytes: 310_000, sha256: sha256(changed) });
});

it('resumes automatically after a dropped connection when retries are allowed', async () => {
  const c = await putSample(env);
  env.hub.knobs.cutAfter = 50_000;
  const manifest = await env.manager({ retries: 2 }).download('test-pack', { endpoint: env.hub.url });
  expect(manifest.files[0]!.sha256).toBe(sha256(c.encoder));
  expect(env.hub.bytesSent()).toBe(300_000 + 120_000 + c.config.length);
});

it('treats 416 on a complete partial as done, and verifies it', async () => {
  const c = await putSample(env);
  env.hub.knobs.cutAfter = 299_999;
  const m = env.manager();
  await expect(m.download('test-pack', { endpoint: env.hub.url })).rejects.toMatchObject({ code: 'IO' });
  // Simulate a crash after the last byte arrived but before verification.
  const { appendFile } = await import('node:fs/promises');
  await appendFile(partialOf('enc/encoder.onnx'), c.encoder.subarray(299_999));
  env.hub.reset();
  await m.download('test-pack', { endpoint: env.hub.url });
  expect(env.hub.requests[0]).toMatchObject({ status: 416, bytes: 0 });
});
