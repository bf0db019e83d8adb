// Runs in: engine process (and the CLI). The wire form of low-res logits (EncodedLogits in types.ts):
// sign-exact Int8 codes at 1/16 logit, clamped; each code minus its planar prediction (left + up −
// up-left, as in lossless image coders) so smooth ramps and saturated areas become runs of zeros; then
// raw DEFLATE. A click's candidates usually take a few KB; noisy maps step down in precision (other
// candidates first) until the click fits its budget, which is therefore guaranteed.
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { LOW_RES, type EncodedLogits } from './types';
import { residualsToLogits } from '../../../src-shared/masks/logits-residuals';

// A local copy: hot loops below read it directly, never through a module binding.
const SIDE: number = LOW_RES;
const CELLS = SIDE * SIDE;
/** Every candidate of one click together, compressed. Worst case (all sign-only): 4 × 8 KB. */
export const CLICK_BUDGET_BYTES = 64 * 1024;
const LEVELS = [
  { scale: 16, limit: 127 },
  { scale: 4, limit: 31 },
  { scale: 1, limit: 1 },
] as const;

/**
 * Codes round(logit·scale) clamped to ±limit; a positive logit never rounds to 0, NaN reads as 0. Clamped
 * before rounding; Math.floor(v + 0.5) is Math.round here and much faster; NaN and −0 store as 0.
 */
export function quantiseLogits(logits: ArrayLike<number>, scale: number = 16, limit = 127): Int8Array {
  const n = logits.length;
  const src = logits instanceof Float32Array ? logits : Float32Array.from(logits);
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const v = src[i]! * scale;
    out[i] = v > 0 ? (v >= limit ? limit : Math.floor(v + 0.5) || 1) : v <= -limit ? -limit : Math.floor(v + 0.5) | 0;
  }
  return out;
}

/** Codes → residuals from the planar prediction left + up − up-left (the first row and column: left, up). */
function residualsOf(q: Int8Array): Uint8Array {
  const residuals = new Uint8Array(CELLS);
  residuals[0] = q[0]! & 0xff;
  for (let x = 1; x < SIDE; x++) residuals[x] = (q[x]! - q[x - 1]!) & 0xff;
  for (let row = SIDE; row < CELLS; row += SIDE) {
    residuals[row] = (q[row]! - q[row - SIDE]!) & 0xff;
    for (let i = row + 1; i < row + SIDE; i++) residuals[i] = (q[i]! - q[i - 1]! - q[i - SIDE]! + q[i - SIDE - 1]!) & 0xff;
  }
  return residuals;
}

export function encodeLogits(logits: ArrayLike<number>, level = 0): EncodedLogits {
  if (logits.length !== CELLS) throw new AnyfillError('INTERNAL', `Low-res logits must be ${SIDE}², not ${logits.length} values.`);
  const { scale, limit } = LEVELS[level] ?? LEVELS[0];
  const residuals = residualsOf(quantiseLogits(logits, scale, limit));
  // Residuals are mostly runs of zeros: run-length matching is ~4× faster than the default and smaller.
  const data = deflateRawSync(residuals, { level: 6, strategy: constants.Z_RLE });
  return { encoding: 'i8-grad-deflate-raw', size: LOW_RES, scale, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * Every candidate at full precision when they fit `budget` together; otherwise the others step down
 * first, then the chosen one, until they do (sign-only maps are ≤ 8 KB each).
 */
export function encodeCandidates(list: ReadonlyArray<ArrayLike<number>>, chosen: number, budget = CLICK_BUDGET_BYTES): EncodedLogits[] {
  const levels = list.map(() => 0);
  const out = list.map((l) => encodeLogits(l));
  const total = () => out.reduce((n, e) => n + e.data.byteLength, 0);
  const order = [...list.keys()].filter((i) => i !== chosen).concat(list.length > chosen ? [chosen] : []);
  for (const i of order) {
    while (total() > budget && levels[i]! < LEVELS.length - 1) out[i] = encodeLogits(list[i]!, ++levels[i]!);
  }
  return out;
}

/** Back to float logits. BAD_REQUEST when the data is not what encodeLogits makes. */
export function decodeLogits(enc: EncodedLogits): Float32Array {
  if (enc.encoding !== 'i8-grad-deflate-raw' || enc.size !== LOW_RES || !LEVELS.some((l) => l.scale === enc.scale)) {
    throw new AnyfillError(
      'BAD_REQUEST',
      'The previous mask is in an unknown format.',
      `${String(enc.encoding)} ${String(enc.size)} ${String(enc.scale)}`,
    );
  }
  let raw: Buffer;
  try {
    raw = inflateRawSync(enc.data, { maxOutputLength: CELLS + 1 });
  } catch (err) {
    throw new AnyfillError('BAD_REQUEST', 'The previous mask is damaged.', err instanceof Error ? err.message : String(err));
  }
  if (raw.length !== CELLS) throw new AnyfillError('BAD_REQUEST', 'The previous mask is damaged.', `${raw.length} bytes, not ${CELLS}`);
  return residualsToLogits(raw, enc.scale);
}
