// Runs in: test tooling. A renderer that dies is reloaded (its start-up offers the recovery copy), up to three
// times a minute; a window that keeps dying gets one clear message instead of a reload loop.
import { expect, it } from 'vitest';
import { onRendererGone } from '../../src-main/electron/renderer-crash';

it('reloads after a crash, an out-of-memory kill or a killed process, but not after a clean exit', () => {
  for (const reason of ['crashed', 'oom', 'killed', 'abnormal-exit', 'launch-failed'])
    expect(onRendererGone(reason, 0, [])).toEqual({ kind: 'reload' });
  expect(onRendererGone('clean-exit', 0, [])).toEqual({ kind: 'ignore' });
});

it('gives up with one message after the fourth crash within a minute, and forgives old crashes', () => {
  const recent: number[] = [];
  expect([0, 10_000, 20_000].map((t) => onRendererGone('crashed', t, recent).kind)).toEqual(['reload', 'reload', 'reload']);
  const fourth = onRendererGone('oom', 30_000, recent);
  expect(fourth).toMatchObject({ kind: 'give-up', message: expect.stringMatching(/stopped 4 times in a minute \(oom\).*Restore/) });
  expect(onRendererGone('crashed', 200_000, recent)).toEqual({ kind: 'reload' });
});
