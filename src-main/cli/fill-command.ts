// Runs in: CLI (Node). `anyfill fill --image F --mask M [--method migan|lama|patchmatch|telea|auto] [--seed N]
// [--models DIR] --out F`: content-aware fill of the mask's pixels (MI-GAN, LaMa through ONNX Runtime; PatchMatch
// and Telea in the fill worker thread; auto = the best installed: erase/remove-fill.ts), through the engine's own image
// pipeline (format checks, EXIF orientation) for both files. The mask is read upright like the image:
// its alpha where it has a non-opaque alpha channel, else its first channel; >= 128 means "fill".
// Writes PNG, or JPEG / WebP by the output's extension; progress goes to stderr, the summary to stdout.
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { AnyfillError } from '../../src-shared/contract/errors';
import type { AssetId } from '../../src-shared/document/ids';
import type { AssetStore } from '../engine/images/asset-store';
import { openImage } from '../engine/images/open-image';
import type { Pixels } from '../engine/images/pixels';
import { removeFill, type RequestedMethod } from '../engine/erase';
import { resolveModelsDir } from '../common/paths';
import { createEngineServices } from '../engine/services';
import { pastePatch } from '../engine/images/paste-patch';
import type { FillProgress } from '../engine/fill/types';
import { createSessionDir, type SessionDir } from '../host/session-dir';
import { largeHint } from './command-args';

const USAGE =
  'usage: anyfill fill --image F --mask M [--method migan|lama|patchmatch|telea|auto] [--seed N] [--models DIR] [--allow-large] --out F (.png, .jpg or .webp)';
const METHODS: readonly RequestedMethod[] = ['migan', 'lama', 'patchmatch', 'telea', 'auto'];
const FORMATS = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp' } as const;

export async function runFillCommand(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    console.error(`anyfill fill: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const session = await createSessionDir();
  const opened: AssetId[] = [];
  const { assets, runtime } = createEngineServices(session.root);
  const { sessionPool: pool, inferenceQueue: queue } = runtime;
  try {
    const image = await load(session, assets, args.image, opened, args.allowLarge);
    const maskPixels = await load(session, assets, args.mask, opened, args.allowLarge);
    if (maskPixels.width !== image.width || maskPixels.height !== image.height) {
      throw new AnyfillError(
        'BAD_REQUEST',
        `The mask is ${maskPixels.width}×${maskPixels.height} but the image is ${image.width}×${image.height} (upright, after EXIF orientation); they must be the same size.`,
      );
    }
    const fillImage = { data: image.data, width: image.width, height: image.height, channels: image.channels };
    const deps = { modelsDir: resolveModelsDir(args.models), pool, queue, onProgress: progressPrinter() };
    const { result, packId } = await removeFill({ image: fillImage, mask: maskOf(maskPixels), method: args.method, seed: args.seed }, deps);
    const out = pastePatch(fillImage, result);
    const encoder = sharp(out, { raw: { width: image.width, height: image.height, channels: image.channels } });
    await (
      args.format === 'png' ? encoder.png() : args.format === 'jpeg' ? encoder.jpeg({ quality: 95 }) : encoder.webp({ quality: 95 })
    ).toFile(args.out);
    console.log(
      `${result.method}${packId ? ` (${packId})` : ''}: filled ${result.width}×${result.height} at ${result.x},${result.y} in ${result.ms} ms → ${args.out}`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof AnyfillError)) throw err;
    console.error(`anyfill fill: ${err.message}`);
    return 1;
  } finally {
    for (const id of opened) assets.forget(id);
    await pool.releaseAll();
    await session.dispose();
  }
}

async function load(session: SessionDir, assets: AssetStore, file: string, opened: AssetId[], allowLarge: boolean): Promise<Pixels> {
  const staged = await session.stageFile(path.basename(file), path.resolve(file));
  const { asset } = await openImage(assets, staged.id, 256, { name: path.basename(file), allowLarge }).catch((err: unknown) =>
    Promise.reject(largeHint(err)),
  );
  opened.push(asset.id);
  return (await assets.ensureDecoded(asset.id)).pixels;
}

/** Coverage per pixel: alpha when the mask has transparency, else the first channel. */
function maskOf(p: Pixels): Uint8Array {
  const n = p.width * p.height,
    C = p.channels,
    out = new Uint8Array(n);
  let useAlpha = false;
  if (C === 4) for (let i = 0; i < n && !useAlpha; i++) useAlpha = p.data[i * 4 + 3]! < 255;
  const k = useAlpha ? 3 : 0;
  for (let i = 0; i < n; i++) out[i] = p.data[i * C + k]!;
  return out;
}

/** A rewritten percent line on a terminal; otherwise a line every 25 %. */
function progressPrinter(): (p: FillProgress) => void {
  const tty = process.stderr.isTTY;
  let last = -1;
  return (p) => {
    const pct = Math.floor((100 * p.done) / Math.max(1, p.total));
    if (tty) {
      if (pct !== last) process.stderr.write(`\rfill: ${pct}% ${p.phase}\x1b[K${pct >= 100 ? '\n' : ''}`);
    } else if (Math.floor(pct / 25) !== Math.floor(last / 25)) {
      process.stderr.write(`fill: ${pct}% ${p.phase}\n`);
    }
    last = pct;
  };
}

function parse(argv: string[]) {
  const str = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv,
    options: { image: str, mask: str, method: str, seed: str, out: str, models: str, 'allow-large': { type: 'boolean' } },
  });
  if (!values.image) throw new Error('--image is required.');
  if (!values.mask) throw new Error('--mask is required.');
  if (!values.out) throw new Error('--out is required.');
  const method = (values.method ?? 'patchmatch') as RequestedMethod;
  if (!METHODS.includes(method)) throw new Error(`--method "${values.method}" is not ${METHODS.join(', ')}.`);
  const seed = values.seed === undefined ? 0 : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed "${values.seed}" is not an integer.`);
  const ext = path.extname(values.out).toLowerCase();
  const format = FORMATS[ext as keyof typeof FORMATS];
  if (!format) throw new Error(`--out "${values.out}": use a .png, .jpg or .webp file name.`);
  return {
    image: values.image,
    mask: values.mask,
    out: path.resolve(values.out),
    method,
    seed,
    format,
    models: values.models,
    allowLarge: values['allow-large'] ?? false,
  };
}
