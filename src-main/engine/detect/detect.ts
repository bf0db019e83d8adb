// Runs in: engine process (and the CLI). "Select anything" by text: a prompt such as "red car. tree" becomes
// numbered, labelled boxes in the pixels of the image as displayed (after EXIF orientation), from the
// installed Grounding DINO pack. See [Note: text detection] below for the steps.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EngineContext } from '../engine-context';
import type { Pixels } from '../images/pixels';
import { resolvePackFile } from '../models/pack-files';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { SessionPool } from '../runtime/session-pool';
import { loadTokenizer } from './bert-tokenizer';
import { cleanIds, EMPTY_PROMPT, promptPhrases, type PhraseTokens } from './caption';
import { numberDetections, type Detection } from './dedupe';
import { findGdinoPack } from './find-pack';
import { openGdino } from './gdino-session';
import { readPreprocessor } from './image-input';
import { imageInputs, planPasses, runPasses } from './passes';
import { DEFAULT_THRESHOLDS, type Thresholds } from './postprocess';

export type { Detection } from './dedupe';
export type { Box } from './postprocess';

export interface DetectText {
  /** Phrases separated by ".": "red car. tree". */
  text: string;
  /** Default: the catalog's default Grounding DINO pack if installed, else any installed gdino pack. */
  packId?: string;
  /** Keep a box when its best token's probability is above this (default 0.35). */
  boxThreshold?: number;
  /** Tokens above this name the box (default 0.25). */
  textThreshold?: number;
}

export interface DetectRequest extends DetectText {
  assetId: AssetId;
}

export interface DetectResult {
  packId: string;
  /** Sorted by score, numbered from 1; boxes in image pixels (x1, y1 exclusive edges). */
  detections: Detection[];
  /** What the user should know: the part of an over-long prompt that was cut. */
  notices: string[];
  /** Wall time of the whole request, model runs included. */
  ms: number;
  /** Where the model ran (CPU notes included). */
  device: DeviceInfo;
}

export interface DetectDeps {
  modelsDir: string;
  /** The process's pool and queue (engine/services.ts, or the CLI's own). */
  pool: SessionPool;
  queue: InferenceQueue;
  signal?: AbortSignal;
}

export async function detect(ctx: EngineContext, req: DetectRequest): Promise<DetectResult> {
  promptPhrases(req.text); // an empty prompt fails before any decode
  const { assets, runtime } = ctx.services;
  const { pixels } = await assets.ensureDecoded(req.assetId);
  return detectPixels(pixels, req, { modelsDir: ctx.modelsDir, pool: runtime.sessionPool, queue: runtime.inferenceQueue });
}

// [Note: text detection] Phrases (lowercase, split on ".") are tokenised with the pack's BERT tokenizer and
// fitted into 256 tokens (a cut is reported). The image is resized once; the model runs once per phrase
// (onnx-community) or once in all (IDEA-style). Each box over the box threshold is mapped to exactly one
// phrase and labelled by its tokens over the text threshold; duplicates (same label, IoU > 0.7) go.
export async function detectPixels(pixels: Pixels, req: DetectText, deps: DetectDeps): Promise<DetectResult> {
  const started = performance.now();
  const words = promptPhrases(req.text);
  const thresholds = thresholdsOf(req);
  const manifest = await findGdinoPack(deps.modelsDir, req.packId);
  const run = { pool: deps.pool, queue: deps.queue, signal: deps.signal };
  const [tokenizer, model, pre] = await Promise.all([
    loadTokenizer(deps.modelsDir, manifest),
    openGdino(deps.modelsDir, manifest, run.pool),
    readPreprocessor(manifest.roles.preprocessor ? resolvePackFile(deps.modelsDir, manifest, 'preprocessor') : null),
  ]);
  const phrases: PhraseTokens[] = words.map((text) => ({ text, ids: cleanIds(tokenizer.encode(text)) })).filter((p) => p.ids.length > 0);
  if (phrases.length === 0) throw new AnyfillError('BAD_REQUEST', EMPTY_PROMPT);
  const plan = planPasses(phrases, model.match.variant.kind === 'gdino', tokenizer.decode);
  const image = { pixels, inputs: await imageInputs(model, pixels, pre) };
  const found = await runPasses(model, image, plan.sequences, { thresholds, decode: tokenizer.decode }, run);
  return {
    packId: manifest.packId,
    detections: numberDetections(found),
    notices: plan.notices,
    ms: Math.round(performance.now() - started),
    device: model.device,
  };
}

function thresholdsOf(req: DetectText): Thresholds {
  const check = (v: number | undefined, fallback: number, what: string) => {
    if (v === undefined) return fallback;
    if (!(Number.isFinite(v) && v >= 0 && v <= 1))
      throw new AnyfillError('BAD_REQUEST', `The ${what} threshold must be a number from 0 to 1 (got ${v}).`);
    return v;
  };
  return { box: check(req.boxThreshold, DEFAULT_THRESHOLDS.box, 'box'), text: check(req.textThreshold, DEFAULT_THRESHOLDS.text, 'text') };
}
