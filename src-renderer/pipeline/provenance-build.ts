// Runs in: renderer (pure). Builds a result layer's pipeline log from what was sent and what the engine
// answered. Undefined when the engine did not report the hashes (an older engine): no log beats a wrong one.
import type { InpaintRequest, InpaintResult, OutpaintRequest, OutpaintResult } from '../../src-shared/contract/diffusion-payloads';
import type { FillResult } from '../../src-shared/contract/job-payloads';
import type { AssetId } from '../../src-shared/document/ids';
import type { Provenance, ProvenanceKind, ProvenanceRequest } from '../../src-shared/document/provenance';
import type { SelectionLayer } from '../../src-shared/document/selection';

/** The input image: its asset and decoded size. */
export interface InputImage {
  readonly assetId: AssetId;
  readonly width: number;
  readonly height: number;
}

export interface Stamp {
  readonly appVersion: string;
  readonly createdAt: string;
}

/** A selection as the log keeps it: the engine's short-lived result handle is no input, so it goes. */
function snapshot(selection: SelectionLayer): SelectionLayer {
  if (!selection.sam?.resultId) return selection;
  const { resultId: _dropped, ...sam } = selection.sam;
  return { ...selection, sam };
}

export function fillProvenance(
  input: InputImage,
  selection: SelectionLayer,
  requestedMethod: 'auto' | FillResult['method'],
  r: FillResult,
  stamp: Stamp,
): Provenance | undefined {
  if (!r.inputSha256 || !r.resultSha256) return undefined;
  return {
    kind: 'content-aware-fill',
    ...stamp,
    input: { assetId: input.assetId, sha256: r.inputSha256, width: input.width, height: input.height },
    selection: snapshot(selection),
    request: { seed: r.seed, method: r.method, requestedMethod },
    // MI-GAN is a model: its pack and file hashes go in the log; PatchMatch and Telea use none.
    models: r.packId ? [{ packId: r.packId, ...(r.device ? { device: r.device } : {}), files: r.packFiles ?? [] }] : [],
    result: { assetId: r.asset.id, sha256: r.resultSha256, x: r.x, y: r.y, width: r.asset.width, height: r.asset.height },
    timings: { totalMs: r.ms },
  };
}

/** The generation settings inpaint.run was sent (what a re-run sends again). */
export type InpaintSent = Pick<
  InpaintRequest,
  'prompt' | 'negativePrompt' | 'seed' | 'steps' | 'guidance' | 'strength' | 'scheduler' | 'variants' | 'colourMatch' | 'maskGrow'
>;

/** One variant of an inpaint run: its own seed is the request's seed (a re-run makes just that one). */
export function inpaintProvenance(
  kind: Extract<ProvenanceKind, 'generative-fill' | 'remove'>,
  input: InputImage,
  selection: SelectionLayer,
  sent: InpaintSent,
  r: InpaintResult,
  index: number,
  stamp: Stamp,
): Provenance | undefined {
  const v = r.variants[index];
  if (!v?.resultSha256 || !r.inputSha256) return undefined;
  const { prompt, negativePrompt, steps, guidance, strength, scheduler, colourMatch, maskGrow } = sent;
  const request: ProvenanceRequest = {
    seed: v.seed,
    prompt,
    negativePrompt,
    steps,
    guidance,
    strength,
    scheduler,
    colourMatch,
    maskGrow,
    runSeed: sent.seed,
    variants: sent.variants,
  };
  return {
    kind,
    ...stamp,
    input: { assetId: input.assetId, sha256: r.inputSha256, width: input.width, height: input.height },
    selection: snapshot(selection),
    request,
    models: [{ packId: r.packId, device: r.device, files: r.packFiles ?? [] }],
    result: { assetId: v.asset.id, sha256: v.resultSha256, x: v.x, y: v.y, width: v.asset.width, height: v.asset.height },
    timings: r.timings,
  };
}

export type OutpaintSent = Pick<
  OutpaintRequest,
  'prompt' | 'negativePrompt' | 'seed' | 'steps' | 'guidance' | 'scheduler' | 'extend' | 'prefill'
>;

export function outpaintProvenance(input: InputImage, sent: OutpaintSent, r: OutpaintResult, stamp: Stamp): Provenance | undefined {
  if (!r.inputSha256 || !r.resultSha256) return undefined;
  const { prompt, negativePrompt, steps, guidance, scheduler, prefill } = sent;
  const extend = 'aspect' in sent.extend ? { aspect: sent.extend.aspect } : { extend: sent.extend };
  return {
    kind: 'outpaint',
    ...stamp,
    input: { assetId: input.assetId, sha256: r.inputSha256, width: input.width, height: input.height },
    selection: null,
    request: { seed: r.seed, prompt, negativePrompt, steps, guidance, scheduler, prefill, ...extend },
    models: [{ packId: r.packId, device: r.device, files: r.packFiles ?? [] }],
    result: { assetId: r.asset.id, sha256: r.resultSha256, x: r.offset.x, y: r.offset.y, width: r.asset.width, height: r.asset.height },
    timings: r.timings,
  };
}
