// Runs in: test tooling. Requests no fill can serve fail with clear AnyfillErrors; runFill runs in a worker
// thread (same bytes as fillSync, the event loop stays free, progress arrives) and cancels quickly.
import { describe, expect, it } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { fillSync } from '../../../src-main/engine/fill/fill';
import { runFill } from '../../../src-main/engine/fill/fill-client';
import type { FillProgress, FillRequest } from '../../../src-main/engine/fill/types';
import { blobMask } from '../../helpers/fill-metrics';
import { noiseTexture } from './fixtures';

function failure(fn: () => unknown): AnyfillError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AnyfillError) return err;
    throw err;
  }
  throw new Error('expected an AnyfillError');
}

const img = noiseTexture(120, 90);

describe('fillSync refuses what it cannot fill', () => {
  it('an empty mask, a mask of the wrong size, a mask over (nearly) the whole image', () => {
    const empty = failure(() => fillSync({ image: img, mask: new Uint8Array(120 * 90), method: 'patchmatch', seed: 1 }));
    expect([empty.code, empty.message]).toEqual(['BAD_REQUEST', expect.stringMatching(/selection is empty/)]);
    const sized = failure(() => fillSync({ image: img, mask: new Uint8Array(100 * 90).fill(255), method: 'telea', seed: 1 }));
    expect([sized.code, sized.message]).toEqual(['BAD_REQUEST', expect.stringMatching(/does not match the image.*120×90/)]);
    const whole = failure(() => fillSync({ image: img, mask: new Uint8Array(120 * 90).fill(255), method: 'patchmatch', seed: 1 }));
    expect([whole.code, whole.message]).toEqual(['BAD_REQUEST', expect.stringMatching(/whole image/)]);
    const nearly = new Uint8Array(120 * 90).fill(255);
    nearly.fill(0, 0, 60); // 60 px left: under 1 %
    expect(failure(() => fillSync({ image: img, mask: nearly, method: 'telea', seed: 1 })).code).toBe('BAD_REQUEST');
  });

  it('a stop request inside the loops throws CANCELLED', () => {
    let polls = 0;
    const err = failure(() =>
      fillSync({ image: img, mask: blobMask(120, 90, 60, 45, 20), method: 'patchmatch', seed: 1 }, { shouldStop: () => ++polls > 3 }),
    );
    expect(err.code).toBe('CANCELLED');
  });
});

describe('runFill (worker thread)', () => {
  const big = noiseTexture(420, 320, 2);
  const req = (): FillRequest => ({ image: big, mask: blobMask(420, 320, 210, 160, 70), method: 'patchmatch', seed: 11 });

  it('gives the same bytes as fillSync, reports progress, and leaves the event loop free', async () => {
    const progress: FillProgress[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const t0 = performance.now();
    const r = await runFill(req(), { onProgress: (p) => progress.push(p) });
    const ms = performance.now() - t0;
    clearInterval(timer);
    const local = fillSync(req());
    expect(Buffer.from(r.rgba).equals(Buffer.from(local.rgba))).toBe(true);
    expect([r.x, r.y, r.width, r.height]).toEqual([local.x, local.y, local.width, local.height]);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)!.total });
    // A blocked loop would have ticked (almost) never; a free one about every 10 ms.
    expect(ticks).toBeGreaterThan(ms / 10 / 4);
  });

  it('an abort rejects with CANCELLED soon after, however long the fill would have run', async () => {
    const t0 = performance.now();
    await runFill(req());
    const full = performance.now() - t0;
    const ac = new AbortController();
    const started = performance.now();
    const run = runFill(req(), { signal: ac.signal });
    setTimeout(() => ac.abort(), full * 0.3);
    const err = await run.then(
      () => null,
      (e: unknown) => e,
    );
    const waited = performance.now() - started;
    expect(err).toBeInstanceOf(AnyfillError);
    expect((err as AnyfillError).code).toBe('CANCELLED');
    expect(waited).toBeLessThan(full * 0.3 + full * 0.25);
    await expect(runFill(req(), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('errors from the worker arrive as AnyfillErrors', async () => {
    await expect(runFill({ ...req(), mask: new Uint8Array(10) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/does not match/),
    });
  });
});
