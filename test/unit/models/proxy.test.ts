// Runs in: test tooling. Downloads go through HTTP(S)_PROXY when set (undici's EnvHttpProxyAgent),
// and around it for hosts in NO_PROXY.
import { rm } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import { startCountingProxy } from '../../helpers/hub-server';
import { catalogOf, makeEnv, putSample, samplePack, type Env } from './fixtures';

const saved = { ...process.env };
let env: Env;
afterEach(async () => {
  for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await env.cleanup();
});

it('honours HTTP_PROXY, and NO_PROXY for the hosts it lists', async () => {
  env = await makeEnv(catalogOf(samplePack()));
  await putSample(env);
  const proxy = await startCountingProxy();
  try {
    for (const k of ['NO_PROXY', 'no_proxy', 'http_proxy', 'https_proxy']) delete process.env[k];
    process.env.HTTP_PROXY = proxy.url;
    await env.manager().download('test-pack', { endpoint: env.hub.url });
    expect(proxy.count()).toBeGreaterThanOrEqual(1);
    expect(env.hub.requests).toHaveLength(3);

    await rm(env.modelsDir, { recursive: true });
    const before = proxy.count();
    process.env.NO_PROXY = '127.0.0.1';
    await env.manager().download('test-pack', { endpoint: env.hub.url });
    expect(proxy.count()).toBe(before);
    expect(env.hub.requests).toHaveLength(6);
  } finally {
    await proxy.close();
  }
});
