// Runs in: CLI (Node). The batch loop of `anyfill run`: plan, then each image in name order (reusing a
// finished entry of the previous report when nothing relevant changed), writing report.json after every
// image. A cancel stops before the next step; entries of images not reached this time are kept from the
// previous report, so the next run picks up exactly where this one stopped.
import { mkdir } from 'node:fs/promises';
import { AnyfillError } from '../../src-shared/contract/errors';
import { standaloneContext } from '../engine/standalone-context';
import { createSessionDir } from '../host/session-dir';
import { processImage, type Phase } from './pipeline';
import { eraserMethod } from '../engine/erase/eraser-pack';
import { findPacks, listImages, modelRefs, reusable, sha256File } from './plan';
import { readReport, REPORT_VERSION, writeReport, type BatchReport, type BatchSettings, type ImageEntry } from './report';

export interface BatchOptions {
  imagesDir: string;
  outDir: string;
  modelsDir: string;
  settings: Omit<BatchSettings, 'method'>;
  /** An SD pack other than the default one. */
  sdPackId?: string;
  signal?: AbortSignal;
}

export type BatchEvent =
  | { type: 'start'; total: number; ignored: string[]; method: BatchSettings['method'] }
  | { type: 'phase'; index: number; total: number; input: string; phase: Phase }
  | { type: 'image'; index: number; total: number; entry: ImageEntry };

export async function runBatch(
  o: BatchOptions,
  onEvent: (e: BatchEvent) => void = () => undefined,
): Promise<{ report: BatchReport; interrupted: boolean }> {
  const { images, ignored } = await listImages(o.imagesDir);
  const packs = await findPacks(o.modelsDir, o.settings.action, o.sdPackId);
  const settings: BatchSettings = {
    ...o.settings,
    method: packs.eraser ? eraserMethod(packs.eraser) : packs.sd ? 'inpaint' : 'content-aware-fill',
  };
  await mkdir(o.outDir, { recursive: true });
  const previous = new Map((await readReport(o.outDir))?.images.map((e) => [e.input, e]) ?? []);
  const args = {
    images: o.imagesDir,
    out: o.outDir,
    models: o.modelsDir,
    select: settings.select,
    action: settings.action,
    prompt: settings.prompt,
    seed: settings.seed,
    steps: settings.steps,
    size: settings.size,
  };
  const report: BatchReport = {
    version: REPORT_VERSION,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    interrupted: false,
    args,
    models: modelRefs(packs),
    ignored,
    images: [],
  };
  const entries = new Map<string, ImageEntry>();
  // In name order: this run's entries, else what the previous report said about the image.
  const save = () =>
    writeReport(o.outDir, { ...report, images: images.flatMap((img) => entries.get(img.input) ?? previous.get(img.input) ?? []) });
  onEvent({ type: 'start', total: images.length, ignored, method: settings.method });
  await save();

  const session = await createSessionDir();
  const ctx = standaloneContext(session.root, o.modelsDir);
  const { segment, runtime } = ctx.services;
  const pool = runtime.sessionPool;
  const deps = {
    session,
    ctx,
    packs,
    outDir: o.outDir,
    settings,
    modelsDir: o.modelsDir,
    pool,
    queue: runtime.inferenceQueue,
    ...(o.signal ? { signal: o.signal } : {}),
  };
  try {
    for (const [i, img] of images.entries()) {
      if (o.signal?.aborted) throw new AnyfillError('CANCELLED', 'The batch was interrupted.');
      const at = { index: i + 1, total: images.length };
      const sha = await sha256File(img.file).catch(() => null);
      let entry = sha ? reusable(previous.get(img.input), sha, settings, o.outDir) : null;
      if (!entry) {
        previous.delete(img.input); // its outputs are about to be replaced: the old entry no longer holds
        entry = await processImage(img, sha, { ...deps, onPhase: (phase) => onEvent({ type: 'phase', ...at, input: img.input, phase }) });
      }
      entries.set(img.input, entry);
      await save();
      onEvent({ type: 'image', ...at, entry });
    }
    report.finishedAt = new Date().toISOString();
  } catch (err) {
    if (!(err instanceof AnyfillError && err.code === 'CANCELLED')) throw err;
    report.interrupted = true;
  } finally {
    await save();
    await segment.flush();
    await pool.releaseAll();
    await session.dispose();
  }
  return {
    report: { ...report, images: images.flatMap((img) => entries.get(img.input) ?? previous.get(img.input) ?? []) },
    interrupted: report.interrupted,
  };
}
