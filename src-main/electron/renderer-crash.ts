// Runs in: Electron main. What to do when the editor's renderer process dies (a GPU driver fault, out of
// memory, a crash in Chromium): reload the page, whose start-up offers the recovery copy the engine kept
// (the engine and its autosaves live in another process and survive), unless it keeps dying, in which
// case say so once instead of reloading in a loop.

/** Reloads allowed within WINDOW_MS before giving up. */
const MAX_RELOADS = 3;
const WINDOW_MS = 60_000;

export type CrashAction = { kind: 'ignore' } | { kind: 'reload' } | { kind: 'give-up'; message: string };

/**
 * `reason` is Electron's RenderProcessGoneDetails.reason; `recent` the times of earlier crashes (it is
 * updated). A clean exit is the page closing itself, not a crash.
 */
export function onRendererGone(reason: string, now: number, recent: number[]): CrashAction {
  if (reason === 'clean-exit') return { kind: 'ignore' };
  while (recent.length && now - recent[0]! > WINDOW_MS) recent.shift();
  recent.push(now);
  if (recent.length <= MAX_RELOADS) return { kind: 'reload' };
  return {
    kind: 'give-up',
    message:
      `The editor's window stopped ${recent.length} times in a minute (${reason}), so Anyfill stopped reloading it. ` +
      'Your work up to the last autosave is kept: restart Anyfill and choose Restore.',
  };
}
