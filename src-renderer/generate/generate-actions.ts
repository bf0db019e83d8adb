// Runs in: renderer. Generate and Remove: inpaint.run as a job (progress, ETA, cancel in the jobs bar)
// whose candidates are compared before anything changes. A failure of any kind — cancel, a NaN or black
// output, missing pack files, an engine restart — is a message, and the document is left as it was.
import type { InpaintResult } from '../../src-shared/contract/diffusion-payloads';
import type { SelectionLayer } from '../../src-shared/document/selection';
import { getApi, userMessage } from '../core/bridge/api';
import { contentAwareFill } from '../fill/api';
import { targetSelection } from '../selection/api';
import { getJobs, isCancelled, runJob } from '../jobs/api';
import { getModels, installedPackIds } from '../models/api';
import { inpaintProvenance, type InpaintSent, type Stamp, stampNow } from '../pipeline/api';
import { seedForRun } from '../core/state/seed';
import { loadImage } from '../core/images/image-cache';
import { proxySideForScreen, release } from '../core/images/proxy';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { discardResults } from './results-actions';
import { getGenerateSettings } from './generate-settings';
import { setGenerate, type Candidate } from './generate-store';
import { promptNotice, REMOVAL } from './prompts';
import { imageLayerOf } from '../core/viewport/geometry';

/** Installed generative-fill (SD inpainting) packs, from the model list the app keeps. */
export function installedSdPacks(): string[] {
  return installedPackIds(getModels().packs, 'sd-inpaint');
}

export const canGenerate = (): boolean =>
  getState().document !== null && getJobs().length === 0 && targetSelection() !== null && installedSdPacks().length > 0;

/** Generate from the prompt; an empty prompt means Remove. */
export function generateFill(): Promise<void> {
  return getGenerateSettings().prompt.trim() ? run('generate') : removeObject();
}

/** An installed learned eraser (MI-GAN, LaMa), which Remove prefers: seconds on a CPU where SD takes minutes. */
export const hasEraser = (): boolean => installedPackIds(getModels().packs, 'eraser').length > 0;

/**
 * Remove: the learned eraser when installed (Shift+click asks for SD removal instead), else the SD removal
 * setup with an SD pack, else content-aware fill (the button's tooltip says which).
 */
export function removeObject(opts: { generative?: boolean } = {}): Promise<void> {
  // 'auto' with an eraser installed is the engine's pick among erasers (Use for Remove, else MI-GAN first).
  if (hasEraser() && !(opts.generative && installedSdPacks().length > 0)) return contentAwareFill('auto');
  return installedSdPacks().length > 0 ? run('remove') : contentAwareFill();
}

async function run(mode: 'generate' | 'remove'): Promise<void> {
  const selection = targetSelection();
  const doc = getState().document;
  if (!doc || !selection) {
    showNotice('Select what to replace first: click it with the Select tool, use the Magic Wand, or paint it with the Brush.');
    return;
  }
  discardResults();
  const s = getGenerateSettings();
  const setup = mode === 'remove' ? REMOVAL : { prompt: s.prompt.trim(), negativePrompt: s.negativePrompt.trim(), strength: s.strength };
  const title = mode === 'remove' ? 'Remove' : `Generative fill: ${ellipsis(setup.prompt, 40)}`;
  setGenerate({ running: true, promptNotice: null });
  const sent: InpaintSent = {
    ...setup,
    seed: seedForRun(s.seed),
    steps: s.steps,
    guidance: s.guidance,
    scheduler: s.scheduler,
    variants: s.variants,
    colourMatch: s.colourMatch,
    maskGrow: s.maskGrow,
  };
  let result: InpaintResult;
  try {
    result = await runJob(`${mode === 'remove' ? 'Remove' : 'Generative fill'} · ${selection.name}`, (jobId) =>
      getApi().invoke('inpaint.run', {
        jobId,
        assetId: selection.assetId,
        selection,
        ...sent,
        ...(s.packId && installedSdPacks().includes(s.packId) ? { packId: s.packId } : {}),
        maxProxySide: proxySideForScreen(),
      }),
    );
  } catch (err) {
    setGenerate({ running: false });
    if (isCancelled(err)) showNotice('Generation cancelled; nothing was changed.');
    else showError(userMessage(err, 'The generation failed; nothing was changed.'));
    return;
  }
  setGenerate({ running: false, promptNotice: mode === 'generate' ? promptNotice(result.promptReport.prompt, setup.prompt) : null });
  // Candidates the pack's safety checker withheld are said, never shown (not even as black images).
  if (result.message) showNotice(result.message);
  const log = { kind: mode === 'remove' ? ('remove' as const) : ('generative-fill' as const), sent, stamp: await stampNow() };
  await showCandidates(doc.id, selection, title, result, log);
}

type Log = { kind: 'remove' | 'generative-fill'; sent: InpaintSent; stamp: Stamp };

async function showCandidates(docId: string, selection: SelectionLayer, title: string, result: InpaintResult, log: Log): Promise<void> {
  const image = imageLayerOf(getState().document, selection.assetId);
  const ids = result.variants.map((v) => v.asset.id);
  let candidates: Candidate[];
  try {
    candidates = await Promise.all(
      result.variants.map(async (v, i) => {
        const url = getApi().fileUrl(v.proxy.path);
        await loadImage(url);
        const provenance = image ? inpaintProvenance(log.kind, image, selection, log.sent, result, i, log.stamp) : undefined;
        return {
          asset: v.asset,
          url,
          proxyWidth: v.proxy.width,
          proxyHeight: v.proxy.height,
          x: v.x,
          y: v.y,
          seed: v.seed,
          ...(provenance ? { provenance } : {}),
        };
      }),
    );
  } catch {
    release(ids);
    showError('The generation finished but its results could not be displayed; nothing was changed. Try again.');
    return;
  }
  if (getState().document?.id !== docId || candidates.length === 0) {
    // The document went away while the job ran (or nothing usable came back): keep nothing.
    release(ids);
    if (candidates.length === 0) showError('The generation gave no usable result for this selection; nothing was changed.');
    return;
  }
  setGenerate({
    results: {
      docId: docId as never,
      selectionId: selection.id,
      title,
      candidates,
      cropRect: result.cropRect,
      processingSize: result.processingSize,
      chosen: 0,
    },
    peek: false,
    split: 0,
  });
}

const ellipsis = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
