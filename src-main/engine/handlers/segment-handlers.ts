// Runs in: engine process. The segment.* channels over the segment service (../segment): prepare the
// embedding, run a click/box/refinement, write a held result at full size. Logits cross as base64.
import type { z } from 'zod';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { EncodedLogitsSchema } from '../../../src-shared/contract/segment-payloads';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EngineContext, EngineHandler } from '../engine-context';
import { writeMaskPng } from '../images/mask-png';
import type { PreviousLowRes } from '../segment/requests';
import type { EncodedLogits, SegmentResult } from '../segment/types';

type WireLogits = z.infer<typeof EncodedLogitsSchema>;
const toWire = ({ data, ...rest }: EncodedLogits): WireLogits => ({ ...rest, base64: Buffer.from(data).toString('base64') });
const fromWire = ({ base64, ...rest }: WireLogits): EncodedLogits => ({ ...rest, data: new Uint8Array(Buffer.from(base64, 'base64')) });

export const segmentPrepare: EngineHandler<'segment.prepare'> = async (req, ctx) =>
  ctx.services.segment.prepare(ctx, req.assetId, req.packId);

const resultToWire = (result: SegmentResult) => ({
  ...result,
  candidates: result.candidates.map(({ logits, ...c }) => ({ ...c, ...(logits ? { logits: toWire(logits) } : {}) })),
});

export const segmentRun: EngineHandler<'segment.run'> = async (req, ctx) => {
  const { previousLowRes, ...rest } = req;
  let previous: PreviousLowRes | undefined;
  if (previousLowRes && 'logits' in previousLowRes) previous = { logits: fromWire(previousLowRes.logits) };
  else if (previousLowRes)
    previous = { ...previousLowRes, ...(previousLowRes.fallback ? { fallback: fromWire(previousLowRes.fallback) } : {}) } as PreviousLowRes;
  return resultToWire(await ctx.services.segment.segment(ctx, { ...rest, ...(previous ? { previousLowRes: previous } : {}) }));
};

export const segmentPrefetch: EngineHandler<'segment.prefetch'> = async (req, ctx) => {
  const { previousLowRes, ...rest } = req;
  // Only a decode refining a held result can be shared with its click (HoverMemo compares result ids).
  if (previousLowRes && !('resultId' in previousLowRes))
    throw new AnyfillError('BAD_REQUEST', 'A refinement from inline logits cannot be prefetched.');
  const previous = previousLowRes ? { resultId: previousLowRes.resultId, index: previousLowRes.index } : undefined;
  return resultToWire(await ctx.services.segment.prefetch(ctx, { ...rest, ...(previous ? { previousLowRes: previous } : {}) }));
};

export const segmentCandidates: EngineHandler<'segment.candidates'> = async (req, ctx) => ({
  candidates: ctx.services.segment.candidates(req).map((c) => ({ index: c.index, logits: toWire(c.logits) })),
});

export const segmentFullRes: EngineHandler<'segment.fullRes'> = async (req, ctx) => {
  const full = await ctx.services.segment.segmentFullRes(ctx, req);
  const mask = await writeMaskPng(ctx.sessionDir, req.assetId, `mask-${full.resultId}-${full.index}`, {
    data: full.mask,
    width: full.width,
    height: full.height,
  });
  return {
    packId: full.packId,
    mask,
    score: full.score,
    bbox: full.bbox,
    area: full.area,
  };
};

export const segmentEverything: EngineHandler<'segment.everything'> = async (req, ctx) => {
  const result = await ctx.services.segment.everything(ctx, req);
  return { ...result, instances: result.instances.map((i) => ({ ...i, logits: toWire(i.logits) })) };
};

/**
 * After image.open's decode: compute the embedding so the first click is fast. It runs at background
 * priority (SegmentService.prepare), so a click, box or hover queued meanwhile goes first. No SAM pack
 * installed is normal (the user has not downloaded one): stay quiet.
 */
export function prepareInBackground(ctx: EngineContext, assetId: AssetId): void {
  ctx.services.segment.prepare(ctx, assetId).then(
    (r) => ctx.emit('segment.ready', { assetId, packId: r.packId, ms: r.ms, cached: r.cached }),
    () => undefined,
  );
}
