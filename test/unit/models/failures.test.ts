// Runs in: test tooling. Downloads that must fail clearly: a corrupted byte (checksum), a missing file
// (404), a full disk, a catalog pin the server contradicts, a server error.
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { catalogOf, makeEnv, putSample, samplePack, sha256, type Env } from './fixtures';

let env: Env;
afterEach(() => env.cleanup());

const final = (p: string) => path.join(env.modelsDir, 'test-pack', ...p.split('/'));
const partial = (p: string) => path.join(env.modelsDir, '.partial', 'test-pack', ...p.split('/')) + '.partial';

it('refuses a file that fails its checksum, deletes it, and installs nothing under the final name', async () => {
  env = await makeEnv(catalogOf(samplePack()));
  const c = await putSample(env);
  env.hub.knobs.flip = { path: 'org/weights/decoder.onnx', offset: 777 };
  const err = await env
    .manager()
    .download('test-pack', { endpoint: env.hub.url })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'INTEGRITY',
    message: expect.stringMatching(
      /^decoder\.onnx failed its checksum \(expected [0-9a-f]{64}, got [0-9a-f]{64}\); it was deleted, try again\.$/,
    ),
  });
  expect((err as Error).message).toContain(sha256(c.decoder));
  expect(existsSync(final('decoder.onnx'))).toBe(false);
  expect(existsSync(partial('decoder.onnx'))).toBe(false);
  expect(existsSync(final('anyfill-pack.json'))).toBe(false);
  expect(existsSync(final('enc/encoder.onnx'))).toBe(true); // verified before: kept, and skipped next time
  env.hub.knobs.flip = null;
  env.hub.reset();
  await env.manager().download('test-pack', { endpoint: env.hub.url });
  expect(env.hub.requests.map((r) => r.path)).toEqual(['org/weights/decoder.onnx', 'org/configs/config.json']);
});

it('reports a 404 as NOT_FOUND naming the file and the URL', async () => {
  const pack = samplePack();
  pack.files[2]!.source = 'missing/config.json'; // the catalog points where the repo has nothing
  env = await makeEnv(catalogOf(pack));
  await putSample(env);
  env.hub.knobs.listing = 'missing'; // a plain file mirror: no listing to plan from
  const err = await env
    .manager()
    .download('test-pack', { endpoint: env.hub.url })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'NOT_FOUND',
    message: `config.json was not found on the server (${env.hub.url}/org/configs/resolve/main/missing/config.json). The catalog may be out of date, or the mirror lacks it.`,
  });
  expect(env.events.at(-1)).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
});

it('checks free disk space first (needed bytes + 5 %)', async () => {
  env = await makeEnv(catalogOf(samplePack()));
  await putSample(env);
  const err = await env
    .manager({ diskFree: async () => 300_000 })
    .download('test-pack', { endpoint: env.hub.url })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'IO',
    message: expect.stringMatching(
      /^Not enough disk space for Test pack test-pack: it needs 441 kB and 300 kB is free in .+\. Free some space and try again\.$/,
    ),
  });
  expect(env.hub.requests).toHaveLength(0);
  await env.manager({ diskFree: async () => 500_000 }).download('test-pack', { endpoint: env.hub.url });
});

it('refuses before downloading when the hub offers another file than the catalog pins', async () => {
  const pack = samplePack();
  pack.files[1]!.sha256 = 'ab'.repeat(32);
  env = await makeEnv(catalogOf(pack));
  await putSample(env);
  env.hub.knobs.listing = 'missing'; // the headers' sha256 is checked before the body is read
  const err = await env
    .manager()
    .download('test-pack', { endpoint: env.hub.url })
    .catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'IO',
    message: expect.stringContaining('The server offers a different decoder.onnx than the catalog expects'),
  });
  expect(existsSync(partial('decoder.onnx'))).toBe(false);
});

it('names unknown packs and unreachable servers', async () => {
  env = await makeEnv(catalogOf(samplePack()));
  await expect(env.manager().download('nope', { endpoint: env.hub.url })).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: 'There is no model pack "nope" in the catalog.',
  });
  const closed = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
  await expect(env.manager().download('test-pack', { endpoint: `http://127.0.0.1:${closed}` })).rejects.toMatchObject({
    code: 'IO',
    message: `Could not reach 127.0.0.1:${closed} to download enc/encoder.onnx. Check the network connection (and HTTPS_PROXY if you use a proxy), then retry.`,
  });
});
