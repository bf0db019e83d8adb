// Runs in: engine process (and the CLI). Outpaint: grow the canvas, pre-fill the new area (edge stretch, or
// a blurred mirror) so the model starts from plausible colours, then repaint the new pixels window by
// window (outpaint-plan.ts); each window sees the original and what earlier windows made, and is blended
// with a feathered seam. The original's bytes are copied into the result unchanged, last. A window the
// pack's safety checker flags fails the request (a canvas with a hole is no result).
import sharp from 'sharp';
import type { Pixels } from '../images/pixels';
import { cropRgb, processingSize, resampleMask } from './crop';
import { generate, openPack, resizeRgb, type GenerateDeps, type GenerateSettings } from './inpaint-service';
import { distanceToOriginal, planOutpaint, type Extension, type OutpaintPlan } from './outpaint-plan';
import type { PipelineTimings } from './inpaint-pipeline';
import { windowMasks } from './outpaint-window';
import { outpaintWithheldError } from './safety';
import type { PromptReport } from './tokenizer/clip-tokenizer';

export type Prefill = 'stretch' | 'mirror';

export interface OutpaintOutcome {
  pixels: Pixels;
  plan: OutpaintPlan;
  seed: number;
  timings: PipelineTimings & { totalMs: number };
  promptReport: { prompt: PromptReport; negative: PromptReport };
  packId: string;
  /** An LCM pack ran it (see InpaintOutcome.lcm). */
  lcm: boolean;
  device: string;
}

export async function outpaintPixels(
  image: Pixels,
  ext: Extension,
  prefill: Prefill,
  s: GenerateSettings,
  deps: GenerateDeps,
): Promise<OutpaintOutcome> {
  const started = performance.now();
  const plan = planOutpaint(image.width, image.height, ext);
  const pack = await openPack(deps.modelsDir, s.packId, deps);
  const { width: W, height: H } = plan.canvas;
  const canvas = await prefilled(image, ext, prefill);
  const isNew = new Uint8Array(W * H).fill(255);
  for (let y = 0; y < image.height; y++)
    isNew.fill(0, (plan.offset.y + y) * W + plan.offset.x, (plan.offset.y + y) * W + plan.offset.x + image.width);
  const done = new Uint8Array(W * H);
  const timings: OutpaintOutcome['timings'] = {
    textMs: 0,
    encodeMs: 0,
    denoiseMs: 0,
    unetMs: 0,
    unetFirstMs: 0,
    decodeMs: 0,
    safetyMs: 0,
    unetCalls: 0,
    totalMs: 0,
  };
  let report: OutpaintOutcome['promptReport'] | undefined;
  const settings = { ...s, strength: 1, variants: 1 };
  for (const [k, win] of plan.windows.entries()) {
    // Own the new pixels no earlier window made; the model repaints a band beyond them (outpaint-window.ts).
    const proc = processingSize(win.width, win.height, s.side);
    const { owned, model, alpha, radius } = windowMasks(isNew, done, W, win, proc);
    if (!owned.some((v) => v)) continue;
    const rgb = await resizeRgb(cropRgb(canvas, W, 3, win), win.width, win.height, proc.width, proc.height);
    const step = (d: number, t: number, p: string) =>
      deps.onStep?.(k * t + d, plan.windows.length * t, `Window ${k + 1}/${plan.windows.length}: ${p}`);
    const run = await generate(
      pack,
      { rgb, mask: resampleMask(model, win.width, win.height, proc.width, proc.height), ...proc },
      settings,
      { ...deps, onStep: step },
    );
    report = run.report;
    for (const key of Object.keys(run.timings) as Array<keyof PipelineTimings>) timings[key] += run.timings[key];
    if (run.withheld.length > 0 || !run.images[0]) throw outpaintWithheldError();
    const back = await resizeRgb(run.images[0].rgb, proc.width, proc.height, win.width, win.height);
    for (let y = 0; y < win.height; y++)
      for (let x = 0; x < win.width; x++) {
        const i = (win.y + y) * W + win.x + x;
        if (!isNew[i]) continue; // the original is never blended into
        // Seam: fade in from the original's edge over the feather width (the pre-fill continues it).
        const seam = Math.min(1, distanceToOriginal(win.x + x, win.y + y, plan, image.width, image.height) / radius);
        const a = (alpha[y * win.width + x]! / 255) * seam;
        if (a <= 0) continue;
        for (let c = 0; c < 3; c++) canvas[i * 3 + c] = Math.round(back[(y * win.width + x) * 3 + c]! * a + canvas[i * 3 + c]! * (1 - a));
        if (owned[y * win.width + x]) done[i] = 1;
      }
  }
  timings.totalMs = performance.now() - started;
  return {
    pixels: withOriginal(canvas, image, plan),
    plan,
    seed: s.seed,
    timings,
    promptReport: report!,
    packId: pack.packId,
    device: pack.device.name,
    lcm: pack.kind === 'lcm',
  };
}

/** The grown canvas as RGB: the image with its edges stretched, or mirrored and blurred, into the new area. */
async function prefilled(image: Pixels, ext: Extension, mode: Prefill): Promise<Uint8Array> {
  const base = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } }).removeAlpha();
  const grown = await base
    .extend({ ...ext, extendWith: mode === 'stretch' ? 'copy' : 'mirror' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = grown.info;
  if (mode === 'stretch') return new Uint8Array(grown.data);
  // Mirrored detail would be copied as-is by the model: blur it to colours and shapes only.
  const sigma = Math.max(2, Math.max(ext.left, ext.right, ext.top, ext.bottom) / 8);
  const blurred = await sharp(grown.data, { raw: { width, height, channels: 3 } })
    .blur(sigma)
    .raw()
    .toBuffer();
  return new Uint8Array(blurred);
}

/** The canvas in the image's channel count, with the original's bytes copied in unchanged. */
function withOriginal(canvas: Uint8Array, image: Pixels, plan: OutpaintPlan): Pixels {
  const { width: W, height: H } = plan.canvas;
  const ch = image.channels;
  const out = Buffer.alloc(W * H * ch);
  for (let i = 0; i < W * H; i++) {
    out[i * ch] = canvas[i * 3]!;
    out[i * ch + 1] = canvas[i * 3 + 1]!;
    out[i * ch + 2] = canvas[i * 3 + 2]!;
    if (ch === 4) out[i * ch + 3] = 255;
  }
  const row = image.width * ch;
  for (let y = 0; y < image.height; y++) image.data.copy(out, ((plan.offset.y + y) * W + plan.offset.x) * ch, y * row, (y + 1) * row);
  return { data: out, width: W, height: H, channels: ch };
}
