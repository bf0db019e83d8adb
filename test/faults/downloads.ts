// Runs in: tests (node). A fake hub's fault modes against the real download manager, loopback only: no hash
// anywhere with an HTML page, random bytes or half a file where a model should be; a byte flipped in transit
// under a listed hash; a listing that lacks a file or disagrees on a size; a 404, a cut connection, a
// redirect loop; and a broken re-download over a good install. Clear: refused with a clear message and
// nothing installed; lost: a previous install changed.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { catalogOf, makeEnv, putSample, samplePack, type Env } from '../unit/models/fixtures';
import { isClearError, type Tally } from './tally';

type Case = { name: string; arrange: (env: Env) => Promise<string | void>; preinstall?: boolean };

const noHashes = (env: Env) => {
  env.hub.knobs.listing = 'missing'; // a plain mirror: no listing
  env.hub.knobs.isLfs = () => false; // and no X-Linked-Etag: nothing publishes a sha256
};

const CASES: Case[] = [
  {
    name: 'no hash anywhere, an HTML page as the model',
    arrange: async (env) => (
      noHashes(env),
      await env.put('org/weights', 'decoder.onnx', Buffer.from('<!doctype html><html><body>Sign in to continue</body></html>'))
    ),
  },
  {
    name: 'no hash anywhere, random bytes as the model',
    arrange: async (env) => (
      noHashes(env),
      await env.put('org/weights', 'decoder.onnx', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)))
    ),
  },
  {
    name: 'no hash anywhere, half of an ONNX file',
    arrange: async (env) => (
      noHashes(env),
      await env.put('org/weights', 'decoder.onnx', (await readFile(path.join(env.hubRoot, 'org/weights/decoder.onnx'))).subarray(0, 60_000))
    ),
  },
  {
    name: 'a byte flipped in transit under a listed hash',
    arrange: async (env) => void (env.hub.knobs.flip = { path: 'org/weights/decoder.onnx', offset: 1000 }),
  },
  {
    name: 'a listing that lacks a catalog file',
    arrange: async (env) => void (env.hub.knobs.editListing = (_r, entries) => entries.filter((e) => e.path !== 'decoder.onnx')),
  },
  {
    name: 'a listing that disagrees on a size',
    arrange: async (env) =>
      void (env.hub.knobs.editListing = (_r, entries) =>
        entries.map((e) =>
          e.path === 'decoder.onnx' ? { ...e, size: e.size + 1, ...(e.lfs ? { lfs: { ...e.lfs, size: e.size + 1 } } : {}) } : e,
        )),
  },
  {
    name: 'a 404 for one file',
    arrange: async (env) => void (await import('node:fs/promises')).rm(path.join(env.hubRoot, 'org/weights/decoder.onnx')),
  },
  {
    name: 'the connection cut mid-file',
    arrange: async (env) => void ((env.hub.knobs.cutAfter = 50_000), (env.hub.knobs.cutMode = 'always')),
  },
  { name: 'a redirect loop', arrange: async () => redirectLoop() },
  {
    name: 'a corrupt repair of an installed pack',
    preinstall: true,
    arrange: async (env) => void (env.hub.knobs.flip = { path: 'org/weights/decoder.onnx', offset: 5 }),
  },
];

let loopUrl: Promise<string> | null = null;
/** A mirror whose every answer redirects to itself (started once). */
function redirectLoop(): Promise<string> {
  loopUrl ??= new Promise((resolve) => {
    const loop = http.createServer((req, res) => res.writeHead(302, { Location: req.url ?? '/' }).end());
    loop.unref();
    loop.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(loop.address() as AddressInfo).port}`));
  });
  return loopUrl;
}

export async function runDownloads(tally: Tally): Promise<void> {
  for (const c of CASES) {
    const env = await makeEnv(catalogOf(samplePack()));
    try {
      await putSample(env);
      let before: string | null = null;
      const manifestFile = path.join(env.modelsDir, 'test-pack', 'anyfill-pack.json');
      if (c.preinstall) {
        await env.manager().download('test-pack', { endpoint: env.hub.url });
        before = await readFile(manifestFile, 'utf8');
        await (await import('node:fs/promises')).rm(path.join(env.modelsDir, 'test-pack', 'decoder.onnx')); // damaged: a repair is due
      }
      const endpoint = (await c.arrange(env)) ?? env.hub.url;
      const answer = await env
        .manager()
        .download('test-pack', { endpoint })
        .then(
          () => 'installed',
          (e: unknown) => e,
        );
      const installedNow = existsSync(manifestFile) ? await readFile(manifestFile, 'utf8') : null;
      if (c.preinstall && installedNow !== before) tally.add('downloads', c.name, 'lost', 'the previous install changed');
      else if (answer === 'installed' || (!c.preinstall && installedNow !== null))
        tally.add('downloads', c.name, 'unclear', 'installed what it should have refused');
      else tally.add('downloads', c.name, isClearError(answer) ? 'clear' : 'unclear', JSON.stringify(answer).slice(0, 200));
    } finally {
      await env.cleanup();
    }
  }
}
