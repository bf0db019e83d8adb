// Runs in: test tooling. The segment service's embedding cache (memory, disk, damaged files), latest-wins
// under 100 rapid clicks, and its errors: click outside, no SAM pack, a model failing mid-run.
import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { openSession } from '../../../src-main/engine/runtime/open-session';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { pruneEmbeddings } from '../../../src-main/engine/segment/disk-prune';
import { decodeLogits } from '../../../src-main/engine/segment/logits-codec';
import { samRunCounts } from '../../../src-main/engine/segment/sam-runs';
import { SegmentService } from '../../../src-main/engine/segment/segment-service';
import { createEngineServices } from '../../../src-main/engine/services';
import { LANDSCAPE, PORTRAIT, SHADES } from '../../../src-main/standins/sam/scenes';
import { openFile, scaledScene, sceneFile } from '../../helpers/scenes';
import { segmentFixture, type SegmentFixture } from './fixture';

let f: SegmentFixture;
beforeAll(async () => {
  f = await segmentFixture(['mobilesam', 'sam2.1-tiny']);
});
afterAll(() => f.cleanup());

/** The segment service of a new engine process over the same session folder (nothing in memory). */
const freshService = () => createEngineServices(f.session.dir, { runtime: f.ctx.services.runtime }).segment;
const click = (x: number, y: number, label: 0 | 1 = 1) => ({ x, y, label });
const embeddingFiles = (packId: string) => path.join(f.ctx.cacheDir, 'embeddings', packId);

describe('embedding cache', () => {
  it.each(['mobilesam', 'sam2.1-tiny'])(
    '%s: computed once, then memory; a new service reads disk; a damaged file is recomputed',
    async (packId) => {
      const assetId = await f.open(PORTRAIT, 'jpeg');
      const runs = samRunCounts.encoder;
      const first = await f.service.prepare(f.ctx, assetId, packId);
      expect(first).toMatchObject({ packId, cached: 'computed' });
      const [a, b] = await Promise.all([
        f.service.prepare(f.ctx, assetId, packId),
        f.service.segment(f.ctx, { assetId, packId, points: [click(650, 850)] }),
      ]);
      expect(a.cached).toBe('memory');
      expect(b.timings.embedding).toBe('memory');
      expect(samRunCounts.encoder).toBe(runs + 1);
      await f.service.flush();

      const fresh = freshService();
      const fromDisk = await fresh.prepare(f.ctx, assetId, packId);
      expect(fromDisk.cached).toBe('disk');
      expect(samRunCounts.encoder).toBe(runs + 1); // read back, not recomputed
      const again = await fresh.segment(f.ctx, { assetId, packId, points: [click(650, 850)] });
      expect(decodeLogits(again.candidates[again.chosen]!.logits!)).toEqual(decodeLogits(b.candidates[b.chosen]!.logits!));

      // Flip bytes in the payload: the checksum catches it, the embedding is recomputed and rewritten.
      const [file] = (await readdir(embeddingFiles(packId))).filter((n) => n.endsWith('.bin'));
      const full = path.join(embeddingFiles(packId), file!);
      const bytes = await readFile(full);
      bytes.fill(0x55, bytes.length - 4096);
      await writeFile(full, bytes);
      const damaged = freshService();
      expect((await damaged.prepare(f.ctx, assetId, packId)).cached).toBe('computed');
      await damaged.flush();
      await writeFile(full, 'not an embedding');
      expect((await freshService().prepare(f.ctx, assetId, packId)).cached).toBe('computed');
      expect(samRunCounts.encoder).toBe(runs + 3);
    },
  );

  it('the same file reopened (a new asset) hits the disk cache: the key is the content, not the asset', async () => {
    const scene = scaledScene(LANDSCAPE, 0.5);
    const first = await f.open(scene, 'png');
    expect((await f.service.prepare(f.ctx, first, 'mobilesam')).cached).toBe('computed');
    await f.service.flush();
    const second = await openFile(f.session, await sceneFile(scene, 'png'));
    expect((await freshService().prepare(f.ctx, second, 'mobilesam')).cached).toBe('disk');
  });
});

describe('disk budget', () => {
  it('drops the least recently used files past the budget', async () => {
    const root = path.join(f.session.dir, 'prune-test');
    const dir = path.join(root, 'embeddings', 'mobilesam');
    await mkdir(dir, { recursive: true });
    for (const [i, name] of ['old', 'mid', 'new'].entries()) {
      await writeFile(path.join(dir, `${name}.bin`), Buffer.alloc(1000));
      await utimes(path.join(dir, `${name}.bin`), 1000 + i, 1000 + i);
    }
    expect(await pruneEmbeddings(root, 2500)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['mid.bin', 'new.bin']);
    expect(await pruneEmbeddings(path.join(root, 'missing'), 0)).toBe(0);
  });
});

describe('latest-wins', () => {
  it('100 rapid clicks with one key: few decoder runs, and the last result is the last click’s', async () => {
    const assetId = await f.open(LANDSCAPE, 'png');
    await f.service.prepare(f.ctx, assetId, 'mobilesam');
    const runs = samRunCounts.decoder;
    const calls: Array<Promise<unknown>> = [];
    const prompt = (i: number) => [click(320 + i * 3, 420 + i * 2), click(1150, 350 - i, 0)];
    // Mouse moves reach the engine in bursts: its JS thread is blocked while ORT runs (onnxruntime-node
    // calls the native run from setImmediate), so events pile up and arrive together.
    for (let i = 0; i < 100; i++) {
      const call = f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: prompt(i), key: 'hover' });
      call.catch(() => undefined); // judged below, once all have settled
      calls.push(call);
      if (i % 10 === 9) await new Promise((r) => (i % 20 === 9 ? setImmediate(r) : setTimeout(r, 3)));
    }
    const settled = await Promise.allSettled(calls);
    const decoded = samRunCounts.decoder - runs;
    expect(decoded).toBeLessThan(25);
    const last = settled[99]!;
    expect(last.status).toBe('fulfilled');
    for (const s of settled) if (s.status === 'rejected') expect(s.reason).toMatchObject({ code: 'CANCELLED' });
    const fresh = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: prompt(99) });
    const final = (last as PromiseFulfilledResult<Awaited<ReturnType<typeof f.service.segment>>>).value;
    expect(final.candidates.map((c) => Buffer.from(c.logits!.data).toString('base64'))).toEqual(
      fresh.candidates.map((c) => Buffer.from(c.logits!.data).toString('base64')),
    );
    expect(settled.filter((s) => s.status === 'fulfilled').length).toBe(decoded);
  });
});

describe('errors', () => {
  it('a click outside the image is BAD_REQUEST before any model work', async () => {
    const assetId = await f.open(LANDSCAPE, 'png');
    await expect(f.service.segment(f.ctx, { assetId, points: [click(1600, 10)] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'That click is outside the image.',
    });
  });

  it('no SAM pack installed: NOT_FOUND that points at the model manager', async () => {
    const assetId = await f.open(LANDSCAPE, 'png');
    const ctx = { ...f.ctx, modelsDir: path.join(f.session.dir, 'no-models') };
    const err = await freshService()
      .segment(ctx, { assetId, points: [click(10, 10)] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnyfillError);
    expect(err).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No segmentation model is installed: open Models… to download MobileSAM (45 MB).',
    });
    await expect(freshService().prepare(f.ctx, assetId, 'sd15-inpaint')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('the default pack is the catalog default (MobileSAM) when several are installed', async () => {
    const assetId = await f.open(LANDSCAPE, 'png');
    expect((await f.service.prepare(f.ctx, assetId)).packId).toBe('mobilesam');
  });

  it('a model failing mid-run: a clear AnyfillError, nothing cached, the next call works', async () => {
    const failing = new Set<string>();
    const queue = new InferenceQueue();
    const pool = new SessionPool({
      queue,
      open: async (file, opts) => {
        const opened = await openSession(file, opts);
        const run = opened.session.run.bind(opened.session);
        const role = opts.label.includes('encoder') ? 'encoder' : 'decoder';
        vi.spyOn(opened.session, 'run').mockImplementation(((...args: Parameters<typeof run>) =>
          failing.has(role)
            ? Promise.reject(new Error('Non-zero status code returned while running Conv node. CUDA failure 700'))
            : run(...args)) as typeof run);
        return opened;
      },
    });
    const service = new SegmentService({ assets: f.ctx.services.assets, queue, pool });
    const assetId = await f.open(SHADES, 'jpeg');
    failing.add('encoder');
    await expect(service.prepare(f.ctx, assetId, 'sam2.1-tiny')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/^sam2\.1-tiny image encoder failed while running: /),
    });
    await service.flush();
    failing.clear();
    expect((await service.prepare(f.ctx, assetId, 'sam2.1-tiny')).cached).toBe('computed');
    failing.add('decoder');
    await expect(service.segment(f.ctx, { assetId, packId: 'sam2.1-tiny', points: [click(300, 250)] })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/mask decoder failed/),
    });
    failing.clear();
    const ok = await service.segment(f.ctx, { assetId, packId: 'sam2.1-tiny', points: [click(300, 250)] });
    expect(ok.timings.embedding).toBe('memory');
    await pool.releaseAll();
  });
});
