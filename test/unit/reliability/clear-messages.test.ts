// Runs in: vitest (node). Messages that said the wrong thing (issue 15 item 8): a redirect loop is not an
// "interrupted" download that a retry resumes; a SAM pack with a deleted file is not "no model installed".
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { findSamPack } from '../../../src-main/engine/segment/sam-pack';
import { writeStandins } from '../../../src-main/standins/index';
import { makeSession } from '../../helpers/images';
import { catalogOf, makeEnv, putSample, samplePack, type Env } from '../models/fixtures';

let env: Env | null = null;
afterEach(async () => {
  await env?.cleanup();
  env = null;
});

it('says the server redirected too many times, not that the download was interrupted', async () => {
  env = await makeEnv(catalogOf(samplePack()));
  await putSample(env);
  // A mirror whose every answer is a redirect to itself.
  const loop = http.createServer((req, res) => res.writeHead(302, { Location: req.url ?? '/' }).end());
  await new Promise<void>((r) => loop.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(loop.address() as AddressInfo).port}`;
    const err = await env
      .manager()
      .download('test-pack', { endpoint: url })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'IO',
      message: expect.stringMatching(
        /^The server redirected too many times \(over 10 redirects\) for http:\/\/127\.0\.0\.1:\d+\/\S+; the mirror may be misconfigured\./,
      ),
    });
    expect((err as Error).message).not.toMatch(/interrupted|resumes/);
  } finally {
    loop.close();
  }
});

it('names the SAM pack and the file that was deleted, instead of "No segmentation model is installed"', async () => {
  const s = await makeSession();
  try {
    await writeStandins(s.ctx.modelsDir, (p) => p === 'mobilesam');
    const m = await findSamPack(s.ctx.modelsDir);
    await rm(path.join(s.ctx.modelsDir, 'mobilesam', m.roles.decoder!));
    const err = await findSamPack(s.ctx.modelsDir).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'NOT_FOUND',
      message: `The "decoder" file of model pack "mobilesam" (${m.roles.decoder}) is missing. Verify the pack, or download it again.`,
    });
  } finally {
    await s.cleanup();
  }
});
