// Runs in: vitest (node). Opening an image with a SAM pack installed computes its embedding by itself, in
// the background: segment.ready says so, every model run it queued was background work (a click queued
// meanwhile goes first), and the first click after it only runs the decoder (embedding from memory).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetId } from '../../../src-shared/document/ids';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { InferenceQueue, type EnqueueOptions, type Job } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { writeStandins } from '../../../src-main/standins/index';
import { PORTRAIT } from '../../../src-main/standins/sam/scenes';
import { makeSession, type TestSession } from '../../helpers/images';
import { sceneFile } from '../../helpers/scenes';

/** The engine's queue, noting the priority of every run asked of it. */
class WatchedQueue extends InferenceQueue {
  readonly priorities: string[] = [];
  override enqueue<T>(fn: Job<T>, opts: EnqueueOptions = {}): Promise<T> {
    this.priorities.push(opts.priority ?? 'interactive');
    return super.enqueue(fn, opts);
  }
}

const handlers = createEngineHandlers();
let s: TestSession;
let queue: WatchedQueue;
let pool: SessionPool;

beforeAll(async () => {
  hardenSharp();
  queue = new WatchedQueue();
  pool = new SessionPool({ queue });
  s = await makeSession({ runtime: { inferenceQueue: queue, sessionPool: pool } });
});
afterAll(async () => {
  await pool.releaseAll();
  await s.cleanup();
});

const open = async (): Promise<AssetId> =>
  (
    await handlers['image.open'](
      { fileId: await s.stage(await sceneFile(PORTRAIT, 'png')), name: 'portrait.png', maxProxySide: 256 },
      s.ctx,
    )
  ).asset.id;

describe('image.open prepares SAM by itself', () => {
  it('without a SAM pack: the image opens and decodes, and nothing is said about segmenting', async () => {
    const assetId = await open();
    await s.waitFor('asset.decoded', (e) => e.assetId === assetId && e.ok);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.events.filter((e) => e.event === 'segment.ready')).toEqual([]);
  });

  it('with MobileSAM installed: segment.ready after the decode, background runs only, and a click right after is served from the cache', async () => {
    await writeStandins(s.ctx.modelsDir, (p) => p === 'mobilesam');
    s.ctx.services.segment.invalidatePacks();
    queue.priorities.length = 0;
    const assetId = await open();
    const ready = await s.waitFor('segment.ready', (e) => e.assetId === assetId, 60_000);
    expect(ready).toMatchObject({ packId: 'mobilesam', cached: 'computed' });
    expect(queue.priorities.length).toBeGreaterThan(0);
    expect(new Set(queue.priorities)).toEqual(new Set(['background']));

    const click = await handlers['segment.run']({ assetId, points: [{ x: 400, y: 600, label: 1 }] }, s.ctx);
    expect(click.timings.embedding).toBe('memory');
    expect(queue.priorities.at(-1)).toBe('interactive'); // the click's decoder run
  });
});
