// Runs in: test tooling. Sessions are created once per key and reused, concurrent gets share one
// creation, failures are not cached, and releases wait for the run in flight.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { openSession } from '../../../src-main/engine/runtime/open-session';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { echoModel, tempDir, writeModel, type TempDir } from './tiny-models';

let tmp: TempDir;
let a: string;
let b: string;
beforeAll(async () => {
  tmp = await tempDir();
  a = await writeModel(tmp.file('a.onnx'), echoModel('float32', ['n']));
  b = await writeModel(tmp.file('b.onnx'), echoModel('int32', ['n']));
});
afterAll(() => tmp.cleanup());

const opts = { providers: ['cpu'] as const, label: 'Test' };
const counting = () => vi.fn(openSession);

describe('SessionPool', () => {
  it('creates a session once for concurrent gets and returns the same object after', async () => {
    const open = counting();
    const pool = new SessionPool({ open });
    const [x, y] = await Promise.all([pool.get('sam:decoder', a, opts), pool.get('sam:decoder', a, opts)]);
    expect(x.session).toBe(y.session);
    expect((await pool.get('sam:decoder', a, opts)).session).toBe(x.session);
    expect(open).toHaveBeenCalledTimes(1);
    await pool.releaseAll();
  });

  it('releases on request, and a later get creates a fresh session', async () => {
    const pool = new SessionPool();
    const first = await pool.get('k', a, opts);
    const release = vi.spyOn(first.session, 'release');
    await pool.release('k');
    expect(release).toHaveBeenCalledTimes(1);
    expect(pool.has('k')).toBe(false);
    expect((await pool.get('k', a, opts)).session).not.toBe(first.session);
    await pool.releaseAll();
    expect(pool.keys()).toEqual([]);
  });

  it('replaces a key whose file changed (model switch) and releases by predicate', async () => {
    const pool = new SessionPool();
    const old = await pool.get('sam:encoder', a, opts);
    const release = vi.spyOn(old.session, 'release');
    const next = await pool.get('sam:encoder', b, opts);
    expect(next.session.inputMetadata[0]).toMatchObject({ type: 'int32' });
    await vi.waitFor(() => expect(release).toHaveBeenCalled());
    await pool.get('sd:unet', a, opts);
    await pool.releaseWhere((k) => k.startsWith('sam:'));
    expect(pool.keys()).toEqual(['sd:unet']);
    await pool.releaseAll();
  });

  it('does not cache a failed creation', async () => {
    const pool = new SessionPool();
    const missing = tmp.file('later.onnx');
    await expect(pool.get('k', missing, opts)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(pool.has('k')).toBe(false);
    await writeModel(missing, echoModel('float32', ['n']));
    expect((await pool.get('k', missing, opts)).session.inputNames).toEqual(['x']);
    await pool.releaseAll();
  });

  it('waits for the run in flight before releasing (never release during run)', async () => {
    const queue = new InferenceQueue();
    const pool = new SessionPool({ queue });
    const { session } = await pool.get('k', a, opts);
    const log: string[] = [];
    vi.spyOn(session, 'release').mockImplementation(async () => void log.push('released'));
    let finish!: () => void;
    const run = queue.enqueue(async () => {
      log.push('run started');
      await new Promise<void>((r) => (finish = r));
      log.push('run finished');
    });
    await vi.waitFor(() => expect(log).toEqual(['run started']));
    const released = pool.release('k');
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['run started']);
    finish();
    await Promise.all([run, released]);
    expect(log).toEqual(['run started', 'run finished', 'released']);
    // From inside a job (an OOM handler, say) the release happens at once instead of deadlocking.
    await pool.get('k', a, opts);
    await queue.enqueue(() => pool.release('k'));
    expect(pool.has('k')).toBe(false);
  });
});
