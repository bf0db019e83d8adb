// Runs in: every process (pure). The wire form of SAM low-res logits, minus its DEFLATE layer (the
// engine inflates with zlib, a browser with DecompressionStream('deflate-raw')): Int8 codes q (logit =
// q / scale) stored as residuals from the prediction left + up − up-left, row-major.
import { LOW_RES } from './low-res';

const SIDE: number = LOW_RES;
export const LOGIT_CELLS = SIDE * SIDE;

export function predictCode(q: Int8Array, x: number, i: number): number {
  if (i < SIDE) return x === 0 ? 0 : q[i - 1]!;
  if (x === 0) return q[i - SIDE]!;
  return q[i - 1]! + q[i - SIDE]! - q[i - SIDE - 1]!;
}

/** Inflated residual bytes (256×256) → float logits. */
export function residualsToLogits(raw: Uint8Array, scale: number): Float32Array {
  if (raw.length !== LOGIT_CELLS) throw new RangeError(`expected ${LOGIT_CELLS} residual bytes, got ${raw.length}`);
  // Int8Array stores modulo 256: prediction + residual wraps back to the code exactly.
  const codes = new Int8Array(LOGIT_CELLS);
  const out = new Float32Array(LOGIT_CELLS);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0, i = y * SIDE; x < SIDE; x++, i++) {
      codes[i] = predictCode(codes, x, i) + raw[i]!;
      out[i] = codes[i]! / scale;
    }
  }
  return out;
}
