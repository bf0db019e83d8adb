// Runs in: tests (Node). The SD stand-ins end to end through a small reference inpainting pipeline
// (diffusers semantics: [latents, mask, 0.18215·masked-image latents], CFG 7.5 with [uncond, cond],
// DDIM / PNDM / Euler written here from the scheduler maths). Dtypes come from session metadata, like
// the app's loader. Correct pipelines paint the mask red and keep the rest; each classic mistake doesn't.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHalf } from '../../../src-main/standins/graph-builder';
import { sdStandinPacks } from '../../../src-main/standins/sd/index';
import { writeStandinPack } from '../../../src-main/standins/write-pack';

const SCALE = 0.18215;
const RED = 736;
let dir = '';
const sessions = new Map<string, ort.InferenceSession>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-sdrun-'));
  for (const pack of sdStandinPacks()) await writeStandinPack(dir, pack);
});
afterAll(async () => {
  for (const s of sessions.values()) await s.release();
  await rm(dir, { recursive: true, force: true });
});

async function session(pack: string, role: string): Promise<ort.InferenceSession> {
  const key = `${pack}/${role}`;
  if (!sessions.has(key)) sessions.set(key, await ort.InferenceSession.create(path.join(dir, pack, role, 'model.onnx')));
  return sessions.get(key)!;
}

function declared(s: ort.InferenceSession, name: string): { type: string; rank: number } {
  const m = s.inputMetadata.find((v) => v.name === name);
  if (!m?.isTensor) throw new Error(`no tensor input ${name}`);
  return { type: m.type, rank: m.shape.length };
}

function fromHalf(h: number): number {
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  const v = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
  return h & 0x8000 ? -v : v;
}
const floats = (s: ort.InferenceSession, name: string, v: Float32Array, dims: number[]) =>
  declared(s, name).type === 'float16' ? new ort.Tensor('float16', Uint16Array.from(v, toHalf), dims) : new ort.Tensor('float32', v, dims);
const toF32 = (t: ort.Tensor) => (t.type === 'float16' ? Float32Array.from(t.data as Uint16Array, fromHalf) : (t.data as Float32Array));

function timestep(s: ort.InferenceSession, t: number): ort.Tensor {
  const { type, rank } = declared(s, 'timestep');
  const dims = rank === 0 ? [] : [1];
  if (type === 'int64') return new ort.Tensor('int64', BigInt64Array.from([BigInt(Math.round(t))]), dims);
  if (type === 'float16') return new ort.Tensor('float16', Uint16Array.from([toHalf(t)]), dims);
  return new ort.Tensor('float32', Float32Array.from([t]), dims);
}

function alphas(): number[] {
  let acc = 1;
  return Array.from({ length: 1000 }, (_, i) => {
    const b = (Math.sqrt(0.00085) + ((Math.sqrt(0.012) - Math.sqrt(0.00085)) * i) / 999) ** 2;
    return (acc *= 1 - b);
  });
}
const AC = alphas();

function randn(n: number, seed: number): Float32Array {
  let s = seed;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  return Float32Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

type Mistake = 'none' | 'no-encode-scaling' | 'no-decode-scaling' | 'wrong-sign' | 'swapped-cfg' | 'no-init-sigma';
interface Run {
  pack?: string;
  size?: number;
  scheduler?: 'ddim' | 'pndm' | 'euler';
  mistake?: Mistake;
}

/** Blue image, green square over the middle half, mask = the middle quarter (inside the square). */
async function inpaint({ pack = 'sd15-inpaint', size = 256, scheduler = 'ddim', mistake = 'none' }: Run) {
  const [S, h] = [size, size / 8];
  const inSquare = (x: number, y: number) => x >= S / 4 && x < (3 * S) / 4 && y >= S / 4 && y < (3 * S) / 4;
  const inMask = (x: number, y: number) => x >= (3 * S) / 8 && x < (5 * S) / 8 && y >= (3 * S) / 8 && y < (5 * S) / 8;
  const image = new Float32Array(3 * S * S);
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) for (let c = 0; c < 3; c++) image[c * S * S + y * S + x] = (inSquare(x, y) ? [-1, 1, -1] : [-1, -1, 1])[c]!;
  const masked = image.map((v, i) => (inMask(i % S, Math.floor(i / S) % S) ? 0 : v));
  const [te, unet, enc, dec] = await Promise.all(['text_encoder', 'unet', 'vae_encoder', 'vae_decoder'].map((r) => session(pack, r)));
  const encoded = await enc!.run({ sample: floats(enc!, 'sample', masked, [1, 3, S, S]) });
  const maskedLatents = toF32((encoded.latent_sample ?? encoded.latent_parameters)!)
    .subarray(0, 4 * h * h)
    .map((v) => (mistake === 'no-encode-scaling' ? v : v * SCALE));
  const maskLatent = Float32Array.from({ length: h * h }, (_, i) => (inMask((i % h) * 8, Math.floor(i / h) * 8) ? 1 : 0));
  const ids = (w: number[]) => Array.from({ length: 77 }, (_, i) => (i === 0 ? 49406 : (w[i - 1] ?? 49407)));
  const order = mistake === 'swapped-cfg' ? [[RED], []] : [[], [RED]];
  const text = await te!.run({ input_ids: new ort.Tensor('int32', Int32Array.from(order.flatMap(ids)), [2, 77]) });
  const N = 4 * h * h;
  const eps = async (latents: Float32Array, t: number) => {
    const sample = new Float32Array(2 * 9 * h * h);
    for (let b = 0; b < 2; b++) sample.set([...latents, ...maskLatent, ...maskedLatents], b * 9 * h * h);
    const out = await unet!.run({
      sample: floats(unet!, 'sample', sample, [2, 9, h, h]),
      timestep: timestep(unet!, t),
      encoder_hidden_states: text.last_hidden_state!,
    });
    const e = toF32(out.out_sample!);
    return Float32Array.from({ length: N }, (_, i) => e[i]! + 7.5 * (e[N + i]! - e[i]!));
  };
  let x = randn(N, 42);
  const steps = 20;
  const ratio = 1000 / steps;
  if (scheduler === 'euler') {
    // Euler discrete, "linspace" spacing (the class default from the 313-byte config), σ interpolated.
    const sigmaAt = (t: number) => {
      const [lo, f] = [Math.floor(t), t - Math.floor(t)];
      const s = (k: number) => Math.sqrt((1 - AC[k]!) / AC[k]!);
      return s(lo) * (1 - f) + s(Math.min(999, lo + 1)) * f;
    };
    const ts = Array.from({ length: steps }, (_, i) => 999 - (999 * i) / (steps - 1));
    const sigmas = [...ts.map(sigmaAt), 0];
    if (mistake !== 'no-init-sigma') x = x.map((v) => v * Math.sqrt(sigmas[0]! ** 2 + 1));
    for (let i = 0; i < steps; i++) {
      const [s, next] = [sigmas[i]!, sigmas[i + 1]!];
      const e = await eps(
        x.map((v) => v / Math.sqrt(s * s + 1)),
        ts[i]!,
      );
      x = x.map((v, k) => v + e[k]! * (next - s)); // d = (x − x0)/σ = ε
    }
  } else if (scheduler === 'pndm') {
    const base = Array.from({ length: steps }, (_, i) => i * ratio + 1);
    const ts = [...base.slice(0, -1), base[steps - 2]!, base[steps - 1]!].reverse(); // n + 1 calls
    const ets: Float32Array[] = [];
    let cur = x;
    for (const [i, t] of ts.entries()) {
      let e = await eps(x, t);
      let [from, to, sample] = [t, t - ratio, x];
      if (i === 1) [from, to, sample, e] = [t + ratio, t, cur, e.map((v, k) => (v + ets[0]![k]!) / 2)];
      else {
        ets.push(e);
        const n = ets.length;
        const c = [[1], [3 / 2, -1 / 2], [23 / 12, -16 / 12, 5 / 12], [55 / 24, -59 / 24, 37 / 24, -9 / 24]][Math.min(n, 4) - 1]!;
        e = e.map((_, k) => c.reduce((sum, w, j) => sum + w * ets[n - 1 - j]![k]!, 0));
        if (i === 0) cur = x;
      }
      if (ets.length > 4) ets.shift();
      const [a, ap] = [AC[from]!, to >= 0 ? AC[to]! : AC[0]!];
      const denom = a * Math.sqrt(1 - ap) + Math.sqrt(a * (1 - a) * ap);
      x = sample.map((v, k) => Math.sqrt(ap / a) * v - ((ap - a) * e[k]!) / denom);
    }
  } else {
    for (let t = (steps - 1) * ratio + 1; t >= 1; t -= ratio) {
      const e = await eps(x, t);
      const [a, ap] = [AC[t]!, t - ratio >= 0 ? AC[t - ratio]! : AC[0]!];
      const sign = mistake === 'wrong-sign' ? 1 : -1;
      x = x.map((v, k) => Math.sqrt(ap) * ((v + sign * Math.sqrt(1 - a) * e[k]!) / Math.sqrt(a)) + Math.sqrt(1 - ap) * e[k]!);
    }
  }
  const latents = x.map((v) => (mistake === 'no-decode-scaling' ? v : v / SCALE));
  const rgb = toF32((await dec!.run({ latent_sample: floats(dec!, 'latent_sample', latents, [1, 4, h, h]) })).sample!);
  const mean = (where: (x: number, y: number) => boolean, of: Float32Array) => {
    const sum = [0, 0, 0];
    let n = 0;
    for (let y = 0; y < S; y++)
      for (let xx = 0; xx < S; xx++) {
        if (!where(xx, y)) continue;
        n++;
        for (let c = 0; c < 3; c++) sum[c]! += Math.min(255, Math.max(0, (of[c * S * S + y * S + xx]! / 2 + 0.5) * 255));
      }
    return sum.map((v) => v / n);
  };
  const outside = (xx: number, y: number) => !inMask(xx, y);
  const diff = mean(outside, rgb).map((v, c) => Math.abs(v - mean(outside, image)[c]!));
  return { inside: mean(inMask, rgb), outsideError: Math.max(...diff), square: mean((xx, y) => inSquare(xx, y) && !inMask(xx, y), rgb) };
}

type Result = Awaited<ReturnType<typeof inpaint>>;
const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;

describe('SD stand-ins through a reference inpainting pipeline', () => {
  it.each([
    ['sd15-inpaint', 512],
    ['sd15-inpaint', 256],
    ['standin-sd-timestep-int64', 256],
    ['standin-sd-timestep-scalar', 256],
    ['standin-sd-fp16', 256],
    ['standin-sd-optimum', 256],
  ])('%s at %i²: DDIM 20 steps, CFG 7.5, "red" → mask red, the rest kept', async (pack, size) => {
    const r = await inpaint({ pack, size });
    expect(isRed(r.inside), `inside ${r.inside.map(Math.round)}`).toBe(true);
    expect(r.outsideError).toBeLessThan(8);
    expect(r.square[1]).toBeGreaterThan(240);
  });

  it.each(['pndm', 'euler'] as const)('%s (correct) converges too', async (scheduler) => {
    const r = await inpaint({ scheduler });
    expect(isRed(r.inside), `inside ${r.inside.map(Math.round)}`).toBe(true);
    expect(r.outsideError).toBeLessThan(8);
  });

  const grey = (rgb: number[]) => rgb.every((v) => Math.abs(v - 128) < 20);
  it.each([
    // Masked-image latents left unscaled: the kept region decodes washed towards white.
    ['no-encode-scaling', 'ddim', (r: Result) => r.outsideError > 100],
    // Latents not divided by 0.18215 before decoding: near-black everywhere, dark red at best.
    ['no-decode-scaling', 'ddim', (r: Result) => r.outsideError > 100 && r.inside[0]! < 200],
    // DDIM x0 = (x + √(1−ᾱ)ε)/√ᾱ: noise grows every step; no red.
    ['wrong-sign', 'ddim', (r: Result) => !isRed(r.inside)],
    // [cond, uncond] instead of [uncond, cond]: guidance pushes away from red, to cyan.
    ['swapped-cfg', 'ddim', (r: Result) => r.inside[0]! < 60 && r.inside[1]! > 200 && r.inside[2]! > 200],
    // Euler without init_noise_sigma: under-noised input, the UNet washes out to grey.
    ['no-init-sigma', 'euler', (r: Result) => grey(r.inside) && grey(r.square)],
  ] as const)('mistake %s (%s) gives a clearly wrong image', async (mistake, scheduler, wrong) => {
    const r = await inpaint({ mistake, scheduler });
    expect(wrong(r), `inside ${r.inside.map(Math.round)}, square ${r.square.map(Math.round)}, outside error ${r.outsideError}`).toBe(true);
  });

  it('the NaN pack yields NaN pixels', async () => {
    const r = await inpaint({ pack: 'standin-sd-nan' });
    expect(r.inside.every(Number.isNaN)).toBe(true);
  });
});
