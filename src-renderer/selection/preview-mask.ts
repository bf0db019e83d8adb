// Runs in: renderer. A selection's mask at any size: logits → strokes → ops ([Note: selection]), the same
// pure code the engine runs at full size. Cached per layer object (immer gives every change a new one)
// and size, so redraws, undo and the test hook never recompute a mask they already have; a mask that is
// its logits alone is shared by every layer object carrying them, and may be made before the commit
// (sam-masks.ts).
import type { EncodedLogitsSchema } from '../../src-shared/contract/segment-payloads';
import type { MaskOp, SelectionLayer } from '../../src-shared/document/selection';
import { residualsToLogits, type Mask } from '../../src-shared/masks';
import { isSamOnly, needsPixels, replayBase } from '../../src-shared/selection/replay';
import { wandImage, wandImageNow } from './wand-pixels';
import { inflateRawSync } from './inflate-raw';
import { applyOps, previewKey } from './preview-logic';
import { sharedSamMask } from './sam-masks';

export { applyOps, previewKey, previewSize } from './preview-logic';
import type { z } from 'zod';
import { getState } from '../core/state/editor-store';

export type { Mask };
type EncodedLogits = z.infer<typeof EncodedLogitsSchema>;

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const logitsCache = new Map<string, Float32Array>();
const LOGITS_CACHE_SIZE = 32;

/**
 * 256×256 float logits of an encoded candidate, decoded synchronously (a few KB: well under a
 * millisecond), memoised by its bytes. Throws on malformed data.
 */
export function decodeLogitsNow(enc: EncodedLogits): Float32Array {
  const key = `${enc.scale}:${enc.base64}`;
  const hit = logitsCache.get(key);
  if (hit) {
    logitsCache.delete(key);
    logitsCache.set(key, hit);
    return hit;
  }
  const logits = residualsToLogits(inflateRawSync(base64Bytes(enc.base64)), enc.scale);
  logitsCache.set(key, logits);
  if (logitsCache.size > LOGITS_CACHE_SIZE) logitsCache.delete(logitsCache.keys().next().value!);
  return logits;
}

/** The same as a promise (rejected on malformed data). */
export function decodeLogits(enc: EncodedLogits): Promise<Float32Array> {
  try {
    return Promise.resolve(decodeLogitsNow(enc));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/** The upright image size the selection's image-pixel coordinates refer to. */
export function imageSizeOf(layer: SelectionLayer): { width: number; height: number } {
  if (layer.sam) return { width: layer.sam.placement.width, height: layer.sam.placement.height };
  const doc = getState().document;
  const img = doc?.layers.find((l) => l.kind === 'image' && l.assetId === layer.assetId);
  if (img && img.kind === 'image') return { width: img.width, height: img.height };
  return { width: doc?.width ?? 1, height: doc?.height ?? 1 };
}

/** Logits (already decoded) → wand → strokes, synchronously; undefined while wand pixels are loading. */
function baseMaskFrom(layer: SelectionLayer, logits: Float32Array | null, width: number, height: number): Mask | undefined {
  if (layer.sam && logits && isSamOnly(layer)) return sharedSamMask(logits, layer.sam.placement, width, height);
  const image = needsPixels(layer) ? wandImageNow(layer.assetId, width, height) : undefined;
  if (needsPixels(layer) && !image) return undefined;
  return replayBase(layer, { logits, ...(image ? { image } : {}) }, width, height, imageSizeOf(layer).width);
}

/** Logits → wand → strokes (no ops) at width × height. */
export async function baseMask(layer: SelectionLayer, width: number, height: number): Promise<Mask> {
  const logits = layer.sam ? decodeLogitsNow(layer.sam.logits) : null;
  if (!needsPixels(layer)) return baseMaskFrom(layer, logits, width, height)!;
  const image = await wandImage(layer.assetId, width, height);
  return replayBase(layer, { logits, image }, width, height, imageSizeOf(layer).width);
}

const cache = new WeakMap<SelectionLayer, Map<string, Promise<Mask>>>();
/** The settled values of the cached promises, for the synchronous path. */
const settled = new WeakMap<Promise<Mask>, Mask>();
const PER_LAYER = 6;

function remember(layer: SelectionLayer, key: string, p: Promise<Mask>, now?: Mask): Promise<Mask> {
  let m = cache.get(layer);
  if (!m) cache.set(layer, (m = new Map()));
  m.set(key, p);
  if (m.size > PER_LAYER) m.delete(m.keys().next().value!);
  if (now) settled.set(p, now);
  else
    p.then(
      (mask) => settled.set(p, mask),
      () => m.delete(key),
    );
  return p;
}

/** Seed the cache (the brush's live mask is exactly what replay gives when the layer has no ops). */
export function seedPreview(layer: SelectionLayer, mask: Mask): void {
  remember(layer, previewKey(mask.width, mask.height, undefined), Promise.resolve(mask), mask);
}

/**
 * The same mask as previewMask, computed at once when it is not cached (undefined only while an
 * asynchronous computation of it is still pending, or when its logits cannot be decoded).
 */
export function previewMaskNow(layer: SelectionLayer, width: number, height: number, opsOverride?: MaskOp[]): Mask | undefined {
  const ops = opsOverride ?? layer.ops;
  const key = previewKey(width, height, ops.length ? ops : undefined);
  const hit = cache.get(layer)?.get(key);
  if (hit) return settled.get(hit);
  let mask: Mask;
  if (ops.length) {
    const base = previewMaskNow(layer, width, height, []);
    if (!base) return undefined;
    mask = applyOps(base, ops, width / imageSizeOf(layer).width);
  } else {
    let logits: Float32Array | null = null;
    try {
      if (layer.sam) logits = decodeLogitsNow(layer.sam.logits);
    } catch {
      return undefined; // previewMask reports it
    }
    const base = baseMaskFrom(layer, logits, width, height);
    if (!base) return undefined; // previewMask waits for the pixels
    mask = base;
  }
  remember(layer, key, Promise.resolve(mask), mask);
  return mask;
}

/** The selection's mask at width × height (0..255, 255 = selected). Callers must not modify it. */
export function previewMask(layer: SelectionLayer, width: number, height: number, opsOverride?: MaskOp[]): Promise<Mask> {
  const ops = opsOverride ?? layer.ops;
  const key = previewKey(width, height, ops.length ? ops : undefined);
  const hit = cache.get(layer)?.get(key);
  if (hit) return hit;
  const scale = width / imageSizeOf(layer).width;
  const p = ops.length ? previewMask(layer, width, height, []).then((m) => applyOps(m, ops, scale)) : baseMask(layer, width, height);
  return remember(layer, key, p);
}
