// Runs in: vitest (node). A 1 × 5000 image (issue 15 item 6) works: it opens with a proxy at least 1 px
// wide, SAM prepares and answers a click through the engine's dispatcher (the host's path), the CLI
// writes its mask. Before, SAM's long-side resize rounded the width to 0:
// "Expected positive integer … for width but received 0" (CLI) and INTERNAL (host).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runSegment } from '../../../src-main/cli/segment-command';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { writeStandins } from '../../../src-main/standins/index';
import { makeSession, type TestSession } from '../../helpers/images';
import { openFile } from '../../helpers/scenes';

let s: TestSession;
let dispatch: Dispatch;
let png: Buffer;
let id = 1;
const savedCache = process.env.ANYFILL_CACHE_DIR;

async function call(channel: string, payload: unknown): Promise<Record<string, unknown>> {
  const reply = await dispatch({ t: 'req', id: id++, channel, payload });
  if (!reply?.ok) throw new Error(`${channel}: ${JSON.stringify(reply)}`);
  return reply.result as Record<string, unknown>;
}

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  process.env.ANYFILL_CACHE_DIR = s.ctx.cacheDir;
  await writeStandins(s.ctx.modelsDir, (p) => p === 'mobilesam');
  png = await sharp({ create: { width: 1, height: 5000, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .png()
    .toBuffer();
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
}, 60_000);
afterAll(async () => {
  if (savedCache === undefined) delete process.env.ANYFILL_CACHE_DIR;
  else process.env.ANYFILL_CACHE_DIR = savedCache;
  await s.cleanup();
});

it('opens, prepares and answers a click on a 1 × 5000 image through the dispatcher', async () => {
  const assetId = await openFile(s, png);
  expect(await call('segment.prepare', { assetId })).toMatchObject({ cached: 'computed' });
  const run = await call('segment.run', { assetId, points: [{ x: 0.5, y: 2500, label: 1 }] });
  expect(run.candidates).toBeInstanceOf(Array);
});

it('writes the mask of a click on a 1 × 5000 image from the CLI', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-thin-'));
  try {
    await writeFile(path.join(dir, 'thin.png'), png);
    const out = path.join(dir, 'mask.png');
    expect(await runSegment(['--image', path.join(dir, 'thin.png'), '--point', '0,2500', '--models', s.ctx.modelsDir, '--out', out])).toBe(
      0,
    );
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([1, 5000]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
