// Runs in: engine process (and the CLI). [Note: SD inpainting pipeline] diffusers' inpainting loop on
// one crop at the processing size (multiples of 64, Pitfall 12): text encoder on [negative, prompt],
// VAE-encoded masked image (and the image itself when strength < 1), then per variant: seeded noise,
// the scheduler's steps with a 9-channel UNet call each and classifier-free guidance, and the decode.
// Every run is one thin call (sd-runs.ts); cancel is checked before every step, so it takes effect
// within one UNet call. NaN, black and flat outputs are errors (health.ts), never results. With the
// optional safety checker, each decoded variant is checked and a flagged one is withheld (safety.ts).
import { AnyfillError } from '../../../src-shared/contract/errors';
import { checkFinite, checkNotBlank, type HealthContext } from './health';
import { latentPreview, type Preview } from './latent-preview';
import { fromNchw, guide, LATENT_DOWN, latentMask, maskedImage, scaled, toNchw, unetSample } from './prepare';
import { GaussianStream } from './random';
import { isFlagged } from './safety';
import { createScheduler, type SchedulerName } from './schedulers/index';
import { encodeText, unetEps, type RunDeps } from './sd-runs';
import type { SdPack } from './sd-pack';
import { decodeLatents, encodeImage } from './vae';

export interface PipelineInput {
  /** Interleaved 8-bit RGB at width × height (the processing size). */
  rgb: Uint8Array;
  /** 8-bit coverage, ≥ 128 = repaint. */
  mask: Uint8Array;
  width: number;
  height: number;
}

export interface PipelineOptions {
  promptIds: Int32Array;
  negativeIds: Int32Array;
  steps: number;
  guidance: number;
  strength: number;
  scheduler: SchedulerName;
  /** One variant per seed. */
  seeds: readonly number[];
}

export interface PipelineHooks extends RunDeps {
  /** done of total UNet calls (all variants) plus one decode per variant. */
  onStep?: (done: number, total: number, phase: string) => void;
  onPreview?: (variant: number, step: number, preview: Preview) => void;
}

export interface PipelineTimings { textMs: number; encodeMs: number; denoiseMs: number; unetMs: number; decodeMs: number; safetyMs: number; unetCalls: number }
/** images: the variants that passed; withheld: the seeds the safety checker flagged (never their pixels). */
export interface PipelineResult { images: Array<{ seed: number; rgb: Uint8Array }>; withheld: Array<{ seed: number }>; timings: PipelineTimings }

const cancelled = () => new AnyfillError('CANCELLED', 'Cancelled.');

export async function runInpaintPipeline(pack: SdPack, input: PipelineInput, opts: PipelineOptions, deps: PipelineHooks): Promise<PipelineResult> {
  const { width, height } = input;
  if (width % 64 !== 0 || height % 64 !== 0) throw new AnyfillError('INTERNAL', `SD runs at multiples of 64, not ${width}×${height}.`);
  const { models } = pack;
  const health: HealthContext = { half: pack.half, device: pack.device.name, packId: pack.packId };
  const checker = pack.safetyChecker;
  const cfg = opts.guidance > 1;
  // On CPU the guidance pair runs as two evaluations: the same work, half the peak memory (the UNet's
  // attention at 64² latents is 4096² per head), and a cancel can stop between them.
  const unetDeps = { ...deps, oneRowPerRun: deps.oneRowPerRun ?? pack.device.name === 'cpu' };
  const rows = cfg ? 2 : 1;
  const t: PipelineTimings = { textMs: 0, encodeMs: 0, denoiseMs: 0, unetMs: 0, decodeMs: 0, safetyMs: 0, unetCalls: 0 };
  const clock = () => performance.now();

  let at = clock();
  const text = await encodeText(models.textEncoder, cfg ? [opts.negativeIds, opts.promptIds] : [opts.promptIds], deps);
  checkFinite(text.data, 'latents', health);
  t.textMs = clock() - at;

  at = clock();
  const image = toNchw(input.rgb, width, height);
  const masked = await encodeImage(models.vaeEncoder, maskedImage(image, input.mask), width, height, deps);
  const imageLatents = opts.strength < 1 ? await encodeImage(models.vaeEncoder, image, width, height, deps) : null;
  const lmask = latentMask(input.mask, width, height);
  t.encodeMs = clock() - at;

  const [w, h] = [width / LATENT_DOWN, height / LATENT_DOWN];
  const plane = w * h;
  const images: PipelineResult['images'] = [];
  const withheld: PipelineResult['withheld'] = [];
  const probe = createScheduler(opts.scheduler, { steps: opts.steps, strength: opts.strength, config: pack.schedule, randn: (n) => new Float32Array(n) });
  const total = opts.seeds.length * (probe.timesteps.length + 1);
  let done = 0;
  for (const [v, seed] of opts.seeds.entries()) {
    const rng = new GaussianStream(seed);
    const sched = createScheduler(opts.scheduler, { steps: opts.steps, strength: opts.strength, config: pack.schedule, randn: (n) => rng.take(n) });
    const noise = rng.take(4 * plane);
    let x = imageLatents ? sched.addNoise(imageLatents, noise) : scaled(noise, sched.initNoiseSigma);
    at = clock();
    for (let i = 0; i < sched.timesteps.length; i++) {
      if (deps.signal?.aborted) throw cancelled();
      const sample = unetSample(x, sched.inputScale(i), lmask, masked, rows);
      const u = clock();
      const eps = await unetEps(models.unet, sample, [rows, 9, h, w], sched.timesteps[i]!, text, unetDeps);
      t.unetMs += clock() - u;
      t.unetCalls++;
      x = sched.step(cfg ? guide(eps, opts.guidance) : eps, i, x);
      checkFinite(x, 'latents', health);
      deps.onStep?.(++done, total, `Variant ${v + 1}/${opts.seeds.length}: step ${i + 1}/${sched.timesteps.length}`);
      // With a checker, nothing of a variant is shown before it has passed: no previews.
      if (deps.onPreview && !checker) deps.onPreview(v, i, latentPreview(x, w, h));
    }
    t.denoiseMs += clock() - at;
    if (deps.signal?.aborted) throw cancelled();
    at = clock();
    const decoded = await decodeLatents(models.vaeDecoder, x, width, height, deps);
    checkFinite(decoded, 'image', health);
    const rgb = fromNchw(decoded, width, height);
    checkNotBlank(rgb, input.rgb, health);
    t.decodeMs += clock() - at;
    let flagged = false;
    if (checker) {
      at = clock();
      flagged = await isFlagged(checker, decoded, rgb, width, height, deps);
      t.safetyMs += clock() - at;
    }
    deps.onStep?.(++done, total, `Variant ${v + 1}/${opts.seeds.length}: decoding`);
    if (flagged) withheld.push({ seed });
    else images.push({ seed, rgb });
  }
  return { images, withheld, timings: t };
}
