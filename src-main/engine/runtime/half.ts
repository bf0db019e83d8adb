// Runs in: engine process. IEEE 754 binary16 ("float16") conversion for fp16 model inputs and outputs.
// Node 20 has no Float16Array, and ORT's float16 tensors carry the raw bits in a Uint16Array.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The binary16 bits nearest to `value` (round half to even; overflow → ±Infinity; NaN stays NaN). */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp32 = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp32 === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const exp = exp32 - 127 + 15;
  if (exp >= 0x1f) return sign | 0x7c00;
  if (exp >= 1) return sign | roundShift((exp << 23) | mant, 13);
  // Subnormal half (or zero): the implicit leading 1 becomes explicit and shifts out with the exponent.
  if (exp < -10) return sign;
  return sign | roundShift(mant | 0x800000, 14 - exp);
}

/** x >> shift, rounded half to even. A carry out of the mantissa correctly bumps the exponent. */
function roundShift(x: number, shift: number): number {
  const kept = x >>> shift;
  const rest = x - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return rest > half || (rest === half && kept & 1) ? kept + 1 : kept;
}

let table: Float32Array | undefined;

/** The number binary16 `bits` encodes (a 64K lookup table: fp16 outputs can be millions of values). */
export function fromHalfBits(bits: number): number {
  table ??= buildTable();
  return table[bits & 0xffff]!;
}

function buildTable(): Float32Array {
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) t[h] = sign * mant * 2 ** -24;
    else if (exp === 0x1f) t[h] = mant ? NaN : sign * Infinity;
    else t[h] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return t;
}
