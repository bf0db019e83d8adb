// Runs in: renderer (pure; the engine tests use it too). A recorded pipeline log → the exact request that
// makes its result again: the same input asset, selection snapshot, seed and parameters, and the same
// model pack. An inpaint variant is re-made alone (its own seed, one variant): variants run one after
// another, each from its own seed, so the bytes match.
import type { InpaintRequest, OutpaintRequest } from '../../src-shared/contract/diffusion-payloads';
import type { FillResult } from '../../src-shared/contract/job-payloads';
import type { InpaintResult, OutpaintResult } from '../../src-shared/contract/diffusion-payloads';
import type { JobId } from '../../src-shared/document/ids';
import type { Provenance } from '../../src-shared/document/provenance';

export type RerunRequest =
  | {
      channel: 'fill.run';
      payload: {
        jobId: JobId;
        assetId: Provenance['input']['assetId'];
        selection: NonNullable<Provenance['selection']>;
        method: FillResult['method'];
        seed: number;
        maxProxySide: number;
      };
    }
  | { channel: 'inpaint.run'; payload: InpaintRequest }
  | { channel: 'outpaint.run'; payload: OutpaintRequest };

/** null when the log lacks something its kind needs (it did not come from this app). */
export function rerunRequest(p: Provenance, jobId: JobId, maxProxySide: number): RerunRequest | null {
  const r = p.request;
  const assetId = p.input.assetId;
  const packId = p.models[0]?.packId;
  const pack = packId ? { packId } : {};
  if (p.kind === 'content-aware-fill') {
    if (!p.selection || !r.method) return null;
    return { channel: 'fill.run', payload: { jobId, assetId, selection: p.selection, method: r.method, seed: r.seed, maxProxySide } };
  }
  const { prompt, negativePrompt = '', steps, guidance, scheduler } = r;
  if (prompt === undefined || steps === undefined || guidance === undefined || scheduler === undefined) return null;
  const common = { jobId, assetId, prompt, negativePrompt, seed: r.seed, steps, guidance, scheduler, ...pack, maxProxySide };
  if (p.kind === 'outpaint') {
    const extend = r.aspect ? { aspect: r.aspect } : r.extend;
    if (!extend) return null;
    return { channel: 'outpaint.run', payload: { ...common, extend, prefill: r.prefill ?? 'mirror' } };
  }
  if (!p.selection || r.strength === undefined) return null;
  return {
    channel: 'inpaint.run',
    payload: {
      ...common,
      selection: p.selection,
      strength: r.strength,
      variants: 1,
      colourMatch: r.colourMatch ?? true,
      maskGrow: r.maskGrow ?? 0,
    },
  };
}

/** What a re-run made: its one result, placed as the recorded one was (x, y on the input image). */
export interface RerunOutcome {
  readonly asset: FillResult['asset'];
  readonly proxy: FillResult['proxy'];
  readonly x: number;
  readonly y: number;
  readonly sha256: string | undefined;
}

export function rerunOutcome(channel: RerunRequest['channel'], result: unknown): RerunOutcome | null {
  if (channel === 'fill.run') {
    const f = result as FillResult;
    return { asset: f.asset, proxy: f.proxy, x: f.x, y: f.y, sha256: f.resultSha256 };
  }
  if (channel === 'outpaint.run') {
    const o = result as OutpaintResult;
    return { asset: o.asset, proxy: o.proxy, x: o.offset.x, y: o.offset.y, sha256: o.resultSha256 };
  }
  const v = (result as InpaintResult).variants[0];
  return v ? { asset: v.asset, proxy: v.proxy, x: v.x, y: v.y, sha256: v.resultSha256 } : null;
}
