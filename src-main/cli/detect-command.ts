// Runs in: CLI (in-process, no engine child). `anyfill detect`: text prompt → boxes JSON, with the engine's
// own image pipeline (sniff, pixel cap, EXIF orientation) and the same detection code the app uses.
import { open, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AnyfillError } from '../../src-shared/contract/errors';
import { resolveModelsDir } from '../common/paths';
import { detectPixels } from '../engine/detect/detect';
import { decodeFile, probeFile } from '../engine/images/decode';
import { errnoCode } from '../engine/images/errors';
import { MAX_FILE_BYTES, SNIFF_BYTES, formatBytes } from '../engine/images/limits';
import type { Pixels } from '../engine/images/pixels';
import { sniffFormat } from '../engine/images/sniff';
import { InferenceQueue } from '../engine/runtime/inference-queue';
import { SessionPool } from '../engine/runtime/session-pool';
import { STR, commandIo, parseCommandArgs, type Out, exitWithError } from './command-args';

export const DETECT_HELP = `Usage:
  anyfill detect --image FILE --text "red car. tree" --out boxes.json
                 [--pack ID] [--box-threshold 0.35] [--text-threshold 0.25] [--models DIR]
Finds what the text names (phrases separated by ".") with the installed Grounding DINO pack and writes
[{"label", "score", "box": [x0, y0, x1, y1]}] in the pixels of the image as displayed (after EXIF
orientation), best score first.`;

export async function runDetect(argv: string[], io: { stdout?: Out; stderr?: Out } = {}): Promise<number> {
  const cio = commandIo('detect', io);
  const { stdout, fail } = cio;
  const values = parseCommandArgs(
    'detect',
    argv,
    { image: STR, text: STR, out: STR, pack: STR, models: STR, 'box-threshold': STR, 'text-threshold': STR },
    cio,
    { help: DETECT_HELP, required: ['image', 'text', 'out'], missing: 'needs --image FILE, --text "…" and --out FILE.' },
  );
  if (typeof values === 'number') return values;
  const queue = new InferenceQueue();
  const pool = new SessionPool({ queue });
  try {
    const thresholds = { boxThreshold: number(values['box-threshold'], 'box'), textThreshold: number(values['text-threshold'], 'text') };
    const pixels = await decodeImage(path.resolve(values.image));
    const req = { text: values.text, ...(values.pack ? { packId: values.pack } : {}), ...thresholds };
    const result = await detectPixels(pixels, req, { modelsDir: resolveModelsDir(values.models), pool, queue });
    const boxes = result.detections.map((d) => ({ label: d.label, score: d.score, box: [d.box.x0, d.box.y0, d.box.x1, d.box.y1] }));
    // One detection per line: readable, and still plain JSON.
    await writeFile(path.resolve(values.out), boxes.length ? `[\n${boxes.map((b) => `  ${JSON.stringify(b)}`).join(',\n')}\n]\n` : '[]\n');
    for (const n of result.notices) fail(n);
    for (const d of result.detections)
      stdout.write(`#${d.index} ${d.label} ${d.score.toFixed(3)} [${boxes[d.index - 1]!.box.map((v) => Math.round(v)).join(', ')}]\n`);
    stdout.write(
      `${boxes.length} box${boxes.length === 1 ? '' : 'es'} → ${values.out} (${result.packId}, ${result.device.name.toUpperCase()}, ${result.ms} ms)\n`,
    );
    return 0;
  } catch (err) {
    return exitWithError({ fail }, err);
  } finally {
    await pool.releaseAll();
  }
}

function number(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v))
    throw new AnyfillError('BAD_REQUEST', `--${what}-threshold must be a number from 0 to 1 (got "${text}").`);
  return v;
}

/** Upright 8-bit pixels of an image file, refused the way image.open refuses (size, format, pixel cap). */
export async function decodeImage(file: string): Promise<Pixels> {
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : -1),
    (err: unknown) => {
      throw new AnyfillError(errnoCode(err) === 'ENOENT' ? 'NOT_FOUND' : 'IO', `Cannot read ${file} (${errnoCode(err) ?? String(err)}).`);
    },
  );
  if (size < 0) throw new AnyfillError('NOT_FOUND', `${file} is not a file.`);
  if (size > MAX_FILE_BYTES)
    throw new AnyfillError('TOO_LARGE', `The file is ${formatBytes(size)}; Anyfill opens files up to ${formatBytes(MAX_FILE_BYTES)}.`);
  const handle = await open(file, 'r');
  const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const format = sniffFormat(head);
  await probeFile(file, format); // HEIC and the pixel cap, before any pixel is decoded
  return decodeFile(file, format);
}
