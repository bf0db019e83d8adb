// Runs in: engine process (and the CLI). [Note: segment service] Select-anything on one image: prepare()
// computes the image embedding in the background when an image opens; each click then runs only the
// decoder (latest-wins per key) and returns every candidate's low-res logits in a compact wire form
// (logits-codec.ts) and where to place them (types.ts LowResPlacement); nothing a click's frame does not use.
// segmentFullRes() gives an 8-bit mask at the image's upright size for the CLI, compositing and inpainting.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { AssetId } from '../../../src-shared/document/ids';
import type { AssetStore } from '../images/asset-store';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { SessionPool } from '../runtime/session-pool';
import { EmbeddingCache, type CacheLookup } from './embedding-cache';
import { checkPrompt, placementFor } from './geometry';
import { DecodeLanes } from './decode-lanes';
import { IdentityMemo, PREP_VERSION } from './image-key';
import { encodeCandidates, encodeLogits } from './logits-codec';
import { checkEverythingCost, gridPoints, selectInstances, type EverythingCandidate } from './everything';
import { lowResToMask } from './low-res-mask';
import { maskBox, maskStats } from './mask-stats';
import { PackResolver } from './pack-resolver';
import { candidateTokens, chooseCandidate } from './prompt';
import type { FullResMask, FullResRequest, PrepareResult, SegmentRequest } from './requests';
import { ResultStore, candidateOf, type StoredResult } from './result-store';
import type { SamPack } from './sam-pack';
import { decodePrompt, encodeImage, type DecodeOutput } from './sam-runs';
import type { Box, CacheHit, EncodedLogits, LowResPlacement, Prompt, SamFamily, SegmentResult } from './types';

export interface EverythingResult {
  packId: string;
  family: SamFamily;
  placement: LowResPlacement;
  instances: Array<{
    point: { x: number; y: number };
    score: number;
    stability: number;
    logits: EncodedLogits;
    bbox: Box | null;
    area: number;
  }>;
  ms: number;
}

/** What a call needs besides its request (the engine context has both). */
export interface SegmentContext {
  readonly modelsDir: string;
  /** Where embeddings are kept on disk between runs. */
  readonly cacheDir: string;
}

/** A request's decode and what it was made from. */
interface Decoded {
  out: DecodeOutput;
  pack: SamPack;
  image: { width: number; height: number };
  prompt: Prompt;
  emb: CacheLookup;
}

export class SegmentService {
  private readonly queue: InferenceQueue;
  private readonly packs: PackResolver;
  private readonly cache: EmbeddingCache;
  private readonly results = new ResultStore();
  /** Hover previews: kept apart, so a stream of them never pushes out the clicks refinement needs. */
  private readonly hoverResults = new ResultStore(2);
  private readonly lanes: DecodeLanes;
  private readonly identities = new IdentityMemo();
  private readonly assets: AssetStore;

  /** assets: the images clicks refer to; queue and pool: the process's runtime (engine/services.ts). */
  constructor(deps: { assets: AssetStore; queue: InferenceQueue; pool: SessionPool; memoryBytes?: number; diskBytes?: number }) {
    this.assets = deps.assets;
    this.queue = deps.queue;
    this.lanes = new DecodeLanes(this.queue);
    this.packs = new PackResolver(deps.pool);
    this.cache = new EmbeddingCache(deps.memoryBytes, deps.diskBytes);
  }

  /** Computes (or finds) the embedding as background work; call it when an image opens. */
  async prepare(ctx: SegmentContext, assetId: AssetId, packId?: string): Promise<PrepareResult> {
    const started = performance.now();
    const pack = await this.packs.get(ctx.modelsDir, packId);
    const { hit } = await this.embedding(ctx, assetId, pack, 'background');
    return { packId: pack.packId, ms: performance.now() - started, cached: hit };
  }

  async segment(ctx: SegmentContext, req: SegmentRequest): Promise<SegmentResult> {
    return (await this.run(ctx, req)).result;
  }

  async segmentFullRes(ctx: SegmentContext, req: FullResRequest): Promise<FullResMask> {
    const started = performance.now();
    const { stored, resultId, index, modelMs, embedding } = await this.source(ctx, req);
    const maskStart = performance.now();
    const { placement } = stored;
    const mask = lowResToMask(candidateOf(stored, index), placement);
    const { bbox, area } = maskBox(mask, placement.width, placement.height);
    const end = performance.now();
    const timings = { modelMs, maskMs: end - maskStart, totalMs: end - started, embedding };
    return {
      packId: stored.packId,
      resultId,
      width: placement.width,
      height: placement.height,
      mask,
      index,
      score: stored.ious[index] ?? 0,
      bbox,
      area,
      timings,
    };
  }

  /** The float logits a full-size mask is made from: a held result, or a fresh decode. */
  private async source(
    ctx: SegmentContext,
    req: FullResRequest,
  ): Promise<{ stored: StoredResult; resultId: string; index: number; modelMs: number; embedding: CacheHit }> {
    if ('resultId' in req) {
      const stored = this.results.get(req.resultId);
      if (stored?.assetId !== req.assetId)
        throw new AnyfillError('NOT_FOUND', 'That selection is no longer available; click again.', req.resultId);
      return { stored, resultId: req.resultId, index: req.index, modelMs: 0, embedding: 'memory' };
    }
    const { result, stored } = await this.run(ctx, { ...req, multimask: false });
    return {
      stored,
      resultId: result.resultId,
      index: req.candidate ?? stored.chosen,
      modelMs: result.timings.modelMs,
      embedding: result.timings.embedding,
    };
  }

  /** Every candidate's logits of a held click result, encoded as a full reply would have had them. */
  candidates(req: { assetId: AssetId; resultId: string }): Array<{ index: number; logits: EncodedLogits }> {
    const stored = this.results.get(req.resultId);
    if (stored?.assetId !== req.assetId)
      throw new AnyfillError('NOT_FOUND', 'Those mask candidates are no longer available; click again.', req.resultId);
    const encoded = encodeCandidates(stored.lowRes, stored.chosen);
    return encoded.map((logits, index) => ({ index, logits }));
  }

  /**
   * Select everything: one decoder run per grid point (background priority, so clicks go first),
   * then the confident, stable, distinct masks. Each comes back in the click's wire form.
   */
  async everything(ctx: SegmentContext, req: { assetId: AssetId; packId?: string; grid?: number }): Promise<EverythingResult> {
    const started = performance.now();
    const image = await this.identities.get(this.assets, req.assetId);
    const pack = await this.packs.get(ctx.modelsDir, req.packId);
    const emb = await this.embedding(ctx, req.assetId, pack, 'interactive');
    const placement = placementFor(pack.family, image.width, image.height);
    const candidates: EverythingCandidate[] = [];
    const points = gridPoints(image.width, image.height, req.grid ?? 12);
    for (const [i, point] of points.entries()) {
      const prompt = checkPrompt({ points: [{ ...point, label: 1 }] }, image.width, image.height);
      const out = await decodePrompt(pack, emb.embedding, prompt, { queue: this.queue });
      // Bounded before the rest runs: the first decode tells what a run costs on this machine.
      if (i === 0) checkEverythingCost(points.length, out.modelMs);
      const tokens = candidateTokens(pack.family, out.lowRes.length);
      const best = chooseCandidate(tokens, out.ious, prompt);
      candidates.push({ point, logits: Float32Array.from(out.lowRes[best]!), score: out.ious[best] ?? 0 });
    }
    const instances = selectInstances(candidates, placement).map((c) => ({
      point: c.point,
      score: c.score,
      stability: c.stability,
      logits: encodeLogits(c.logits),
      ...maskStats(c.logits, placement),
    }));
    return { packId: pack.packId, family: pack.family, placement, instances, ms: performance.now() - started };
  }

  /** Forget resolved packs (after a download, removal or import): the next call looks again. */
  invalidatePacks(): void {
    this.packs.invalidate();
  }

  /** Waits for background cache writes. */
  flush(): Promise<void> {
    return this.cache.flush();
  }

  /**
   * The click a press will most likely be, decoded while the button is down: in the hover lane (it never
   * replaces or delays a click), answered as the click itself would be and held like one, so the renderer
   * commits it on release without asking again (a click sent anyway takes this decode: HoverMemo).
   */
  async prefetch(ctx: SegmentContext, req: SegmentRequest): Promise<SegmentResult> {
    return (await this.run(ctx, { ...req, lane: 'hover' }, 'click')).result;
  }

  /** `as`: a hover's answer (the chosen candidate only, held briefly) or a click's (every score, held for refinement). */
  private async run(
    ctx: SegmentContext,
    req: SegmentRequest,
    as: 'click' | 'hover' = req.lane === 'hover' ? 'hover' : 'click',
  ): Promise<{ result: SegmentResult; stored: StoredResult }> {
    const started = performance.now();
    const { out, pack, image, prompt, emb } = await this.decodeFor(ctx, req);
    const hover = as === 'hover';
    const tokens = candidateTokens(pack.family, out.lowRes.length);
    const chosen = chooseCandidate(tokens, out.ious, prompt);
    const placement = placementFor(pack.family, image.width, image.height);
    const stored: StoredResult = {
      assetId: req.assetId,
      packId: pack.packId,
      placement,
      lowRes: out.lowRes,
      ious: out.ious,
      tokens,
      chosen,
    };
    const slots = req.multimask === false || hover ? [chosen] : out.lowRes.map((_, i) => i);
    // Encoding is most of a click's own time: with 'chosen', only what its frame shows.
    const encode = req.candidateLogits === 'chosen' ? [chosen] : slots;
    const encoded = encodeCandidates(
      encode.map((i) => out.lowRes[i]!),
      encode.indexOf(chosen),
    );
    const totalMs = performance.now() - started;
    const waitedMs = out.queuedMs + (emb.hit === 'memory' ? 0 : emb.ms);
    const result: SegmentResult = {
      resultId: (hover ? this.hoverResults : this.results).add(stored),
      packId: pack.packId,
      family: pack.family,
      candidates: slots.map((i) => {
        const logits = encoded[encode.indexOf(i)];
        return { index: i, token: tokens[i] ?? null, score: out.ious[i] ?? 0, ...(logits ? { logits } : {}) };
      }),
      chosen: slots.indexOf(chosen),
      placement,
      timings: {
        modelMs: out.modelMs,
        totalMs,
        overheadMs: Math.max(0, totalMs - out.modelMs - waitedMs),
        embedding: emb.hit,
        embeddingMs: emb.ms,
      },
    };
    return { result, stored };
  }

  /** The decoder output for a request (decode-lanes.ts: latest-wins, shared with a hover of the same prompt). */
  private async decodeFor(ctx: SegmentContext, req: SegmentRequest): Promise<Decoded> {
    const ticket = this.lanes.enter(req);
    const image = await this.identities.get(this.assets, req.assetId);
    const prompt = checkPrompt({ points: req.points, ...(req.box ? { box: req.box } : {}) }, image.width, image.height);
    const pack = await this.packs.get(ctx.modelsDir, req.packId);
    const emb = await this.embedding(ctx, req.assetId, pack, ticket.hover ? 'background' : 'interactive');
    const previous = req.previousLowRes && this.results.previous(req.previousLowRes, req.assetId, pack.packId);
    const inputs = {
      assetId: req.assetId,
      pack,
      embedding: emb.embedding,
      prompt,
      ...(previous ? { previous } : {}),
      ...(req.previousLowRes ? { previousRef: req.previousLowRes } : {}),
    };
    const out = await this.lanes.decode(ticket, inputs);
    return { out, pack, image, prompt, emb };
  }

  private async embedding(
    ctx: SegmentContext,
    assetId: AssetId,
    pack: SamPack,
    priority: 'interactive' | 'background',
  ): Promise<CacheLookup> {
    const image = await this.identities.get(this.assets, assetId);
    const key = { imageHash: image.hash, packId: pack.packId, encoderSha256: pack.encoder.sha256, prep: PREP_VERSION };
    return this.cache.get(key, ctx.cacheDir, async () => {
      const { pixels } = await this.assets.ensureDecoded(assetId);
      return (await encodeImage(pack, pixels, this.queue, priority)).embedding;
    });
  }
}
