// Runs in: test tooling. Warm-up runs once with dummy inputs built from the metadata, as background
// work that never goes before a waiting interactive run.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { openSession } from '../../../src-main/engine/runtime/open-session';
import { dummyFeeds, warmUp } from '../../../src-main/engine/runtime/warm-up';
import { signatureModel, tempDir, writeModel, type TempDir } from './tiny-models';

let tmp: TempDir;
let file: string;
beforeAll(async () => {
  tmp = await tempDir();
  file = await writeModel(
    tmp.file('unet.onnx'),
    signatureModel(
      [
        ['sample', 'float16', ['batch', 9, 'h', 'w']],
        ['timestep', 'int64', []],
        ['encoder_hidden_states', 'float32', ['batch', 77, 768]],
        ['orig_im_size', 'float32', [2]],
      ],
      [['out_sample', 'float32', ['batch', 4, 'h', 'w']]],
    ),
  );
});
afterAll(() => tmp.cleanup());

describe('warmUp', () => {
  it('builds dummy inputs of the declared dtypes, with small sizes for dynamic dims', async () => {
    const { session } = await openSession(file, { providers: ['cpu'], label: 'UNet' });
    const feeds = dummyFeeds(session);
    expect(Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, [t.type, t.dims]]))).toEqual({
      sample: ['float16', [1, 9, 64, 64]],
      timestep: ['int64', []],
      encoder_hidden_states: ['float32', [1, 77, 768]],
      orig_im_size: ['float32', [2]],
    });
    expect(Array.from(feeds.orig_im_size!.data as Float32Array)).toEqual([64, 64]);
    expect(dummyFeeds(session, { dims: { sample: [2, 9, 8, 8] }, fill: { timestep: 981 } }).sample!.dims).toEqual([2, 9, 8, 8]);
  });

  it('runs once as background work, after waiting interactive runs, and returns its duration', async () => {
    const { session } = await openSession(file, { providers: ['cpu'], label: 'UNet' });
    const queue = new InferenceQueue();
    const log: string[] = [];
    const original = session.run.bind(session);
    const run = vi.spyOn(session, 'run').mockImplementation((feeds) => {
      log.push('warm-up');
      return original(feeds);
    });
    const warm = warmUp(session, queue);
    const click = queue.enqueue(() => log.push('click'));
    const result = await warm;
    await click;
    expect(log).toEqual(['click', 'warm-up']);
    expect(run).toHaveBeenCalledTimes(1);
    expect(result.ok).toBe(true);
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('reports a failed or cancelled warm-up without throwing', async () => {
    const { session } = await openSession(file, { providers: ['cpu'], label: 'UNet' });
    const queue = new InferenceQueue();
    const ac = new AbortController();
    ac.abort();
    expect(await warmUp(session, queue, { signal: ac.signal })).toMatchObject({ ok: false, reason: expect.stringMatching(/Cancelled/) });
    expect(await warmUp(session, queue, { dims: { sample: [1, 8, 8, 8] } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/dimension 1 is fixed at 9/),
    });
  });
});
