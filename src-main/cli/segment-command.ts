// Runs in: CLI (Node). `anyfill segment --image F [--point X,Y[,LABEL]]… [--box X0,Y0,X1,Y1] [--text "…"]
// [--pack ID] [--models DIR] --out mask.png`: select with SAM in-process, through the engine's own image
// pipeline (same format checks and EXIF orientation as the app) in a temporary session folder.
// Coordinates are image pixels as displayed; the PNG is 8-bit greyscale at the upright size, 255 inside.
// --text: Grounding DINO finds boxes for the phrases, SAM segments each box, the masks are united.
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { AnyfillError } from '../../src-shared/contract/errors';
import type { AssetId } from '../../src-shared/document/ids';
import { resolveModelsDir } from '../common/paths';
import { detect } from '../engine/detect/detect';
import type { EngineContext } from '../engine/engine-context';
import { openImage } from '../engine/images/open-image';
import type { PromptBox, PromptPoint } from '../engine/segment/types';
import { standaloneContext } from '../engine/standalone-context';
import { createSessionDir } from '../host/session-dir';
import { largeHint } from './command-args';

const USAGE =
  'usage: anyfill segment --image F (--point X,Y[,LABEL]… [--box X0,Y0,X1,Y1] | --text "…") [--pack ID] [--models DIR] [--allow-large] --out mask.png';
type Args = ReturnType<typeof parse>;

export async function runSegment(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parse(argv);
  } catch (err) {
    console.error(`anyfill segment: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const session = await createSessionDir();
  const ctx = standaloneContext(session.root, resolveModelsDir(args.models));
  const service = ctx.services.segment;
  try {
    const staged = await session.stageFile(path.basename(args.image), path.resolve(args.image));
    const { asset } = await openImage(ctx.services.assets, staged.id, 256, {
      name: path.basename(args.image),
      allowLarge: args.allowLarge,
    }).catch((err: unknown) => Promise.reject(largeHint(err)));
    const mask = new Uint8Array(asset.width * asset.height);
    for (const prompt of await prompts(ctx, asset.id, args)) {
      const r = await service.segmentFullRes(ctx, { assetId: asset.id, ...prompt, ...(args.pack ? { packId: args.pack } : {}) });
      for (let i = 0; i < mask.length; i++) if (r.mask[i]) mask[i] = 255;
      const t = r.timings;
      console.log(
        `${r.packId}: candidate ${r.index}, score ${r.score.toFixed(3)}, ${r.area} px; model ${ms(t.modelMs)}, mask ${ms(t.maskMs)}, total ${ms(t.totalMs)} (embedding ${t.embedding})`,
      );
    }
    await sharp(mask, { raw: { width: asset.width, height: asset.height, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toFile(args.out);
    const inside = mask.reduce((n, v) => n + (v ? 1 : 0), 0);
    console.log(`${args.out}: ${asset.width}×${asset.height}, ${inside} px inside (${((100 * inside) / mask.length).toFixed(1)}%)`);
    return 0;
  } catch (err) {
    if (!(err instanceof AnyfillError)) throw err;
    console.error(`anyfill segment: ${err.message}`);
    return 1;
  } finally {
    await service.flush();
    await session.dispose();
  }
}

/** The SAM prompts to run: the clicks and box as given, or one box per text detection. */
async function prompts(ctx: EngineContext, assetId: AssetId, args: Args): Promise<Array<{ points: PromptPoint[]; box?: PromptBox }>> {
  if (args.text === undefined) return [{ points: args.points, ...(args.box ? { box: args.box } : {}) }];
  const found = await detect(ctx, { assetId, text: args.text });
  for (const n of found.notices) console.error(`anyfill segment: ${n}`);
  for (const d of found.detections)
    console.log(
      `#${d.index} ${d.label} ${d.score.toFixed(3)} [${[d.box.x0, d.box.y0, d.box.x1, d.box.y1].map(Math.round).join(', ')}] (${found.packId})`,
    );
  if (found.detections.length === 0) console.log(`Nothing found for "${args.text}": the mask is empty.`);
  return found.detections.map((d) => ({ points: [], box: d.box }));
}

function parse(argv: string[]) {
  const str = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv,
    options: {
      image: str,
      point: { type: 'string', multiple: true },
      box: str,
      text: str,
      pack: str,
      models: str,
      out: str,
      'allow-large': { type: 'boolean' },
    },
  });
  if (!values.image) throw new Error('--image is required.');
  if (!values.out) throw new Error('--out is required.');
  const points = (values.point ?? []).map(parsePoint);
  const box = values.box === undefined ? undefined : parseBox(values.box);
  if (values.text !== undefined && (points.length > 0 || box)) throw new Error('use either --text or --point/--box, not both.');
  if (points.length === 0 && !box && values.text === undefined) throw new Error('give at least one --point, a --box or --text.');
  return {
    image: values.image,
    out: path.resolve(values.out),
    points,
    box,
    text: values.text,
    pack: values.pack,
    models: values.models,
    allowLarge: values['allow-large'] ?? false,
  };
}

function numbers(s: string, what: string, counts: number[]): number[] {
  const parts = s.split(',').map((p) => Number(p.trim()));
  if (!counts.includes(parts.length) || !parts.every(Number.isFinite))
    throw new Error(`${what} "${s}" is not ${counts.map((n) => `${n} numbers`).join(' or ')}.`);
  return parts;
}

function parsePoint(s: string): PromptPoint {
  const [x, y, label = 1] = numbers(s, '--point', [2, 3]) as [number, number, number?];
  if (label !== 0 && label !== 1) throw new Error(`--point "${s}": the label is 1 (include) or 0 (exclude).`);
  return { x, y, label };
}

function parseBox(s: string): PromptBox {
  const [x0, y0, x1, y1] = numbers(s, '--box', [4]) as [number, number, number, number];
  return { x0, y0, x1, y1 };
}

const ms = (v: number) => `${Math.round(v)} ms`;
