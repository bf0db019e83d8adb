// Runs in: test tooling. A VAE encoder that samples its posterior in-graph (like diffusers' real export) is
// made repeatable: its random nodes become their expected value (the posterior mean, bit-identical to the
// mean stand-in), loaded from a copy beside the untouched original, said in `models verify`, and a seed then
// gives the same bytes through the engine, for the masked-image and the init latents alike.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inpaintPixels } from '../../../src-main/engine/diffusion/inpaint-service';
import { mayHaveRandomNodes, replaceRandomNodes } from '../../../src-main/engine/models/graph-rewrite/expected-value';
import { verifyAndLoad } from '../../../src-main/engine/models/load-check';
import { GraphBuilder } from '../../../src-main/standins/graph-builder';
import { vaeEncoder } from '../../../src-main/standins/sd/vae';
import { rectMask, scene, SETTINGS, standinModels } from '../diffusion/helpers';

const image = Float32Array.from({ length: 3 * 32 * 48 }, (_, i) => Math.sin(i * 0.37));
const encode = async (model: Uint8Array) => {
  const session = await ort.InferenceSession.create(model);
  const run = async () =>
    Array.from((await session.run({ sample: new ort.Tensor('float32', image, [1, 3, 32, 48]) })).latent_sample!.data as Float32Array);
  return [await run(), await run()] as const;
};

describe('replacing random nodes by their expected value', () => {
  it('turns the sampling encoder into the posterior mean: repeatable, bit-identical to the mean encoder', async () => {
    const sampling = vaeEncoder('float32', 'sampling');
    expect(mayHaveRandomNodes(sampling)).toBe(true);
    const rewrite = replaceRandomNodes(sampling)!;
    expect(rewrite.replaced).toEqual(['RandomNormalLike']);
    expect(rewrite.kept).toEqual([]);
    expect(replaceRandomNodes(rewrite.bytes)).toBeNull(); // nothing random left
    const [a, b] = await encode(sampling);
    expect(a).not.toEqual(b);
    const [c, d] = await encode(rewrite.bytes);
    expect(c).toEqual(d);
    expect(c).toEqual((await encode(vaeEncoder('float32', 'mean')))[0]);
    const fp16 = replaceRandomNodes(vaeEncoder('float16', 'sampling'))!;
    expect(fp16.replaced).toEqual(['RandomNormalLike']);
  });

  it("gives a uniform node with a static shape its mid-range, a …Like node its input's dtype, and leaves graphs without random nodes alone", async () => {
    const g = new GraphBuilder('uniform');
    const x = g.input('x', 'float32', [2, 3]);
    g.output('y', 'float32', [2, 3], g.op('Add', [x, g.op('RandomUniform', [], { shape: [2, 3], low: 2, high: 4.5 })]));
    const rewrite = replaceRandomNodes(g.toBytes())!;
    expect(rewrite.replaced).toEqual(['RandomUniform']);
    const session = await ort.InferenceSession.create(rewrite.bytes);
    const y = (await session.run({ x: new ort.Tensor('float32', new Float32Array(6).fill(1), [2, 3]) })).y!;
    expect(Array.from(y.data as Float32Array)).toEqual(new Array<number>(6).fill(4.25));
    const h = new GraphBuilder('like-half');
    h.output('y', 'float16', [2, 2], h.op('RandomNormalLike', [h.input('x', 'float16', [2, 2])], { mean: 0.5 }));
    const half = replaceRandomNodes(h.toBytes())!; // no dtype attribute: the input's declared float16
    const out = (await (await ort.InferenceSession.create(half.bytes)).run({ x: new ort.Tensor('float16', new Uint16Array(4), [2, 2]) }))
      .y!;
    expect([out.type, Array.from(out.data as Uint16Array)]).toEqual(['float16', [0x3800, 0x3800, 0x3800, 0x3800]]);
    const mean = vaeEncoder('float32', 'mean');
    expect(mayHaveRandomNodes(mean)).toBe(false);
    expect(replaceRandomNodes(mean)).toBeNull();
  });
});

describe('an SD pack whose vae_encoder samples in-graph', () => {
  let env: Awaited<ReturnType<typeof standinModels>>;
  beforeAll(async () => (env = await standinModels((id) => id === 'sd15-inpaint' || id === 'standin-sd-vae-mean')));
  afterAll(() => env.cleanup());
  const folder = () => path.join(env.dir, 'sd15-inpaint', 'vae_encoder');
  const sha = async (file: string) =>
    createHash('sha256')
      .update(await readFile(file))
      .digest('hex');

  it('loads as a mean copy beside the untouched original, and verify says so (once, reused after)', async () => {
    const original = path.join(folder(), 'model.onnx');
    const before = await sha(original);
    const first = await verifyAndLoad(env.dir, 'sd15-inpaint', env);
    expect(first.ok, JSON.stringify(first.problems)).toBe(true);
    const encoder = first.loads!.find((l) => l.role === 'vaeEncoder')!;
    expect(encoder.file).toBe('vae_encoder/model.onnx');
    expect(encoder.applied).toEqual([
      expect.stringMatching(
        /^vae_encoder\/model\.onnx: its in-graph posterior sampling .* replaced by the posterior mean in model\.mean-[0-9a-f]{16}\.onnx .*same seed repeat byte for byte\.$/,
      ),
    ]);
    expect(first.loads!.filter((l) => l.applied).map((l) => l.role)).toEqual(['vaeEncoder']);
    expect(await sha(original)).toBe(before);
    const copies = (await readdir(folder())).filter((f) => f !== 'model.onnx');
    expect(copies).toEqual([`model.mean-${before.slice(0, 16)}.onnx`]);
    const written = (await stat(path.join(folder(), copies[0]!))).mtimeMs;
    const again = await verifyAndLoad(env.dir, 'sd15-inpaint', env);
    expect(again.loads!.find((l) => l.role === 'vaeEncoder')!.applied).toEqual(encoder.applied);
    expect((await stat(path.join(folder(), copies[0]!))).mtimeMs).toBe(written);
    const plain = await verifyAndLoad(env.dir, 'standin-sd-vae-mean', env);
    expect(plain.loads!.every((l) => l.applied === undefined)).toBe(true);
  });

  it('a seed gives the same bytes on every run, from pure noise and from the image (strength < 1)', async () => {
    const [W, H] = [96, 64];
    const run = (strength: number) =>
      inpaintPixels(
        scene(W, H),
        rectMask(W, H, { x: 40, y: 24, width: 20, height: 16 }),
        { ...SETTINGS, prompt: 'red', steps: 3, seed: 11, strength, colourMatch: true },
        { modelsDir: env.dir, pool: env.pool, queue: env.queue },
      );
    const bytes = (out: Awaited<ReturnType<typeof run>>) =>
      out.variants.map((v) => createHash('sha256').update(v.patch.rgba).digest('hex'));
    for (const strength of [1, 0.6]) expect(bytes(await run(strength))).toEqual(bytes(await run(strength)));
  });
});
