// Runs in: engine process (and the CLI). [Note: SD inpainting pipeline] diffusers' inpainting loop on
// one crop at the processing size (multiples of 64, Pitfall 12): text encoder on [negative, prompt],
// VAE-encoded masked image (and the image itself when strength < 1), then per variant: seeded noise,
// the scheduler's steps with a UNet call each (denoisers.ts: 9-channel with classifier-free guidance, or
// an LCM UNet with latent blending), and the decode. Step previews go through the tiny VAE when one is
// installed (tiny-preview.ts); with `tinyVae` it also encodes and decodes.
// Every run is one thin call (sd-runs.ts); cancel is checked before every step, so it takes effect
// within one UNet call. NaN, black and flat outputs are errors (health.ts), never results. With the
// optional safety checker, each decoded variant is checked and a flagged one is withheld (safety.ts).
import { AnyfillError } from '../../../src-shared/contract/errors';
import { callWeights, type CallWeights } from './call-weights';
import { checkFinite, checkNotBlank, type HealthContext } from './health';
import { latentPreview, type Preview } from './latent-preview';
import { inpaintDenoiser, lcmDenoiser } from './denoisers';
import { lcmSettings } from './lcm-settings';
import { fromNchw, LATENT_DOWN, latentMask, maskedImage, scaled, toNchw } from './prepare';
import { GaussianStream } from './random';
import { isFlagged } from './safety';
import { createScheduler, type SchedulerName } from './schedulers/index';
import { encodeText, type RunDeps } from './sd-runs';
import type { SdPack } from './sd-pack';
import { tinyPreview } from './tiny-preview';
import { vaeRuns } from './vae';

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
  /** Encode and decode with the installed tiny VAE instead of the pack's VAE (faster, blurrier). */
  tinyVae?: boolean;
}

export interface PipelineHooks extends RunDeps {
  /** done of total units of work, each call weighted by its cost (call-weights.ts): text, encode, UNet steps, decodes. */
  onStep?: (done: number, total: number, phase: string) => void;
  /** Each call's weight in those units: this machine's measured ms when known, else published compute. */
  weights?: (width: number, height: number, rows: 1 | 2) => CallWeights;
  onPreview?: (variant: number, step: number, preview: Preview) => void;
}

/** unetFirstMs: the run's first UNet call alone (slower on fresh sessions; the estimate keeps it apart). */
export interface PipelineTimings {
  textMs: number;
  encodeMs: number;
  denoiseMs: number;
  unetMs: number;
  unetFirstMs: number;
  decodeMs: number;
  safetyMs: number;
  unetCalls: number;
}
/** images: the variants that passed; withheld: the seeds the safety checker flagged (never their pixels). */
export interface PipelineResult {
  images: Array<{ seed: number; rgb: Uint8Array }>;
  withheld: Array<{ seed: number }>;
  timings: PipelineTimings;
}

const cancelled = () => new AnyfillError('CANCELLED', 'Cancelled.');

export async function runInpaintPipeline(
  pack: SdPack,
  input: PipelineInput,
  opts: PipelineOptions,
  deps: PipelineHooks,
): Promise<PipelineResult> {
  const { width, height } = input;
  if (width % 64 !== 0 || height % 64 !== 0) throw new AnyfillError('INTERNAL', `SD runs at multiples of 64, not ${width}×${height}.`);
  const { models } = pack;
  const health: HealthContext = { half: pack.half, device: pack.device.name, packId: pack.packId };
  const checker = pack.safetyChecker;
  const lcm = pack.kind === 'lcm';
  const { steps, scheduler } = lcm ? lcmSettings(opts.steps) : opts;
  // An LCM UNet takes the guidance as an embedding: one UNet row, never a CFG pair.
  const cfg = !lcm && opts.guidance > 1;
  const rows: 1 | 2 = cfg ? 2 : 1;
  // On CPU the guidance pair runs as two evaluations: the same work, half the peak memory (the UNet's
  // attention at 64² latents is 4096² per head), and a cancel can stop between them.
  const unetDeps = { ...deps, oneRowPerRun: deps.oneRowPerRun ?? pack.device.name === 'cpu' };
  const t: PipelineTimings = { textMs: 0, encodeMs: 0, denoiseMs: 0, unetMs: 0, unetFirstMs: 0, decodeMs: 0, safetyMs: 0, unetCalls: 0 };
  const clock = () => performance.now();

  const schedule = { steps, strength: opts.strength, config: pack.schedule };
  const probe = createScheduler(scheduler, { ...schedule, randn: (n) => new Float32Array(n) });
  const wt = deps.weights?.(width, height, rows) ?? callWeights(width, height, rows);
  // LCM encodes only the image (latent blending); the 9-channel UNet needs the masked image, and the image too below strength 1.
  const encodes = lcm ? 1 : opts.strength < 1 ? 2 : 1;
  const total =
    wt.text + encodes * wt.encode + wt.firstExtra + opts.seeds.length * (probe.timesteps.length * rows * wt.unetRow + wt.decode);
  let done = 0;
  const progress = (units: number, phase: string) => deps.onStep?.((done += units), total, phase);

  let at = clock();
  const text = await encodeText(models.textEncoder, cfg ? [opts.negativeIds, opts.promptIds] : [opts.promptIds], deps);
  checkFinite(text.data, 'latents', health);
  t.textMs = clock() - at;
  progress(wt.text, 'Encoding the image');

  at = clock();
  const image = toNchw(input.rgb, width, height);
  const vae = vaeRuns(pack, opts.tinyVae, width, height, deps);
  const masked = lcm ? null : await vae.encode(maskedImage(image, input.mask));
  if (masked) progress(wt.encode, 'Encoding the image');
  const imageLatents = lcm || opts.strength < 1 ? await vae.encode(image) : null;
  if (imageLatents) progress(wt.encode, 'Encoding the image');
  const lmask = latentMask(input.mask, width, height);
  t.encodeMs = clock() - at;

  const [w, h] = [width / LATENT_DOWN, height / LATENT_DOWN];
  const plane = w * h;
  const images: PipelineResult['images'] = [];
  const withheld: PipelineResult['withheld'] = [];
  for (const [v, seed] of opts.seeds.entries()) {
    const rng = new GaussianStream(seed);
    const sched = createScheduler(scheduler, { ...schedule, randn: (n) => rng.take(n) });
    const noise = rng.take(4 * plane);
    const base = { pack, sched, text, mask: lmask, guidance: opts.guidance, size: { w, h }, deps: unetDeps };
    const denoiser = lcm ? lcmDenoiser({ ...base, image: imageLatents!, noise }) : inpaintDenoiser({ ...base, masked: masked!, cfg });
    let x = imageLatents && opts.strength < 1 ? sched.addNoise(imageLatents, noise) : scaled(noise, sched.initNoiseSigma);
    at = clock();
    for (let i = 0; i < sched.timesteps.length; i++) {
      if (deps.signal?.aborted) throw cancelled();
      const u = clock();
      const eps = await denoiser.eps(x, i);
      t.unetMs += clock() - u;
      if (t.unetCalls === 0) t.unetFirstMs = clock() - u;
      t.unetCalls++;
      x = denoiser.settle(sched.step(eps, i, x), i);
      checkFinite(x, 'latents', health);
      progress(
        rows * wt.unetRow + (t.unetCalls === 1 ? wt.firstExtra : 0),
        `Variant ${v + 1}/${opts.seeds.length}: step ${i + 1}/${sched.timesteps.length}`,
      );
      // With a checker, nothing of a variant is shown before it has passed: no previews.
      if (deps.onPreview && !checker)
        deps.onPreview(v, i, pack.tinyVae ? await tinyPreview(pack.tinyVae, x, w, h, deps) : latentPreview(x, w, h));
    }
    t.denoiseMs += clock() - at;
    if (deps.signal?.aborted) throw cancelled();
    at = clock();
    const decoded = await vae.decode(x);
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
    progress(wt.decode, `Variant ${v + 1}/${opts.seeds.length}: decoding`);
    if (flagged) withheld.push({ seed });
    else images.push({ seed, rgb });
  }
  return { images, withheld, timings: t };
}
