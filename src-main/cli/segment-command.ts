// Runs in: CLI (Node). `anyfill segment --image F [--point X,Y[,LABEL]]… [--box X0,Y0,X1,Y1] [--pack ID]
// [--models DIR] --out mask.png`: select with SAM in-process, through the engine's own image pipeline
// (same format checks and EXIF orientation as the app) in a temporary session folder. Coordinates are
// image pixels as displayed; the PNG is 8-bit at the upright size, 255 inside.
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { AnyfillError } from '../../src-shared/contract/errors';
import { resolveCacheDir, resolveModelsDir } from '../common/paths';
import type { EngineContext } from '../engine/engine-context';
import { openImage } from '../engine/images/open-image';
import { SegmentService } from '../engine/segment/segment-service';
import type { PromptBox, PromptPoint } from '../engine/segment/types';
import { createSessionDir } from '../host/session-dir';

const USAGE = 'usage: anyfill segment --image F [--point X,Y[,LABEL]]… [--box X0,Y0,X1,Y1] [--pack ID] [--models DIR] --out mask.png';

export async function runSegment(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    console.error(`anyfill segment: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (args.text !== undefined) {
    console.error('anyfill segment: --text needs the detect module (Grounding DINO), which this build does not have yet.');
    return 2;
  }
  const session = await createSessionDir();
  const service = new SegmentService();
  try {
    const staged = await session.stageFile(path.basename(args.image), path.resolve(args.image));
    const { asset } = await openImage(session.root, staged.id, 256);
    const ctx: EngineContext = { sessionDir: session.root, modelsDir: resolveModelsDir(args.models), cacheDir: resolveCacheDir(), host: 'cli', emit: () => undefined };
    const r = await service.segmentFullRes(ctx, { assetId: asset.id, points: args.points, ...(args.box ? { box: args.box } : {}), ...(args.pack ? { packId: args.pack } : {}) });
    await sharp(r.mask, { raw: { width: r.width, height: r.height, channels: 1 } }).png().toFile(args.out);
    const share = ((100 * r.area) / (r.width * r.height)).toFixed(1);
    const box = r.bbox ? `, box ${r.bbox.x},${r.bbox.y} ${r.bbox.width}×${r.bbox.height}` : '';
    console.log(`${args.out}: ${r.width}×${r.height}, ${r.area} px inside (${share}%)${box}`);
    console.log(`${r.packId}: candidate ${r.index}, score ${r.score.toFixed(3)}; model ${ms(r.timings.modelMs)}, mask ${ms(r.timings.maskMs)}, total ${ms(r.timings.totalMs)} (embedding ${r.timings.embedding})`);
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

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      image: { type: 'string' },
      point: { type: 'string', multiple: true },
      box: { type: 'string' },
      text: { type: 'string' },
      pack: { type: 'string' },
      models: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values.image) throw new Error('--image is required.');
  if (!values.out) throw new Error('--out is required.');
  const points = (values.point ?? []).map(parsePoint);
  const box = values.box === undefined ? undefined : parseBox(values.box);
  if (points.length === 0 && !box && values.text === undefined) throw new Error('give at least one --point or a --box.');
  return { image: values.image, out: path.resolve(values.out), points, box, text: values.text, pack: values.pack, models: values.models };
}

function numbers(s: string, what: string, counts: number[]): number[] {
  const parts = s.split(',').map((p) => Number(p.trim()));
  if (!counts.includes(parts.length) || !parts.every(Number.isFinite)) throw new Error(`${what} "${s}" is not ${counts.map((n) => `${n} numbers`).join(' or ')}.`);
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
