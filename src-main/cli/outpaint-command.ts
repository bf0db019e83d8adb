// Runs in: CLI (in-process, no engine child). `anyfill outpaint`: extend the canvas by pixels per side (or
// to an aspect ratio) and fill the new area from a prompt; the original's pixels are kept unchanged.
import path from 'node:path';
import sharp from 'sharp';
import { AnyfillError } from '../../src-shared/contract/errors';
import { resolveModelsDir } from '../common/paths';
import { extensionForAspect, type Extension } from '../engine/diffusion/outpaint-plan';
import { outpaintPixels } from '../engine/diffusion/outpaint-service';
import { InferenceQueue } from '../engine/runtime/inference-queue';
import { SessionPool } from '../engine/runtime/session-pool';
import { decodeImage } from './detect-command';
import { GENERATE_HELP, GENERATE_OPTIONS, generateSettings, progressLine, promptNotices } from './generate-args';
import { STR, commandIo, parseCommandArgs, type Out, exitWithError } from './command-args';

export const OUTPAINT_HELP = `Usage:
  anyfill outpaint --image FILE [--left PX] [--right PX] [--top PX] [--bottom PX] --prompt "…" --out FILE
  anyfill outpaint --image FILE --aspect W:H --prompt "…" --out FILE
Grows the canvas and paints the new area with Stable Diffusion inpainting, window by window.
${GENERATE_HELP}
  --prefill stretch|mirror   how the new area starts (default mirror: blurred reflection)`;

export async function runOutpaint(argv: string[], io: { stdout?: Out; stderr?: Out; signal?: AbortSignal } = {}): Promise<number> {
  const cio = commandIo('outpaint', io);
  const { stdout, stderr, fail } = cio;
  const values = parseCommandArgs(
    'outpaint',
    argv,
    { ...GENERATE_OPTIONS, left: STR, right: STR, top: STR, bottom: STR, aspect: STR, prefill: STR },
    cio,
    {
      help: OUTPAINT_HELP,
      required: ['image', 'prompt', 'out'],
      missing: 'needs --image FILE, --prompt "…", --out FILE and sides to extend.',
    },
  );
  if (typeof values === 'number') return values;
  const queue = new InferenceQueue();
  const pool = new SessionPool({ queue });
  try {
    const settings = generateSettings(values, { strength: 1, variants: 1 });
    const prefill = values.prefill ?? 'mirror';
    if (prefill !== 'mirror' && prefill !== 'stretch')
      throw new AnyfillError('BAD_REQUEST', `--prefill must be stretch or mirror (got "${prefill}").`);
    const image = await decodeImage(path.resolve(values.image));
    const ext = extension(values, image.width, image.height);
    const deps = {
      modelsDir: resolveModelsDir(values.models),
      pool,
      queue,
      onStep: progressLine(stderr),
      ...(io.signal ? { signal: io.signal } : {}),
    };
    const out = await outpaintPixels(image, ext, prefill, settings, deps);
    for (const n of promptNotices(out.promptReport)) fail(`warning: ${n}`);
    const file = path.resolve(values.out);
    await sharp(out.pixels.data, { raw: { width: out.pixels.width, height: out.pixels.height, channels: out.pixels.channels } }).toFile(
      file,
    );
    stdout.write(
      `${file}: ${out.pixels.width}×${out.pixels.height}, original at ${out.plan.offset.x},${out.plan.offset.y}; ${out.plan.windows.length} window(s), seed ${out.seed}, ${Math.round(out.timings.totalMs)} ms\n`,
    );
    return 0;
  } catch (err) {
    return exitWithError({ fail }, err);
  } finally {
    await pool.releaseAll();
  }
}

function extension(v: Partial<Record<'left' | 'right' | 'top' | 'bottom' | 'aspect', string>>, width: number, height: number): Extension {
  if (v.aspect !== undefined) {
    const m = /^(\d+(?:\.\d+)?)[:/x](\d+(?:\.\d+)?)$/.exec(v.aspect.trim());
    if (!m || Number(m[1]) <= 0 || Number(m[2]) <= 0)
      throw new AnyfillError('BAD_REQUEST', `--aspect must look like 16:9 (got "${v.aspect}").`);
    return extensionForAspect(width, height, Number(m[1]), Number(m[2]));
  }
  const side = (name: 'left' | 'right' | 'top' | 'bottom') => {
    const t = v[name];
    if (t === undefined) return 0;
    const n = Number(t);
    if (t.trim() === '' || !Number.isInteger(n) || n < 0 || n > 8192)
      throw new AnyfillError('BAD_REQUEST', `--${name} must be a whole number of pixels from 0 to 8192 (got "${t}").`);
    return n;
  };
  return { left: side('left'), right: side('right'), top: side('top'), bottom: side('bottom') };
}
