// Runs in: test tooling. Input tensors cast to the declared dtype and rank (checked by models echoing
// their input as float32), float16 conversion against ORT's own, and wrong-dtype runs mapped to a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { fromHalfBits, toHalfBits } from '../../../src-main/engine/runtime/half';
import { openSession } from '../../../src-main/engine/runtime/open-session';
import { loadOrt, tensorMetas, type InferenceSession, type TensorMeta } from '../../../src-main/engine/runtime/ort';
import { runModel } from '../../../src-main/engine/runtime/run-model';
import { hasNonFinite, inputTensor, readFloat32 } from '../../../src-main/engine/runtime/tensors';
import { echoModel, tempDir, toHalfModel, writeModel, type TempDir } from './tiny-models';

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

async function open(name: string, bytes: Uint8Array): Promise<InferenceSession> {
  return (await openSession(await writeModel(tmp.file(`${name}.onnx`), bytes), { providers: ['cpu'], label: name })).session;
}
const meta = (s: InferenceSession, name = 'x'): TensorMeta => tensorMetas(s.inputMetadata).get(name)!;
const echo = async (s: InferenceSession, t: ReturnType<typeof inputTensor>) => (await runModel(s, { x: t }, 'echo')).y!;

describe('float16 conversion', () => {
  it('encodes the edge cases of binary16', () => {
    const cases: Array<[number, number]> = [
      [0, 0],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.1, 0x2e66],
      [65504, 0x7bff],
      [65520, 0x7c00],
      [1e9, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -24, 1],
      [2 ** -25, 0],
      [1.5 * 2 ** -25, 1],
      [2 ** -14, 0x400],
    ];
    for (const [v, bits] of cases) expect([v, toHalfBits(v)]).toEqual([v, bits]);
    expect(toHalfBits(NaN) & 0x7c00).toBe(0x7c00);
    expect(Number.isNaN(fromHalfBits(0x7e00))).toBe(true);
    for (let h = 0; h < 0x7c00; h += 7) expect(toHalfBits(fromHalfBits(h))).toBe(h);
  });

  it('rounds exactly like ORT does', async () => {
    const s = await open('to-half', toHalfModel());
    const values = Float32Array.from({ length: 4096 }, (_, i) => (i % 2 ? -1 : 1) * Math.exp((i / 4096) * 30 - 20) * (1 + Math.sin(i)));
    const out = await runModel(s, { x: new (loadOrt().Tensor)('float32', values, [values.length]) }, 'to-half');
    // Uint16Array on Node 20; a Float16Array view where the runtime has one: read the bits either way.
    const data = out.y!.data as Uint16Array;
    const bits = new Uint16Array(data.buffer, data.byteOffset, values.length);
    expect(Array.from(values, toHalfBits)).toEqual(Array.from(bits));
    expect(readFloat32(out.y!)).toEqual(Float32Array.from(bits, fromHalfBits));
  });
});

describe('inputTensor', () => {
  it.each([
    ['float32', [1.5, -2, 3.25]],
    ['float16', [1.5, -2, 3.25]],
    ['int32', [7, -8, 9]],
    ['int64', [7, -8, 9]],
    ['bool', [1, 0, 1]],
  ] as const)('casts numbers to %s, which the model receives intact', async (dtype, values) => {
    const s = await open(`echo-${dtype}`, echoModel(dtype, [1, 'n']));
    const t = inputTensor(meta(s), values, [1, 3]);
    expect(t.type).toBe(dtype);
    expect(Array.from(readFloat32(await echo(s, t)))).toEqual(values);
  });

  it('takes bigint and boolean values as well', async () => {
    const i64 = await open('echo-i64', echoModel('int64', ['n']));
    expect(Array.from(readFloat32(await echo(i64, inputTensor(meta(i64), BigInt64Array.from([2n ** 40n, -1n]), [2]))))).toEqual([
      2 ** 40,
      -1,
    ]);
    const b = await open('echo-bool', echoModel('bool', ['n']));
    expect(Array.from(readFloat32(await echo(b, inputTensor(meta(b), [true, false], [2]))))).toEqual([1, 0]);
  });

  it('gives a timestep the rank the UNet declares: scalar, [1] or [batch]', async () => {
    for (const [name, shape] of [
      ['rank0', []],
      ['one', [1]],
      ['batch', ['batch']],
    ] as const) {
      const s = await open(`t-${name}`, echoModel('int64', [...shape]));
      for (const dims of [[], [1]]) {
        const t = inputTensor(meta(s), [981.4], dims);
        expect(t.dims).toEqual(shape.map(() => 1));
        expect(Array.from(readFloat32(await echo(s, t)))).toEqual([981]);
      }
    }
  });

  it('casts int64 data for an int32 model; a raw int64 tensor is rejected with a clear message', async () => {
    const s = await open('ids-i32', echoModel('int32', [1, 77]));
    const ids = BigInt64Array.from({ length: 77 }, (_, i) => BigInt(49406 + i));
    expect(readFloat32(await echo(s, inputTensor(meta(s), ids, [1, 77])))[76]).toBe(49406 + 76);
    const raw = new (loadOrt().Tensor)('int64', ids, [1, 77]);
    const err = await runModel(s, { x: raw }, 'Text encoder').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnyfillError);
    expect(err).toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/Text encoder was given int64 data where the model expects int32/),
      detail: expect.stringMatching(/Unexpected input data type/),
    });
  });

  it('refuses values that do not fit the shape or the declared fixed dims', async () => {
    const s = await open('fixed', echoModel('float32', [1, 3, 'h']));
    expect(() => inputTensor(meta(s), [1, 2, 3], [1, 2])).toThrow(/3 values do not fill shape \[1,2\]/);
    expect(() => inputTensor(meta(s), [1, 2, 3, 4], [1, 4, 1])).toThrow(/dimension 1 is fixed at 3, not 4/);
    expect(() => inputTensor(meta(s), [1, 2, 3], [3])).toThrow(/has 3 dimensions, not 1/);
    const i32 = await open('i32', echoModel('int32', ['n']));
    expect(() => inputTensor(meta(i32), [2 ** 40], [1])).toThrow(/does not fit in int32/);
  });
});

describe('hasNonFinite', () => {
  it('spots NaN and infinities', () => {
    expect(hasNonFinite(new Float32Array([0, 1, -1e30]))).toBe(false);
    expect(hasNonFinite(new Float32Array([0, NaN]))).toBe(true);
    expect(hasNonFinite([Infinity])).toBe(true);
  });
});
