// Runs in: engine process. Builds input tensors in the dtype and rank each model declares, and reads
// outputs back as float32. Exports differ in dtypes and ranks (SAM labels f32 vs i64, SD token ids i32,
// the UNet timestep f32/f16/i64 as [1] or a scalar), so nothing here hard-codes them: see model-contracts §7.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { fromHalfBits, toHalfBits } from './half';
import { loadOrt, type Tensor, type TensorMeta } from './ort';

export type InputValues = ArrayLike<number> | ArrayLike<bigint> | readonly boolean[];

/** A tensor for one model input, cast to its declared type and shaped to its declared rank. */
export function inputTensor(meta: TensorMeta, values: InputValues, dims: readonly number[]): Tensor {
  const shape = fitDims(meta, dims, values.length);
  const { Tensor } = loadOrt();
  const v = values as ArrayLike<number | bigint | boolean>;
  switch (meta.type) {
    case 'float32':
      return new Tensor('float32', v instanceof Float32Array ? v : Float32Array.from(v, Number), shape);
    case 'float16':
      // Uint16Array holds the binary16 bits; ORT views it as Float16Array where the runtime has one.
      return new Tensor(
        'float16',
        Uint16Array.from(v, (x) => toHalfBits(Number(x))),
        shape,
      );
    case 'int32':
      return new Tensor('int32', v instanceof Int32Array ? v : Int32Array.from(v, (x) => toInt32(meta, x)), shape);
    case 'int64':
      return new Tensor('int64', v instanceof BigInt64Array ? v : BigInt64Array.from(v, toBigInt), shape);
    case 'bool':
      return new Tensor(
        'bool',
        Uint8Array.from(v, (x) => (x ? 1 : 0)),
        shape,
      );
    case 'uint8':
      return new Tensor('uint8', v instanceof Uint8Array ? v : Uint8Array.from(v, Number), shape);
    default:
      throw new AnyfillError('INTERNAL', `The model input "${meta.name}" has type ${meta.type}, which Anyfill does not feed.`);
  }
}

/** Any numeric output as float32 (float16 converted, float32 returned without a copy). */
export function readFloat32(t: Tensor): Float32Array {
  const data = t.data;
  if (data instanceof Float32Array) return data;
  if (t.type === 'float16' && data instanceof Uint16Array) return Float32Array.from(data, fromHalfBits);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float32Array.from(data, Number);
  if (typeof data[0] === 'string') throw new AnyfillError('INTERNAL', `Expected a numeric model output, got ${t.type}.`);
  // Float16Array (when the runtime has one), ints, bools: all read as numbers.
  return Float32Array.from(data as ArrayLike<number>);
}

/** True when any value is NaN or ±Infinity (fp16 on CPU, broken exports). */
export function hasNonFinite(arr: ArrayLike<number>): boolean {
  for (let i = 0; i < arr.length; i++) if (!Number.isFinite(arr[i])) return true;
  return false;
}

/**
 * The dims to use: a single value takes whatever rank the model declares ([] scalar, [1], ['batch']), so
 * the caller can pass a timestep either way. Otherwise the rank and every fixed dimension must match.
 * ORT reports an undeclared shape as [] too, so a declared [] only forces rank 0 for a single value.
 */
export function fitDims(meta: TensorMeta, dims: readonly number[], count: number): number[] {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== count) throw shapeError(meta, `${count} values do not fill shape [${dims.join(',')}]`);
  const declared = meta.shape;
  const shape = count === 1 && declared.length !== dims.length ? declared.map(() => 1) : [...dims];
  if (declared.length === 0) return shape;
  if (declared.length !== shape.length) throw shapeError(meta, `it has ${declared.length} dimensions, not ${shape.length}`);
  declared.forEach((d, i) => {
    if (typeof d === 'number' && d !== shape[i]) throw shapeError(meta, `dimension ${i} is fixed at ${d}, not ${shape[i]}`);
  });
  return shape;
}

function shapeError(meta: TensorMeta, why: string): AnyfillError {
  return new AnyfillError('INTERNAL', `The model input "${meta.name}" [${meta.shape.join(',')}] does not fit what Anyfill built: ${why}.`);
}

function toInt32(meta: TensorMeta, x: number | bigint | boolean): number {
  const n = Math.round(Number(x));
  if (n < -0x80000000 || n > 0x7fffffff) throw shapeError(meta, `${String(x)} does not fit in int32`);
  return n;
}

function toBigInt(x: number | bigint | boolean): bigint {
  if (typeof x === 'bigint') return x;
  const n = Math.round(Number(x));
  // Timesteps from fractional schedules (linspace) are rounded for int64 UNets, as diffusers does.
  if (!Number.isFinite(n)) throw new AnyfillError('INTERNAL', `Cannot give ${String(x)} to an int64 model input.`);
  return BigInt(n);
}
