// Runs in: benchmark (node → Chromium). One Generate at real cost, timed from what the jobs bar shows: press →
// first step, each step, first preview, each decode, candidates shown. A run whose total (extrapolated from
// its first steps) is over the budget is cancelled there — that cancel is the cancel latency — and its total
// is EXTRAPOLATED and marked so. Optionally, while it runs: the UI's frame times with no input, then clicks
// one at a time (click → mask shown while the CPU is busy with the generation).
import type { FlowSession } from './flow-session';
import { decodeFromStep, extrapolateTotal, percentile, preludeMs, stepTimes, summarize, type Summary } from './flow-stats';
import { cancelNow, type CancelFigures } from './cancel-flow';
import { jobEnded, pressGenerate, type GenerateSettings } from './generate-ui';
import { clickLatencies } from './select-flows';

/** performance.md §1: one UNet evaluation at 64×64 latents, and one VAE decode at 512² (GMAC). */
const UNET_GMAC = 401.7;
const VAE_DECODE_GMAC = 1257;

export interface RunOptions {
  budgetMs: number;
  /** Step intervals to measure before deciding to extrapolate. */
  measureSteps: number;
  /** Clicks made while it runs (after the frames were measured); 0 for none. */
  clicksDuring: number;
  /** A decode and finish measured on an earlier, completed run; else estimated from the MACs. */
  known?: { decodeMs: number; finishMs: number };
}

export interface GenerateFigures {
  settings: GenerateSettings;
  /** What the app said before the job started (a dialog), if it asked. */
  asked: string | null;
  preludeMs: number | null;
  stepMs: Summary | null;
  firstPreviewMs: number | null;
  decodeMs: number | null;
  decodeSource: 'measured' | 'earlier run' | 'estimated from MACs (VAE decode / UNet step)';
  totalMs: number | null;
  /** Why a run that was not cancelled showed no candidates (the app's message). */
  error: string | null;
  /** Last decode → candidates shown (paste back, colour match, drawing), on a run that completed. */
  finishMs: number | null;
  /** true: the run was cancelled after `measuredSteps` steps and totalMs is extrapolated from them. */
  totalExtrapolated: boolean;
  measuredSteps: number;
  /** The extrapolation made after the first steps, also on a run that then completed (its accuracy). */
  predictedTotalMs: number | null;
  /** Press Cancel → the jobs bar says "Cancelling…" / → the job has ended (only when it was cancelled). */
  cancel: CancelFigures | null;
  framesMs: (Summary & { over33ms: number }) | null;
  clicksDuring: { ms: Summary | null; timedOut: number } | null;
}

export async function measureGeneration(s: FlowSession, g: GenerateSettings, o: RunOptions): Promise<GenerateFigures> {
  const { startedAt, asked } = await pressGenerate(s);
  const stepGmac = UNET_GMAC * (g.guidance > 1 ? 2 : 1);
  const out: GenerateFigures = {
    settings: g,
    asked,
    preludeMs: null,
    stepMs: null,
    firstPreviewMs: null,
    decodeMs: null,
    decodeSource: 'measured',
    totalMs: null,
    error: null,
    finishMs: null,
    totalExtrapolated: false,
    measuredSteps: 0,
    predictedTotalMs: null,
    cancel: null,
    framesMs: null,
    clicksDuring: null,
  };
  const predict = (t: ReturnType<typeof stepTimes>) => {
    const stepMs = percentile(t.stepMs, 0.5);
    const decode = t.decodeMs.length
      ? percentile(t.decodeMs, 0.5)
      : (o.known?.decodeMs ?? decodeFromStep(stepMs, VAE_DECODE_GMAC, stepGmac));
    out.decodeSource = t.decodeMs.length ? 'measured' : o.known ? 'earlier run' : 'estimated from MACs (VAE decode / UNet step)';
    out.decodeMs = Math.round(decode);
    return extrapolateTotal({
      preludeMs: preludeMs(startedAt, t.stepDoneAt[0]!, stepMs),
      stepMs,
      decodeMs: decode,
      finishMs: o.known?.finishMs ?? 0,
      variants: g.variants,
      steps: g.steps,
    });
  };
  const ended = () => s.probe.marks(startedAt).then((m) => m.find((x) => x[1] === 'jobs-bar' && !x[2])?.[0] ?? null);
  // Wait for `n` step intervals (or the end), polling once a second: the decision is coarse, the times are the page's.
  const stepsMeasured = async (n: number) => {
    for (;;) {
      const t = stepTimes(await s.probe.status(startedAt));
      if ((await ended()) !== null || t.stepMs.length >= Math.min(n, g.steps - 1)) return t;
      await s.page.waitForTimeout(1000);
    }
  };
  let t = await stepsMeasured(1);
  // Frames from the first step to here, with no input: what the generation alone leaves the UI.
  const firstStep = t.stepDoneAt[0];
  if (firstStep !== undefined) {
    const frames = await s.probe.frames(firstStep, (await ended()) ?? (await s.probe.now()));
    const f = summarize(frames);
    out.framesMs = f && { ...f, over33ms: frames.filter((x) => x > 33.4).length };
  }
  // Clicks overlap the steps still to measure: a decode is ~1/400 of a step's MACs, so it barely moves them.
  if (o.clicksDuring > 0 && (await ended()) === null) {
    await s.page.getByTestId('tool-select').click();
    const stepMs = percentile(t.stepMs, 0.5) || 10_000;
    const c = await clickLatencies(s, o.clicksDuring, Math.max(60_000, 3 * stepMs));
    out.clicksDuring = { ms: summarize(c.ms), timedOut: c.timedOut };
  }
  t = await stepsMeasured(o.measureSteps);
  if (t.stepDoneAt.length) out.predictedTotalMs = Math.round(predict(t));
  const tooLong = out.predictedTotalMs !== null && out.predictedTotalMs > o.budgetMs;
  if (tooLong && (await ended()) === null) {
    out.cancel = await cancelNow(s);
    out.totalExtrapolated = true;
    out.totalMs = out.predictedTotalMs;
  } else {
    await jobEnded(s, startedAt, o.budgetMs * 3 + 10 * 60_000);
    // The candidates bar is drawn just after the jobs bar goes (none comes for a failed run).
    await s.page
      .getByTestId('results-panel')
      .waitFor({ timeout: 60_000 })
      .catch(() => undefined);
    const results = (await s.probe.marks(startedAt)).find((m) => m[1] === 'results-panel' && m[2])?.[0];
    const lastDecode = stepTimes(await s.probe.status(startedAt)).decodedAt.at(-1);
    if (results !== undefined) out.totalMs = Math.round(results - startedAt);
    else
      out.error =
        (await s.page.locator('[data-testid="message"][data-kind="error"]').allInnerTexts()).join(' ').slice(0, 300) ||
        'no candidates shown';
    if (results !== undefined && lastDecode !== undefined) out.finishMs = Math.round(results - lastDecode);
  }
  t = stepTimes(await s.probe.status(startedAt));
  const own = t.stepMs;
  out.stepMs = summarize(own.map(Math.round));
  out.measuredSteps = t.stepDoneAt.length;
  if (t.stepDoneAt.length) out.preludeMs = Math.round(preludeMs(startedAt, t.stepDoneAt[0]!, percentile(own, 0.5)));
  if (t.decodeMs.length) [out.decodeMs, out.decodeSource] = [Math.round(percentile(t.decodeMs, 0.5)), 'measured'];
  const preview = (await s.probe.previews(startedAt))[0];
  out.firstPreviewMs = preview === undefined ? null : Math.round(preview - startedAt);
  return out;
}
