// Runs in: tests (Node). The SD 1.5 inpainting stand-ins one model at a time: exact I/O contracts of every
// variant pack (loaded from file paths, so the UNet's weights.pb must resolve), dtype/rank rejection,
// the VAE and text-encoder maps, and the NaN pack.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdStandinPacks } from '../../../src-main/standins/sd/index';
import { writeStandinPack } from '../../../src-main/standins/write-pack';

let dir = '';
const packs = sdStandinPacks();
const open = (pack: string, role: string) => ort.InferenceSession.create(path.join(dir, pack, role, 'model.onnx'));
const meta = (m: readonly ort.InferenceSession.ValueMetadata[]) =>
  m.map((v) => (v.isTensor ? `${v.name}:${v.type}[${v.shape.join(',')}]` : v.name));
const f32 = (v: number[] | Float32Array, dims: number[]) => new ort.Tensor('float32', Float32Array.from(v), dims);
const clipIds = (words: number[]) => Int32Array.from({ length: 77 }, (_, i) => (i === 0 ? 49406 : (words[i - 1] ?? 49407)));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-sd-'));
  for (const pack of packs) await writeStandinPack(dir, pack);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('SD stand-in packs', () => {
  it('mirror the catalog pack: ids, layout, roles and the diffusers folder layout', async () => {
    expect(packs.map((p) => p.packId)).toEqual([
      'sd15-inpaint',
      'standin-sd-timestep-int64',
      'standin-sd-timestep-scalar',
      'standin-sd-fp16',
      'standin-sd-optimum',
      'standin-sd-vae-mean',
      'standin-sd-nan',
      'standin-sd-safety',
      'standin-sd-safety-fp16',
      'standin-sd-loose-weights',
    ]);
    const catalog = JSON.parse(await readFile(path.join(__dirname, '../../../models/catalog.json'), 'utf8'));
    const real = catalog.packs.find((p: { id: string }) => p.id === 'sd15-inpaint');
    expect(packs[0]!.roles).toEqual(real.roles);
    expect(Object.keys(packs[0]!.files).sort()).toEqual(real.files.map((f: { path: string }) => f.path).sort());
    const scheduler = await readFile(path.join(dir, 'sd15-inpaint', 'scheduler', 'scheduler_config.json'));
    expect(scheduler.byteLength).toBe(313);
    expect(JSON.parse(scheduler.toString())).toMatchObject({
      _class_name: 'PNDMScheduler',
      skip_prk_steps: true,
      steps_offset: 1,
      set_alpha_to_one: false,
    });
    expect((await stat(path.join(dir, 'sd15-inpaint', 'unet', 'weights.pb'))).size).toBeGreaterThan(4000);
  });

  it.each([
    ['sd15-inpaint', 'float32', 'timestep:float32[1]'],
    ['standin-sd-timestep-int64', 'float32', 'timestep:int64[1]'],
    ['standin-sd-timestep-scalar', 'float32', 'timestep:float32[]'],
    ['standin-sd-fp16', 'float16', 'timestep:float16[1]'],
  ])('%s declares the diffusers ONNX I/O', async (pack, f, timestep) => {
    const [te, unet, enc, dec] = await Promise.all(['text_encoder', 'unet', 'vae_encoder', 'vae_decoder'].map((r) => open(pack, r)));
    expect(meta(te!.inputMetadata)).toEqual(['input_ids:int32[batch,sequence]']);
    expect(meta(te!.outputMetadata)).toEqual([`last_hidden_state:${f}[batch,sequence,768]`, `pooler_output:${f}[batch,768]`]);
    expect(meta(unet!.inputMetadata)).toEqual([
      `sample:${f}[batch,9,height,width]`,
      timestep,
      `encoder_hidden_states:${f}[batch,sequence,768]`,
    ]);
    expect(meta(unet!.outputMetadata)).toEqual([`out_sample:${f}[batch,4,height,width]`]);
    expect(meta(enc!.inputMetadata)).toEqual([`sample:${f}[batch,3,height,width]`]);
    expect(meta(enc!.outputMetadata)).toEqual([`latent_sample:${f}[batch,4,height_latent,width_latent]`]);
    expect(meta(dec!.inputMetadata)).toEqual([`latent_sample:${f}[batch,4,height_latent,width_latent]`]);
    expect(meta(dec!.outputMetadata)).toEqual([`sample:${f}[batch,3,height,width]`]);
  });

  it('rejects int64 token ids and a timestep of the wrong dtype, or rank 0 where [1] is declared', async () => {
    const te = await open('sd15-inpaint', 'text_encoder');
    const ids64 = new ort.Tensor('int64', BigInt64Array.from(clipIds([736]), BigInt), [1, 77]);
    await expect(te.run({ input_ids: ids64 })).rejects.toThrow(/type|int32|int64/i);
    const feeds = (timestep: ort.Tensor) => ({
      sample: f32(new Float32Array(9 * 64), [1, 9, 8, 8]),
      timestep,
      encoder_hidden_states: f32(new Float32Array(77 * 768), [1, 77, 768]),
    });
    const unet = await open('sd15-inpaint', 'unet');
    await expect(unet.run(feeds(new ort.Tensor('int64', BigInt64Array.from([1n]), [1])))).rejects.toThrow();
    await expect(unet.run(feeds(f32([1], [])))).rejects.toThrow(/rank/i);
    const int64 = await open('standin-sd-timestep-int64', 'unet');
    await expect(int64.run(feeds(f32([1], [1])))).rejects.toThrow();
    const scalar = await open('standin-sd-timestep-scalar', 'unet');
    expect((await scalar.run(feeds(f32([1], [])))).out_sample!.dims).toEqual([1, 4, 8, 8]);
    // ORT itself lets a one-element [1] tensor through to a rank-0 input (so would the real export).
    expect((await scalar.run(feeds(f32([1], [1])))).out_sample!.dims).toEqual([1, 4, 8, 8]);
  });

  it('text encoder: features 0..2 = RGB of the first colour word, 3 = colour-word count, zeros for none', async () => {
    const te = await open('sd15-inpaint', 'text_encoder');
    const ids = new Int32Array([...clipIds([320, 1746, 537, 736]), ...clipIds([])]);
    const out = await te.run({ input_ids: new ort.Tensor('int32', ids, [2, 77]) });
    const h = out.last_hidden_state!.data as Float32Array;
    expect(Array.from(h.subarray(0, 5))).toEqual([-1, -1, 1, 2, 0]); // "a blue and red": blue first
    expect(Array.from(h.subarray(76 * 768, 76 * 768 + 4))).toEqual([-1, -1, 1, 2]); // same at every position
    expect(Array.from(h.subarray(77 * 768, 77 * 768 + 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from((out.pooler_output!.data as Float32Array).subarray(0, 4))).toEqual([-1, -1, 1, 2]);
  });

  it('VAE: unscaled latents of 8×8 block colours; decoder(encoder(x)) = x averaged over 8×8 blocks', async () => {
    const [enc, dec, optimum] = await Promise.all([
      open('standin-sd-vae-mean', 'vae_encoder'),
      open('sd15-inpaint', 'vae_decoder'),
      open('standin-sd-optimum', 'vae_encoder'),
    ]);
    const x = Float32Array.from({ length: 3 * 16 * 16 }, (_, i) => Math.sin(i * 0.37));
    const z = (await enc.run({ sample: f32(x, [1, 3, 16, 16]) })).latent_sample!;
    expect(z.dims).toEqual([1, 4, 2, 2]);
    const block = (c: number, by: number, bx: number) => {
      let s = 0;
      for (let y = 0; y < 8; y++) for (let k = 0; k < 8; k++) s += x[c * 256 + (by * 8 + y) * 16 + bx * 8 + k]!;
      return s / 64;
    };
    const zd = z.data as Float32Array;
    expect(zd[0]! * 0.18215).toBeCloseTo(0.5 * block(0, 0, 0) + 0.7, 5); // scaled latent = 0.5·r + 0.7
    const back = (await dec.run({ latent_sample: z })).sample!;
    expect(back.dims).toEqual([1, 3, 16, 16]);
    const bd = back.data as Float32Array;
    for (const [c, y, xx] of [
      [0, 0, 0],
      [1, 9, 3],
      [2, 15, 15],
    ] as const)
      expect(bd[c * 256 + y * 16 + xx]).toBeCloseTo(block(c, y >> 3, xx >> 3), 5);
    const params = (await optimum.run({ sample: f32(x, [1, 3, 16, 16]) })).latent_parameters!;
    expect(params.dims).toEqual([1, 8, 2, 2]);
    const pd = params.data as Float32Array;
    expect(Array.from(pd.subarray(0, 16))).toEqual(Array.from(zd));
    expect(Array.from(pd.subarray(16))).toEqual(new Array<number>(16).fill(-20));
  });

  it('the default VAE encoder samples its posterior in-graph like the real export: every run differs, around the mean', async () => {
    const [sampling, mean] = await Promise.all([open('sd15-inpaint', 'vae_encoder'), open('standin-sd-vae-mean', 'vae_encoder')]);
    expect((await readFile(path.join(dir, 'sd15-inpaint', 'vae_encoder', 'model.onnx'))).includes('RandomNormalLike')).toBe(true);
    const x = f32(
      Float32Array.from({ length: 3 * 32 * 32 }, (_, i) => Math.sin(i * 0.37)),
      [1, 3, 32, 32],
    );
    const run = async (s: ort.InferenceSession) => (await s.run({ sample: x })).latent_sample!.data as Float32Array;
    const [a, b, m] = [await run(sampling), await run(sampling), await run(mean)];
    expect(Array.from(a)).not.toEqual(Array.from(b));
    const rms = Math.sqrt(a.reduce((s, v, i) => s + (v - m[i]!) ** 2, 0) / a.length);
    expect(rms).toBeGreaterThan(0.03); // std e^(−6/2) ≈ 0.05 on unscaled latents
    expect(rms).toBeLessThan(0.08);
  });

  it("the NaN pack's UNet outputs NaN", async () => {
    const unet = await open('standin-sd-nan', 'unet');
    const sample = Float32Array.from({ length: 9 * 64 }, (_, i) => Math.cos(i));
    const out = await unet.run({
      sample: f32(sample, [1, 9, 8, 8]),
      timestep: f32([500], [1]),
      encoder_hidden_states: f32(new Float32Array(77 * 768), [1, 77, 768]),
    });
    expect(Array.from(out.out_sample!.data as Float32Array).every(Number.isNaN)).toBe(true);
  });

  it.each([
    ['standin-sd-safety', 'float32'],
    ['standin-sd-safety-fp16', 'float16'],
  ])('%s ships a safety checker with the diffusers I/O that flags red and blacks it out', async (pack, f) => {
    const checker = await open(pack, 'safety_checker');
    expect(meta(checker.inputMetadata)).toEqual([
      `clip_input:${f}[batch,channels,height,width]`,
      `images:${f}[batch,height,width,channels]`,
    ]);
    expect(meta(checker.outputMetadata)).toEqual([`out_images:${f}[batch,height,width,channels]`, 'has_nsfw_concepts:bool[batch]']);
    if (f !== 'float32') return;
    // Row 0: CLIP-normalised pure red; row 1: mid-grey. images: 2×2 NHWC of 0.5.
    const norm = (v: number, c: number) => (v - [0.48145466, 0.4578275, 0.40821073][c]!) / [0.26862954, 0.26130258, 0.27577711][c]!;
    const clip = Float32Array.from({ length: 2 * 3 * 224 * 224 }, (_, i) => {
      const [row, c] = [Math.floor(i / (3 * 224 * 224)), Math.floor(i / (224 * 224)) % 3];
      return norm(row === 0 ? (c === 0 ? 1 : 0) : 0.5, c);
    });
    const out = await checker.run({
      clip_input: f32(clip, [2, 3, 224, 224]),
      images: f32(new Float32Array(2 * 2 * 2 * 3).fill(0.5), [2, 2, 2, 3]),
    });
    expect(Array.from(out.has_nsfw_concepts!.data as Uint8Array)).toEqual([1, 0]);
    expect(Array.from(out.out_images!.data as Float32Array)).toEqual([
      ...new Array<number>(12).fill(0),
      ...new Array<number>(12).fill(0.5),
    ]);
    const config = JSON.parse(await readFile(path.join(dir, pack, 'feature_extractor', 'preprocessor_config.json'), 'utf8'));
    expect(config).toMatchObject({ size: 224, crop_size: 224, resample: 3, image_mean: [0.48145466, 0.4578275, 0.40821073] });
  });
});
