// Runs in: CLI (in-process, no engine child). `anyfill run`: the batch — every image in a folder gets
// its --select boxes, a mask and the removed/replaced result, with report.json beside them (batch/).
// Progress on stderr, a summary on stdout; exit 0 when nothing failed, 1 when some image failed, 2 for
// usage errors, 130 after Ctrl+C (the report stays valid and the next run resumes).
import { batchTimeLeft, leftWords, type BatchPace } from '../batch/time-left';
import path from 'node:path';
import { AnyfillError } from '../../src-shared/contract/errors';
import { resolveModelsDir } from '../common/paths';
import { runBatch, type BatchEvent } from '../batch/run-batch';
import { STR, commandIo, parseCommandArgs, type Out } from './command-args';
import { generateSettings } from './generate-args';

export const RUN_HELP = `Usage:
  anyfill run --images DIR --select "text" --action remove|replace [--prompt "…"] --out DIR [options]
For each image in DIR (jpg, png, webp, tif, bmp, gif; by name): Grounding DINO finds what --select names,
SAM segments each box and the masks are united; then remove (the removal setup with an SD inpainting pack,
else content-aware fill) or replace (generative fill from --prompt). Writes OUT/<name>/boxes.json,
mask.png (8-bit) and result.png (pixels outside the blend region unchanged), and OUT/report.json after
every image. Running again skips images already finished with the same file and options.
  --seed N              0..4294967295 (default 0)
  --steps N             denoising steps, 1..150 (default 25)
  --size N              longer processing side, a multiple of 64 (default 512)
  --pack ID             an installed SD inpainting pack (default: the catalog's)
  --models DIR          models folder`;

export interface RunIo {
  stdout?: Out;
  stderr?: Out;
  signal?: AbortSignal;
  onEvent?: (e: BatchEvent) => void;
  tty?: boolean;
}

export async function runRun(argv: string[], io: RunIo = {}): Promise<number> {
  const cio = commandIo('run', io);
  const { stdout, stderr, fail } = cio;
  const options = {
    images: STR,
    select: STR,
    action: STR,
    prompt: STR,
    seed: STR,
    steps: STR,
    size: STR,
    pack: STR,
    models: STR,
    out: STR,
  };
  const v = parseCommandArgs('run', argv, options, cio, {
    help: RUN_HELP,
    required: ['images', 'select', 'action', 'out'],
    missing: 'needs --images DIR, --select "…", --action remove|replace and --out DIR.',
  });
  if (typeof v === 'number') return v;
  let settings;
  try {
    if (v.action !== 'remove' && v.action !== 'replace')
      throw new AnyfillError('BAD_REQUEST', `--action must be remove or replace (got "${v.action}").`);
    if (v.action === 'replace' && !v.prompt?.trim())
      throw new AnyfillError('BAD_REQUEST', '--action replace needs --prompt "…" (what to paint instead).');
    if (!v.select.trim()) throw new AnyfillError('BAD_REQUEST', '--select must name what to find ("red car. tree").');
    const g = generateSettings(v, { strength: 1, variants: 1 });
    settings = {
      select: v.select,
      action: v.action,
      prompt: v.action === 'replace' ? v.prompt!.trim() : null,
      seed: g.seed,
      steps: g.steps,
      size: g.side ?? 512,
    } as const;
  } catch (err) {
    fail(`${(err as Error).message} Run "anyfill run --help".`);
    return 2;
  }
  const show = progress(stderr, io.tty ?? process.stderr.isTTY === true);
  try {
    const opts = {
      imagesDir: path.resolve(v.images),
      outDir: path.resolve(v.out),
      modelsDir: resolveModelsDir(v.models),
      settings,
      ...(v.pack ? { sdPackId: v.pack } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    };
    const { report, interrupted } = await runBatch(opts, (e) => {
      show(e);
      io.onEvent?.(e);
    });
    const count = (s: string) => report.images.filter((e) => e.status === s).length;
    stdout.write(
      `${count('done')} done, ${count('skipped')} skipped, ${count('failed')} failed, ${count('no-detections')} with no detections → ${path.join(opts.outDir, 'report.json')}\n`,
    );
    if (interrupted) {
      fail('interrupted: the report lists what was finished; run the same command again to go on.');
      return 130;
    }
    return count('failed') > 0 ? 1 : 0;
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

/** A terminal gets one rewritten line (image i/N, name, phase); a log gets one line per image. */
function progress(stderr: Out, tty: boolean, now = () => performance.now()): (e: BatchEvent) => void {
  let pace: BatchPace | undefined; // this run's processed images, for the time left (batch/time-left.ts)
  return (e) => {
    if (e.type === 'start') {
      for (const f of e.ignored) stderr.write(`anyfill run: ${f}: not an image file (by its extension), left alone\n`);
      stderr.write(
        `anyfill run: ${e.total} image${e.total === 1 ? '' : 's'}; ${e.method === 'inpaint' ? 'generative fill' : e.method === 'migan' ? 'MI-GAN eraser' : e.method === 'lama' ? 'LaMa eraser' : 'content-aware fill (no SD inpainting pack installed)'}\n`,
      );
    } else if (e.type === 'phase') {
      pace ??= { firstStart: now(), lastEnd: now(), processed: 0 };
      const left = batchTimeLeft(pace, e.total - e.index + 1, now());
      if (tty) stderr.write(`\r[${e.index}/${e.total}] ${e.input}: ${e.phase}…${left === undefined ? '' : ` (${leftWords(left)})`}\x1b[K`);
    } else {
      const { entry: x } = e;
      if (pace && x.status !== 'skipped') pace = { ...pace, lastEnd: now(), processed: pace.processed + 1 };
      const what =
        x.status === 'failed'
          ? `failed: ${x.error?.message ?? ''}`
          : x.status === 'skipped'
            ? 'skipped (finished before, unchanged)'
            : x.status === 'no-detections'
              ? 'nothing found'
              : `done (${x.detections.length} found, ${x.method}, ${x.timings.total} ms)`;
      stderr.write(`${tty ? '\r' : ''}[${e.index}/${e.total}] ${x.input}: ${what}${tty ? '\x1b[K' : ''}\n`);
    }
  };
}
