// Runs in: benchmark (node, and a script in the page). What the flows benchmark reads inside the page, on
// the page's own clock, so no harness round trip is in a figure: every animation frame's interval; each
// left press and the first frame after it in which the document gained an undo step (the click's mask is
// drawn in that frame); and each change of the jobs bar's status line and step preview. Only the UI (DOM)
// and the test hook's historySize() are read, so it measures whatever the app does.
import type { Page } from 'playwright-core';
import type { StatusChange } from './flow-stats';

/** A string, not a function: tsx's name-keeping helper would not exist inside the page. */
const PROBE = `(() => {
  const b = { frames: [], clicks: [], status: [], previews: [], marks: [], pending: null };
  Object.defineProperty(window, '__costProbe', { value: b });
  const undoSteps = () => (window.__anyfillTest ? window.__anyfillTest.historySize() : 0);
  let last = 0;
  const tick = (t) => {
    if (last) b.frames.push(t, t - last);
    last = t;
    if (b.pending && undoSteps() > b.pending.steps) {
      b.clicks.push([b.pending.down, t]);
      b.pending = null;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  addEventListener('pointerdown', (e) => {
    const onCanvas = e.target instanceof Element && e.target.closest('[data-testid="canvas-container"]');
    if (e.button === 0 && onCanvas) b.pending = { down: performance.now(), steps: undoSteps() };
  }, true);
  let status = null;
  let preview = null;
  const present = {};
  const WATCHED = ['jobs-bar', 'results-panel', 'detect-progress'];
  const watch = () => {
    for (const id of WATCHED) {
      const now = document.querySelector('[data-testid="' + id + '"]') !== null;
      if (now !== (present[id] || false)) { present[id] = now; b.marks.push([performance.now(), id, now]); }
    }
    const s = document.querySelector('[data-testid="job-status"]');
    const text = s ? s.textContent : null;
    if (text !== status) { status = text; b.status.push([performance.now(), text]); }
    const p = document.querySelector('[data-testid="job-preview"]');
    const src = p ? p.getAttribute('src') : null;
    if (src !== preview) { preview = src; if (src) b.previews.push(performance.now()); }
  };
  addEventListener('DOMContentLoaded', () => {
    new MutationObserver(watch).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['src'] });
  });
})()`;

export interface Probe {
  now(): Promise<number>;
  /** Clicks answered so far: [pointerdown, first frame with the new undo step] (the page's clock, ms). */
  clicks(): Promise<Array<[number, number]>>;
  /** Frame intervals whose frame began in [from, to) (the page's clock), ms. */
  frames(from: number, to: number): Promise<number[]>;
  status(from: number): Promise<StatusChange[]>;
  previews(from: number): Promise<number[]>;
  /** When a watched part of the UI (jobs-bar, results-panel, detect-progress) appeared (true) or went (false). */
  marks(from: number): Promise<Array<[number, string, boolean]>>;
  /** Forget an unanswered press (a click that timed out), so the next one is measured alone. */
  dropPending(): Promise<void>;
}

export async function installProbe(page: Page): Promise<Probe> {
  await page.addInitScript(PROBE);
  const read = <T>(fn: string, arg: unknown) => page.evaluate(`(${fn})(window.__costProbe, ${JSON.stringify(arg)})`) as Promise<T>;
  return {
    now: () => page.evaluate('performance.now()') as Promise<number>,
    clicks: () => read<Array<[number, number]>>('(b) => b.clicks.slice()', null),
    frames: (from, to) =>
      read<number[]>(
        '(b, w) => { const out = []; for (let i = 0; i < b.frames.length; i += 2) if (b.frames[i] >= w[0] && b.frames[i] < w[1]) out.push(b.frames[i + 1]); return out; }',
        [from, to],
      ),
    status: (from) => read<StatusChange[]>('(b, t) => b.status.filter((s) => s[0] >= t)', from),
    previews: (from) => read<number[]>('(b, t) => b.previews.filter((p) => p >= t)', from),
    marks: (from) => read<Array<[number, string, boolean]>>('(b, t) => b.marks.filter((m) => m[0] >= t)', from),
    dropPending: () => read<void>('(b) => { b.pending = null; }', null),
  };
}
