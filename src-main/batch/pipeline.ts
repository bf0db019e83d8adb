// Runs in: CLI (Node). One image of `anyfill run`: open it through the engine's image pipeline, find the
// --select boxes (Grounding DINO), segment each with SAM and unite the masks, then remove or replace what
// they cover (action.ts). Writes <name>/boxes.json, mask.png and result.png; returns the report entry.
// A failure of this image becomes a 'failed' entry; only a cancel (Ctrl+C) goes up to stop the batch.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AnyfillError } from '../../src-shared/contract/errors';
import type { Mask } from '../../src-shared/masks';
import { detect } from '../engine/detect/detect';
import type { EngineContext } from '../engine/engine-context';
import { openImage } from '../engine/images/open-image';
import type { AssetId } from '../../src-shared/document/ids';
import type { SessionDir } from '../host/session-dir';
import { applyAction, type ActionDeps } from './action';
import type { PlannedImage, Packs } from './plan';
import type { BatchSettings, ImageEntry } from './report';

export type Phase = 'decode' | 'detect' | 'segment' | 'fill' | 'write';

export interface PipelineDeps extends ActionDeps {
  session: SessionDir;
  /** Its services: the asset store, SAM and the runtime this batch's models run in. */
  ctx: EngineContext;
  packs: Packs;
  outDir: string;
  settings: BatchSettings;
  onPhase(phase: Phase): void;
}

export async function processImage(img: PlannedImage, sha: string | null, deps: PipelineDeps): Promise<ImageEntry> {
  const { settings: s, signal } = deps;
  const started = performance.now();
  const timings = { detect: 0, segment: 0, fill: 0, total: 0 };
  const entry: ImageEntry = {
    input: img.input,
    inputSha256: sha,
    status: 'failed',
    settings: s,
    detections: [],
    outputs: {},
    method: null,
    prompt: s.prompt,
    seed: s.seed,
    flagged: false,
    timings,
    finishedAt: '',
  };
  const finish = (status: ImageEntry['status']) => ({
    ...entry,
    status,
    timings: { ...timings, total: ms(started) },
    finishedAt: new Date().toISOString(),
  });
  // A step starts only while no cancel is pending: Ctrl+C stops after the step under way.
  const step = <T>(phase: Phase, run: () => Promise<T>): Promise<T> => {
    if (signal?.aborted) throw new AnyfillError('CANCELLED', 'The batch was interrupted.');
    deps.onPhase(phase);
    return run();
  };
  const dir = path.join(deps.outDir, img.name);
  const rel = (f: string) => path.posix.join(img.name, f);
  let assetId: AssetId | undefined;
  const { assets, segment } = deps.ctx.services;
  try {
    if (sha === null) throw new AnyfillError('IO', `Cannot read ${img.file}.`);
    // Outputs of an earlier run of this image would no longer match its report entry.
    await rm(dir, { recursive: true, force: true });
    const pixels = await step('decode', async () => {
      const staged = await deps.session.stageFile(img.input, img.file);
      assetId = (await openImage(assets, staged.id, 256, { name: img.input })).asset.id;
      return (await assets.ensureDecoded(assetId)).pixels;
    });
    const id = assetId!;
    let t = performance.now();
    const found = await step('detect', () => detect(deps.ctx, { assetId: id, text: s.select, packId: deps.packs.gdino.packId }));
    timings.detect = ms(t);
    entry.detections = found.detections.map((d) => ({ label: d.label, score: d.score, box: [d.box.x0, d.box.y0, d.box.x1, d.box.y1] }));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'boxes.json'), `${JSON.stringify(entry.detections, null, 2)}\n`);
    entry.outputs.boxes = rel('boxes.json');
    if (found.detections.length === 0) return finish('no-detections');

    t = performance.now();
    const mask: Mask = { width: pixels.width, height: pixels.height, data: new Uint8Array(pixels.width * pixels.height) };
    for (const d of found.detections) {
      const r = await step('segment', () =>
        segment.segmentFullRes(deps.ctx, { assetId: id, points: [], box: d.box, packId: deps.packs.sam.packId }),
      );
      for (let i = 0; i < mask.data.length; i++) if (r.mask[i]) mask.data[i] = 255;
    }
    timings.segment = ms(t);
    await sharp(mask.data, { raw: { width: mask.width, height: mask.height, channels: 1 } })
      .toColourspace('b-w')
      .png()
      .toFile(path.join(dir, 'mask.png'));
    entry.outputs.mask = rel('mask.png');
    if (!mask.data.includes(255)) return finish('no-detections');

    t = performance.now();
    const out = await step('fill', () => applyAction(pixels, mask, s, deps.packs, deps));
    timings.fill = ms(t);
    entry.method = out.method;
    entry.flagged = out.flagged;
    if (!out.pixels) throw new AnyfillError('BAD_REQUEST', out.message ?? 'Nothing was generated.', 'safety checker');
    await step('write', () =>
      sharp(out.pixels!, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } })
        .png()
        .toFile(path.join(dir, 'result.png')),
    );
    entry.outputs.result = rel('result.png');
    return finish('done');
  } catch (err) {
    if (err instanceof AnyfillError && err.code === 'CANCELLED') throw err;
    const code = entry.flagged ? 'FLAGGED' : err instanceof AnyfillError ? err.code : 'INTERNAL';
    return { ...finish('failed'), error: { code, message: err instanceof Error ? err.message : String(err) } };
  } finally {
    if (assetId) assets.forget(assetId);
  }
}

const ms = (since: number) => Math.round(performance.now() - since);
