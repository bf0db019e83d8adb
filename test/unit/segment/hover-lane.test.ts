// Runs in: test tooling. The hover lane of segment.run: hover previews are latest-wins among themselves, never
// cancel or delay a click (clicks go first in the queue), answer with the chosen candidate only, and never
// push the clicks that refinement needs out of the result store; a click with the last hover's prompt reuses
// its decode.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LANDSCAPE } from '../../../src-main/standins/sam/scenes';
import { samRunCounts } from '../../../src-main/engine/segment/sam-runs';
import type { SegmentResult } from '../../../src-main/engine/segment/types';
import { segmentFixture, type SegmentFixture } from './fixture';

let f: SegmentFixture;
beforeAll(async () => {
  f = await segmentFixture(['mobilesam']);
});
afterAll(() => f.cleanup());

const click = (x: number, y: number) => ({ x, y, label: 1 as const });

it('hovers never cancel a click with the same key, and a waiting click runs before a waiting hover', async () => {
  const assetId = await f.open(LANDSCAPE, 'png');
  await f.service.prepare(f.ctx, assetId, 'mobilesam');
  const done: string[] = [];
  const track = (name: string, p: Promise<SegmentResult>) => {
    const q = p.then(
      (r) => (done.push(name), r),
      (e: unknown) => (done.push(`${name}:cancelled`), Promise.reject(e as Error)),
    );
    q.catch(() => undefined); // judged below, once all have settled
    return q;
  };
  // Hold the queue with a job of our own, so every request below waits in it.
  let release = () => {};
  const blocker = f.ctx.services.runtime.inferenceQueue.enqueue(() => new Promise<void>((r) => (release = r)));
  const waiting = (n: number) => expect.poll(() => f.ctx.services.runtime.inferenceQueue.size).toBe(n);
  const base = { assetId, packId: 'mobilesam', key: 'sel-1' };
  const h1 = track('h1', f.service.segment(f.ctx, { ...base, points: [click(400, 500)], lane: 'hover' }));
  await waiting(1);
  const h2 = track('h2', f.service.segment(f.ctx, { ...base, points: [click(410, 500)], lane: 'hover' }));
  await waiting(1); // h2 replaced h1 in the queue
  const c = track('click', f.service.segment(f.ctx, { ...base, points: [click(500, 550)] }));
  await waiting(2); // the click with the same key replaced nothing
  release();
  await blocker;
  const results = await Promise.allSettled([h1, h2, c]);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  expect(done).toEqual(['h1:cancelled', 'click', 'h2']); // the click went ahead of the hover queued before it
  const hover = (results[1] as PromiseFulfilledResult<SegmentResult>).value;
  expect(hover.candidates).toHaveLength(1); // a preview needs only the chosen mask
  expect((results[2] as PromiseFulfilledResult<SegmentResult>).value.candidates.length).toBeGreaterThan(1);
});

it('a stream of hovers does not push a click out of the results refinement uses; hover results are not refinable', async () => {
  const assetId = await f.open(LANDSCAPE, 'png');
  const first = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: [click(500, 550)], key: 'sel-2' });
  let last: SegmentResult | null = null;
  for (let i = 0; i < 20; i++)
    last = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: [click(300 + i * 5, 500)], lane: 'hover' });
  const refined = await f.service.segment(f.ctx, {
    assetId,
    packId: 'mobilesam',
    points: [click(500, 550), click(600, 600)],
    previousLowRes: { resultId: first.resultId, index: first.candidates[first.chosen]!.index },
  });
  expect(refined.candidates.length).toBeGreaterThan(0);
  await expect(
    f.service.segment(f.ctx, {
      assetId,
      packId: 'mobilesam',
      points: [click(500, 550)],
      previousLowRes: { resultId: last!.resultId, index: 0 },
    }),
  ).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('a click with the prompt of the last hover takes the hover’s decode: no second run, the same result', async () => {
  const assetId = await f.open(LANDSCAPE, 'png');
  const points = [click(520, 560)];
  const runs = samRunCounts.decoder;
  const fresh = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points }); // no hover before it
  const hover = f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points, lane: 'hover' });
  // Sent while the hover is still running, as a click right after a move is.
  const clicked = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points, key: 'sel-3' });
  await hover;
  expect(samRunCounts.decoder).toBe(runs + 2);
  expect(clicked.timings.modelMs).toBe(0);
  const bytes = (r: SegmentResult) => r.candidates.map((c) => Buffer.from(c.logits!.data).toString('base64'));
  expect(bytes(clicked)).toEqual(bytes(fresh));
  expect(clicked.chosen).toBe(fresh.chosen);
  expect(clicked.resultId).not.toBe(fresh.resultId);
  // Another prompt decodes on its own.
  await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: [click(530, 560)], key: 'sel-3' });
  expect(samRunCounts.decoder).toBe(runs + 3);
});

it('a press on a spot its hover already previewed shares that decode; the click on release takes it too', async () => {
  const assetId = await f.open(LANDSCAPE, 'png');
  const points = [click(530, 555)];
  const base = { assetId, packId: 'mobilesam', points };
  const runs = samRunCounts.decoder;
  const hover = await f.service.segment(f.ctx, { ...base, lane: 'hover', key: 'hover' });
  await f.service.prefetch(f.ctx, { ...base, key: 'press' }); // the button goes down there
  const clicked = await f.service.segment(f.ctx, { ...base, key: 'sel-4' }); // and comes up
  expect(samRunCounts.decoder).toBe(runs + 1); // one decode for all three
  expect(clicked.timings.modelMs).toBe(0);
  expect(clicked.candidates[clicked.chosen]!.logits).toEqual(hover.candidates[0]!.logits);
});

it('a press with no preview before it decodes once; its click takes that decode, even when sent while it runs', async () => {
  const assetId = await f.open(LANDSCAPE, 'png');
  const base = { assetId, packId: 'mobilesam', points: [click(540, 565)] };
  const runs = samRunCounts.decoder;
  const pressed = f.service.prefetch(f.ctx, { ...base, key: 'press' });
  const clicked = await f.service.segment(f.ctx, { ...base, key: 'sel-5' }); // a quick click: sent before the decode ends
  expect((await pressed).timings.modelMs).toBeGreaterThan(0);
  expect(samRunCounts.decoder).toBe(runs + 1);
  expect(clicked.timings.modelMs).toBe(0);
  const alone = await f.service.segment(f.ctx, { ...base, key: 'sel-6' });
  expect(clicked.candidates.map((c) => c.logits)).toEqual(alone.candidates.map((c) => c.logits)); // the same answer
});
