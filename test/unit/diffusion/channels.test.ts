// Runs in: tests (Node). inpaint.run / inpaint.plan / outpaint.run through the engine's real dispatcher and
// job queue with the SD stand-ins: results the contract accepts become assets; a cancel at a random step
// rejects CANCELLED within one step and leaves no asset behind; the NaN pack fails the job honestly, and a
// pack's safety checker withholding the result fails it without an asset.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import type { JobProgress } from '../../../src-shared/contract/job-payloads';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { writeStandins } from '../../../src-main/standins/index';
import { makeSession, type TestSession } from '../../helpers/images';
import { scene } from './helpers';

const handlers = createEngineHandlers();

let s: TestSession;
let dispatch: Dispatch;
let assetId = '';
/** Sees every event synchronously, as the job emits it (a cancel from here lands before the next step). */
let onEmit: ((event: string, payload: unknown) => void) | undefined;
let id = 1;
let job = 1;
const call = (channel: string, payload: unknown) =>
  dispatch({ t: 'req', id: id++, channel, payload }) as Promise<{
    ok: boolean;
    result?: unknown;
    error?: { code: string; message: string };
  }>;
const assets = async () => (await readdir(path.join(s.dir, 'assets'))).length;
const selection = () => ({
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
});
const inpaint = (extra: Record<string, unknown> = {}) => ({
  jobId: `j_test0${job++}`,
  assetId,
  selection: selection(),
  prompt: 'red',
  seed: 5,
  steps: 4,
  guidance: 7.5,
  strength: 1,
  scheduler: 'ddim',
  variants: 1,
  maxProxySide: 256,
  ...extra,
});

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  await writeStandins(s.ctx.modelsDir, (p) => p === 'sd15-inpaint' || p === 'standin-sd-nan' || p === 'standin-sd-safety');
  dispatch = createDispatcher(handlers, {
    ...s.ctx,
    emit: (event, payload) => {
      s.ctx.emit(event, payload);
      onEmit?.(event, payload);
    },
  });
  const img = scene(96, 80);
  const png = await sharp(img.data, { raw: { width: 96, height: 80, channels: 3 } })
    .png()
    .toBuffer();
  const opened = await call('image.open', { fileId: await s.stage(png), name: 'scene.png', maxProxySide: 256 });
  assetId = (opened.result as { asset: { id: string } }).asset.id;
  await call('image.decoded', { assetId });
});
afterAll(() => s.cleanup());

it('inpaint.plan shows the crop and processing size; inpaint.run returns a red RGBA layer as a new asset', async () => {
  const plan = channels['inpaint.plan'].response.parse((await call('inpaint.plan', { assetId, selection: selection() })).result);
  expect(plan.processingSize.width % 64).toBe(0);
  expect(plan.cropRect.width).toBeLessThanOrEqual(96);
  const reply = await call('inpaint.run', inpaint({ variants: 2 }));
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  const result = channels['inpaint.run'].response.parse(reply.result);
  expect(result.variants.map((v) => v.seed)).toEqual([5, 6]);
  expect([result.withheld, result.message]).toEqual([[], undefined]);
  expect(result.cropRect).toEqual(plan.cropRect);
  const v = result.variants[0]!;
  expect(v.asset.hasAlpha).toBe(true);
  const decoded = await call('image.decoded', { assetId: v.asset.id });
  expect(decoded.ok).toBe(true);
  const centre = await sharp(path.join(s.dir, 'assets', v.asset.id, 'source'))
    .extract({ left: 48 - v.x, top: 40 - v.y, width: 1, height: 1 })
    .raw()
    .toBuffer();
  expect([...centre]).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), 255]);
  expect(centre[0]).toBeGreaterThan(200);
  expect(centre[1]).toBeLessThan(60);
  const runningSteps = s.events.filter((e) => e.event === 'job.progress' && (e.payload as JobProgress).kind === 'inpaint');
  expect(runningSteps.some((e) => (e.payload as JobProgress).state === 'done')).toBe(true);
});

it.each([1, 3, 6])('cancel after step %i rejects CANCELLED within one step and leaves nothing behind', async (k) => {
  const before = await assets();
  const req = inpaint({ steps: 10 });
  let cancelledAt = -1;
  onEmit = (event, payload) => {
    const p = payload as JobProgress;
    // Progress is throttled: cancel at the first report at or past step k.
    if (event === 'job.progress' && p.jobId === req.jobId && p.state === 'running' && p.done >= k && cancelledAt < 0) {
      cancelledAt = p.done;
      s.ctx.services.jobs.cancel(p.jobId);
    }
  };
  const pending = call('inpaint.run', req);
  const reply = await pending;
  expect(reply).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  const steps = s.events
    .filter(
      (e) => e.event === 'job.progress' && (e.payload as JobProgress).jobId === req.jobId && (e.payload as JobProgress).state === 'running',
    )
    .map((e) => (e.payload as JobProgress).done);
  onEmit = undefined;
  expect(cancelledAt).toBeGreaterThanOrEqual(k);
  expect(Math.max(...steps) - cancelledAt).toBeLessThanOrEqual(1);
  expect(await assets()).toBe(before);
});

it('the NaN pack fails the job with an explanation; bad requests are refused', async () => {
  const nan = await call('inpaint.run', inpaint({ packId: 'standin-sd-nan' }));
  expect(nan).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/NaN/) } });
  const empty = await call('inpaint.run', inpaint({ selection: { ...selection(), strokes: [] } }));
  expect(empty).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/selects nothing/) } });
  expect(await call('inpaint.run', inpaint({ scheduler: 'k-lms' }))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

it("a result the pack's safety checker flags fails the job, leaving no asset; a clean one is a normal result", async () => {
  const before = await assets();
  const flagged = await call('inpaint.run', inpaint({ packId: 'standin-sd-safety', variants: 2 }));
  expect(flagged).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST', message: expect.stringMatching(/All 2 variants were flagged and withheld by the safety checker/) },
  });
  expect(await assets()).toBe(before);
  const clean = await call('inpaint.run', inpaint({ packId: 'standin-sd-safety', prompt: 'yellow' }));
  const result = channels['inpaint.run'].response.parse(clean.result);
  expect([result.variants.length, result.withheld]).toEqual([1, []]);
});

it('outpaint.run grows the canvas and keeps the original pixels', async () => {
  const reply = await call('outpaint.run', {
    jobId: `j_test0${job++}`,
    assetId,
    extend: { left: 16, right: 16, top: 0, bottom: 8 },
    prompt: 'red',
    seed: 1,
    steps: 3,
    guidance: 7.5,
    scheduler: 'ddim',
    maxProxySide: 256,
  });
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
  const r = channels['outpaint.run'].response.parse(reply.result);
  expect([r.asset.width, r.asset.height, r.offset.x, r.offset.y]).toEqual([128, 88, 16, 0]);
  const grown = await sharp(path.join(s.dir, 'assets', r.asset.id, 'source'))
    .removeAlpha()
    .raw()
    .toBuffer();
  const img = scene(96, 80);
  for (let y = 0; y < 80; y++)
    expect(grown.subarray((y * 128 + 16) * 3, (y * 128 + 112) * 3).equals(img.data.subarray(y * 96 * 3, (y + 1) * 96 * 3))).toBe(true);
  // The far left column is new and painted.
  expect(grown[40 * 128 * 3]).toBeGreaterThan(150);
});
