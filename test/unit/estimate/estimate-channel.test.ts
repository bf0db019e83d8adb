// Runs in: vitest (node). generate.estimate through the engine's real dispatcher with the SD stand-ins:
// before the pack has run here the estimate is rough (published compute at 512² on a CPU: far over a
// minute, so faster settings are offered, none of them LCM since no installed pack supports it); after
// one inpaint.run it is calibrated from that run; with the sessions released (as after a restart) it
// stays calibrated, from the models folder, and counts the load again. Bad requests are refused by name.
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { readSpeeds } from '../../../src-main/engine/estimate/speed-store';
import { writeStandins } from '../../../src-main/standins/index';
import { makeSession, type TestSession } from '../../helpers/images';
import { scene } from '../diffusion/helpers';

let s: TestSession;
let dispatch: Dispatch;
let assetId = '';
let id = 1;
const call = (channel: string, payload: unknown) =>
  dispatch({ t: 'req', id: id++, channel, payload }) as Promise<{
    ok: boolean;
    result?: unknown;
    error?: { code: string; message: string };
  }>;
const SETTINGS = { variants: 3, steps: 25, guidance: 7.5, strength: 1, scheduler: 'ddim' };
const estimate = async (processingSize: { width: number; height: number }) => {
  const reply = await call('generate.estimate', { settings: SETTINGS, job: { kind: 'inpaint', processingSize } });
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  return channels['generate.estimate'].response.parse(reply.result);
};

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  await writeStandins(s.ctx.modelsDir, (p) => p === 'sd15-inpaint');
  dispatch = createDispatcher(createEngineHandlers(), s.ctx);
  const img = scene(96, 80);
  const opened = await call('image.open', {
    fileId: await s.stage(
      await sharp(img.data, { raw: { width: 96, height: 80, channels: 3 } })
        .png()
        .toBuffer(),
    ),
    name: 'scene.png',
    maxProxySide: 256,
  });
  assetId = (opened.result as { asset: { id: string } }).asset.id;
  await call('image.decoded', { assetId });
});
afterAll(async () => {
  await Promise.all([s.ctx.services.runtime.sessionPool.releaseAll(), s.ctx.services.runtime.backgroundPool.releaseAll()]);
  await s.cleanup();
});

it('rough before any run, with offers; calibrated from the first run; still calibrated after a restart, with the load', async () => {
  const rough = await estimate({ width: 512, height: 512 });
  expect(rough).toMatchObject({ packId: 'sd15-inpaint', device: 'cpu', calibrated: false, loaded: false });
  expect(rough.totalMs).toBeGreaterThan(60_000);
  expect(rough.offers.map((o) => o.label)).toEqual(['1 variant', '1 variant, 13 steps']);
  expect(rough.offers[1]!.totalMs).toBeLessThan(rough.offers[0]!.totalMs);
  expect((await readSpeeds(s.ctx.modelsDir)).machine.cpu?.gmacPerS).toBeGreaterThan(0);

  const selection = {
    id: 'l_sel1',
    kind: 'selection',
    name: 'Hole',
    visible: true,
    colour: '#ff0000',
    assetId,
    prompt: { points: [] },
    sam: null,
    ops: [],
    strokes: [{ mode: 'add', radius: 12, hardness: 1, points: [{ x: 48, y: 40 }] }],
  };
  const plan = channels['inpaint.plan'].response.parse((await call('inpaint.plan', { assetId, selection })).result);
  const started = performance.now();
  const run = await call('inpaint.run', {
    jobId: 'j_estimate01',
    assetId,
    selection,
    prompt: 'red',
    seed: 1,
    maxProxySide: 256,
    ...SETTINGS,
  });
  const ran = performance.now() - started;
  expect(run.ok, JSON.stringify(run.error)).toBe(true);

  const calibrated = await estimate(plan.processingSize);
  expect(calibrated).toMatchObject({ calibrated: true, loaded: true, offers: [] });
  expect(calibrated.parts.loadMs).toBe(0);
  expect(calibrated.totalMs).toBeLessThan(ran * 1.5); // stand-ins: milliseconds, the load left out
  // Another processing size has not run here: rough again.
  expect((await estimate({ width: 512, height: 512 })).calibrated).toBe(false);

  await s.ctx.services.runtime.backgroundPool.releaseAll(); // as after a restart: the figures are on disk, the sessions are not open
  const restarted = await estimate(plan.processingSize);
  expect(restarted).toMatchObject({ calibrated: true, loaded: false });
  expect(restarted.parts.loadMs).toBeGreaterThan(0);
  expect(restarted.totalMs).toBeGreaterThan(calibrated.totalMs);
}, 60_000);

it('refuses what it cannot estimate, by name', async () => {
  const missing = await call('generate.estimate', {
    settings: { ...SETTINGS, packId: 'no-such-pack' },
    job: { kind: 'inpaint', processingSize: { width: 512, height: 512 } },
  });
  expect(missing.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no-such-pack.*not installed/) });
  const bad = await call('generate.estimate', {
    settings: SETTINGS,
    job: { kind: 'outpaint', imageSize: { width: 100, height: 100 }, extend: { left: 0, right: 0, top: 0, bottom: 0 } },
  });
  expect(bad.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/Nothing to extend/) });
});
