// Runs in: test tooling. How long the engine's main thread keeps a request waiting while `work` runs: an
// app.info is sent through the dispatcher every 20 ms; a request arriving while the thread is busy waits
// for it, so the longest gap between ticks plus that request's answer time is the slowest answer.
import type { Dispatch } from '../../../src-main/engine/dispatcher';

export async function slowestAnswerDuring(
  dispatch: Dispatch,
  work: () => Promise<unknown>,
): Promise<{ slowest: number; answered: number }> {
  let slowest = 0;
  let answered = 0;
  let last = performance.now();
  let id = 1000;
  const tick = setInterval(() => {
    const sent = performance.now();
    const waited = sent - last - 20;
    last = sent;
    void dispatch({ t: 'req', id: id++, channel: 'app.info', payload: {} }).then((reply) => {
      if (reply?.ok) answered++;
      slowest = Math.max(slowest, waited + performance.now() - sent);
    });
  }, 20);
  await work().finally(() => clearInterval(tick));
  return { slowest, answered };
}

/** The longest the event loop went without a turn while `work` ran (a 10 ms timer's largest overshoot). */
export async function longestStallDuring(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
  }, 10);
  try {
    await work();
    longest = Math.max(longest, performance.now() - last - 10);
  } finally {
    clearInterval(tick);
  }
  return longest;
}
