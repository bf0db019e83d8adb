// Runs in: benchmark (node → Chromium). The editor's flows at real cost, in order: ViT-B open → ready for
// clicks (photo A), MobileSAM open → ready (photo B, nothing cached), clicks, hover preview, text selection,
// then Generate at the fastest settings and at the defaults (frames, clicks and cancel during the latter),
// with each process's CPU and peak RSS. Each figure is measured through the UI and the test hook only.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { ensurePack, twinsDirFor } from '../twin-cache';
import { openFlowSession, useForSelect } from './flow-session';
import { summarize, type Summary } from './flow-stats';
import { measureCancel, type CancelFigures } from './cancel-flow';
import { measureGeneration, type GenerateFigures } from './generate-flow';
import { applySettings, brushTarget, discardResults, offeredPacks, panelNotes, type GenerateSettings } from './generate-ui';
import { twelveMegapixelPhotos } from './photo';
import { cpuBetween, processTree, resetPeaks, watchPeaks, type Proc } from './procs';
import { clickLatencies, hoverRate, openAndClick, timedClick, type HoverFigures, type ReadyFigures } from './select-flows';
import { textSelection, type TextFigures } from './text-flow';

export interface FlowOptions {
  /** Twin width: 1 is the real cost; less is the same layers with a fraction of the channels. */
  width: number;
  quick: boolean;
  /** A generation predicted to take longer than this is cancelled and its total extrapolated. */
  budgetMs: number;
}

/** Peak RSS per process role, MiB. */
type Peaks = Record<string, number>;

export interface FlowResults {
  twinsWidth: number;
  twinPacks: string[];
  photo: string;
  open: { 'sam-vit-b': ReadyFigures; mobilesam: ReadyFigures };
  clickToMaskMs: { ms: Summary | null; timedOut: number };
  hover: HoverFigures;
  text: TextFigures;
  generate: { plan: string | null; estimates: Record<string, string | null>; fastest: GenerateFigures; defaults: GenerateFigures };
  cancel: CancelFigures & { afterStep?: number };
  /** Peak RSS per process: while opening and selecting, and (peaks reset) while generating. */
  peakRss: { selecting: Peaks; generating: Peaks; generatingResetWorked: boolean };
  /**
   * CPU each process used per phase, in cores, and the machine's load at the end: on a shared machine, how
   * much of the CPU the app actually got (2 cores free would show the engine near 2 while generating).
   */
  cpuCores: { selecting: Record<string, number>; generating: Record<string, number>; loadAverageAtEnd: number };
  /** Times the host restarted a crashed engine during the run (0 when nothing crashed). */
  engineRestarts: number;
  pageErrors: string[];
}

const PROMPT = 'a wooden bench';
const DEFAULTS: GenerateSettings = { variants: 3, steps: 25, guidance: 7.5, scheduler: 'dpmpp-2m-karras' };
type Reading = { procs: Proc[]; at: number };
const coresSince = (a: Reading, b: Reading) =>
  Object.fromEntries(
    Object.entries(cpuBetween(a.procs, b.procs))
      .filter(([, ms]) => ms > 0)
      .map(([role, ms]) => [role, Math.round((ms / (b.at - a.at)) * 100) / 100]),
  );
/** Each phase's figures as they come (a long run stopped early still leaves them in its output). */
const log = (phase: string, figures: unknown) => console.log(`flows ${phase}: ${JSON.stringify(figures)}`);
const mib = (p: Record<string, number>): Peaks => Object.fromEntries(Object.entries(p).map(([role, b]) => [role, Math.round(b / 2 ** 20)]));

export async function runFlows(o: FlowOptions): Promise<FlowResults> {
  const dir = twinsDirFor(o.width);
  const packs = TWIN_PACKS.filter(
    (p) => p.packId === 'mobilesam' || p.packId === 'sam-vit-b' || p.family === 'gdino' || p.family === 'sd-inpaint',
  );
  for (const p of packs) await ensurePack(dir, p, o.width);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'anyfill-bench-photos-'));
  const photos = await twelveMegapixelPhotos(tmp);
  const s = await openFlowSession(dir);
  const long = 30 * 60_000;
  let watch = watchPeaks(s.roots);
  let cpuFrom = { procs: await processTree(s.roots), at: Date.now() };
  try {
    console.log('flows: open → ready for clicks (ViT-B, then MobileSAM)');
    await useForSelect(s, 'sam-vit-b');
    const vitB = await openAndClick(s, photos.files[0], long);
    await useForSelect(s, 'mobilesam'); // re-embeds photo A in the background: let it finish before timing B
    await timedClick(s, 0.5, 0.5, long);
    const mobile = await openAndClick(s, photos.files[1], long);
    log('open', { 'sam-vit-b': vitB, mobilesam: mobile });
    console.log('flows: clicks, hover preview, text selection');
    const clicks = await clickLatencies(s, o.quick ? 10 : 30, 120_000);
    const hover = await hoverRate(s, o.quick ? 4 : 8);
    const text = await textSelection(s, 'person . car .', o.quick ? 1 : 2, long);
    log('select', { clicks: summarize(clicks.ms), hover, text });
    const selecting = await watch.stop();
    const cpuSelecting = coresSince(cpuFrom, (cpuFrom = { procs: await processTree(s.roots), at: Date.now() }));
    const resetWorked = await resetPeaks((await processTree(s.roots)).map((p) => p.pid));
    watch = watchPeaks(s.roots);

    console.log('flows: Generate at the fastest settings, then at the defaults');
    await brushTarget(s);
    const lcm = (await offeredPacks(s)).find((p) => /lcm/i.test(p));
    // LCM where a pack has the weights for it (4 steps, no guidance); else the plain pack at 1 × 4 steps.
    const fast: GenerateSettings = lcm
      ? { variants: 1, steps: 4, guidance: 1, scheduler: 'lcm', packId: lcm }
      : { variants: 1, steps: 4, guidance: 7.5, scheduler: 'dpmpp-2m-karras' };
    await applySettings(s, fast, PROMPT);
    const fastNotes = await panelNotes(s);
    const fastest = await measureGeneration(s, fast, { budgetMs: o.budgetMs, measureSteps: 2, clicksDuring: 0 });
    await discardResults(s);
    log('fastest', fastest);
    await applySettings(s, { ...DEFAULTS, packId: '' }, PROMPT);
    const defNotes = await panelNotes(s);
    const sameDecode = !lcm && fastest.decodeSource === 'measured' && fastest.decodeMs !== null && fastest.finishMs !== null;
    const known = sameDecode ? { decodeMs: fastest.decodeMs!, finishMs: fastest.finishMs! } : undefined;
    const defaults = await measureGeneration(s, DEFAULTS, {
      budgetMs: o.budgetMs,
      measureSteps: o.quick ? 2 : 3,
      clicksDuring: o.quick ? 4 : 8,
      ...(known ? { known } : {}),
    });
    await discardResults(s);
    const cancel = defaults.cancel ?? (await measureCancel(s, 2));
    const generating = await watch.stop();
    const cpuGenerating = coresSince(cpuFrom, { procs: await processTree(s.roots), at: Date.now() });
    // A crashed engine (out of memory, say) is restarted by the host: every figure after it ran on a fresh one.
    const engine = (await s.editor.state()).engine;
    return {
      twinsWidth: o.width,
      twinPacks: packs.map((p) => p.packId),
      photo: photos.source,
      open: { 'sam-vit-b': vitB, mobilesam: mobile },
      clickToMaskMs: { ms: summarize(clicks.ms), timedOut: clicks.timedOut },
      hover,
      text,
      generate: { plan: defNotes.plan, estimates: { fastest: fastNotes.estimate, defaults: defNotes.estimate }, fastest, defaults },
      cancel,
      peakRss: { selecting: mib(selecting), generating: mib(generating), generatingResetWorked: resetWorked },
      cpuCores: { selecting: cpuSelecting, generating: cpuGenerating, loadAverageAtEnd: Math.round(os.loadavg()[0]! * 100) / 100 },
      engineRestarts: engine.restarts,
      pageErrors: s.errors,
    };
  } finally {
    await watch.stop();
    await s.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
