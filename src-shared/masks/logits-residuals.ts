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
  // predictCode inlined per row kind (first row, first column, the rest): the same codes, no call per cell.
  for (let i = 0; i < SIDE; i++) codes[i] = (i === 0 ? 0 : codes[i - 1]!) + raw[i]!;
  for (let row = SIDE; row < LOGIT_CELLS; row += SIDE) {
    codes[row] = codes[row - SIDE]! + raw[row]!;
    for (let i = row + 1; i < row + SIDE; i++) codes[i] = codes[i - 1]! + codes[i - SIDE]! - codes[i - SIDE - 1]! + raw[i]!;
  }
  for (let i = 0; i < LOGIT_CELLS; i++) out[i] = codes[i]! / scale;
  return out;
}
