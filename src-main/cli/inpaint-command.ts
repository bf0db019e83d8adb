// Runs in: CLI (in-process, no engine child). `anyfill inpaint`: generative fill of a mask image from a
// prompt with the installed SD inpainting pack, through the engine's own pipeline; writes the image with
// the fill composited (pixels outside the feathered mask edge unchanged), one file per variant. Variants
// the pack's safety checker withholds are named and not written (their suffixes stay those of their seeds).
import path from 'node:path';
import sharp from 'sharp';
import type { Mask } from '../../src-shared/masks';
import { resolveModelsDir } from '../common/paths';
import { inpaintPixels } from '../engine/diffusion/inpaint-service';
import { pastePatch } from '../engine/images/paste-patch';
import type { Pixels } from '../engine/images/pixels';
import { InferenceQueue } from '../engine/runtime/inference-queue';
import { SessionPool } from '../engine/runtime/session-pool';
import { decodeImage } from './detect-command';
import { GENERATE_HELP, GENERATE_OPTIONS, generateSettings, progressLine, promptNotices, variantPath } from './generate-args';
import { STR, commandIo, parseCommandArgs, type Out, exitWithError } from './command-args';

export const INPAINT_HELP = `Usage:
  anyfill inpaint --image FILE --mask MASK.png --prompt "…" --out FILE [options]
Repaints where MASK is white (same size as the image) with Stable Diffusion inpainting. Only a crop around
the mask is processed; every pixel outside the feathered mask edge is written unchanged.
${GENERATE_HELP}
  --strength X          0.01..1: how much of what is under the mask to keep (default 1: none)
  --variants N          1..8 results; FILE gets -1, -2, … suffixes (default 1)
  --no-colour-match     keep the model's colours (default: match the surroundings)`;

export async function runInpaint(argv: string[], io: { stdout?: Out; stderr?: Out; signal?: AbortSignal } = {}): Promise<number> {
  const cio = commandIo('inpaint', io);
  const { stdout, stderr, fail } = cio;
  const values = parseCommandArgs('inpaint', argv, { ...GENERATE_OPTIONS, mask: STR }, cio, {
    help: INPAINT_HELP,
    required: ['image', 'mask', 'prompt', 'out'],
    missing: 'needs --image FILE, --mask FILE, --prompt "…" and --out FILE.',
  });
  if (typeof values === 'number') return values;
  const queue = new InferenceQueue();
  const pool = new SessionPool({ queue });
  try {
    const settings = generateSettings(values, { strength: 1, variants: 1 });
    const image = await decodeImage(path.resolve(values.image));
    const mask = toMask(await decodeImage(path.resolve(values.mask)));
    const deps = {
      modelsDir: resolveModelsDir(values.models),
      pool,
      queue,
      onStep: progressLine(stderr),
      ...(io.signal ? { signal: io.signal } : {}),
    };
    const out = await inpaintPixels(image, mask, settings, deps);
    for (const n of promptNotices(out.promptReport)) fail(`warning: ${n}`);
    // Suffix by position among the seeds asked for, so a withheld variant leaves its number unused.
    const index = (seed: number) => (seed - settings.seed + 0x100000000) % 0x100000000;
    for (const v of out.variants) {
      const file = path.resolve(variantPath(values.out, index(v.seed), settings.variants));
      await sharp(pastePatch(image, v.patch), { raw: { width: image.width, height: image.height, channels: image.channels } }).toFile(file);
      stdout.write(`${file}: seed ${v.seed}\n`);
    }
    for (const w of out.withheld)
      stdout.write(
        `${path.resolve(variantPath(values.out, index(w.seed), settings.variants))}: seed ${w.seed} withheld by the safety checker (not written)\n`,
      );
    if (out.message) fail(`note: ${out.message}`);
    const { crop, processing } = out.plan;
    stdout.write(
      `crop ${crop.width}×${crop.height} at ${crop.x},${crop.y} → ${processing.width}×${processing.height}; ${out.packId} on ${out.device.toUpperCase()}, ${Math.round(out.timings.totalMs)} ms\n`,
    );
    return 0;
  } catch (err) {
    return exitWithError({ fail }, err);
  } finally {
    await pool.releaseAll();
  }
}

/** A mask file as 8-bit coverage: the mean of its colour channels (white = repaint). */
function toMask(p: Pixels): Mask {
  const data = new Uint8Array(p.width * p.height);
  for (let i = 0; i < data.length; i++)
    data[i] = Math.round((p.data[i * p.channels]! + p.data[i * p.channels + 1]! + p.data[i * p.channels + 2]!) / 3);
  return { width: p.width, height: p.height, data };
}
