// Runs in: engine process. inpaint.run, inpaint.plan and outpaint.run: generative fill as jobs (one at a
// time, progress per denoising step, cancel honoured before the next step). The selection is replayed at
// full resolution here; results become new assets only when the job ends well, and are removed again if a
// cancel wins the race, so a cancelled job leaves nothing behind.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { AssetId } from '../../../src-shared/document/ids';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import type { EngineContext, EngineHandler } from '../engine-context';
import { planCrop, processingSize } from '../diffusion/crop';
import { inpaintPixels, usableMaskBox } from '../diffusion/inpaint-service';
import { growForGeneration } from '../diffusion/mask-grow';
import { extensionForAspect, planOutpaint } from '../diffusion/outpaint-plan';
import { outpaintPixels } from '../diffusion/outpaint-service';
import { stepPreviews } from '../diffusion/step-preview';
import { removeAssetDir } from '../images/asset-files';
import { createDerivedAsset } from '../images/derived-asset';
import type { Pixels } from '../images/pixels';
import type { JobControl } from '../jobs/job-queue';
import { nonEmptyMaskOffThread } from '../selection/mask-off-thread';
import { packFileHashes, pixelSha256 } from '../provenance/hashes';
import { startCalibration } from '../estimate/job-calibration';
import { sdCalls } from '../estimate/sd-cost';

const ms = (t: object): Record<string, number> =>
  Object.fromEntries(Object.entries(t as Record<string, number>).map(([k, v]) => [k, Math.round(v * 10) / 10]));

/** The image and the mask to repaint: the selection at full resolution, grown by maskGrow px. */
async function selectionPixels(ctx: EngineContext, assetId: AssetId, selection: SelectionLayer, maskGrow = 0) {
  if (selection.assetId !== assetId)
    throw new AnyfillError('BAD_REQUEST', 'That selection was made on another image.', `${selection.assetId} ≠ ${assetId}`);
  const { pixels } = await ctx.services.assets.ensureDecoded(assetId);
  return { pixels, mask: growForGeneration(await nonEmptyMaskOffThread(selection, pixels), maskGrow) };
}

function deps(ctx: EngineContext, job: JobControl) {
  return {
    modelsDir: ctx.modelsDir,
    pool: ctx.services.runtime.backgroundPool,
    queue: ctx.services.runtime.backgroundQueue,
    signal: job.signal,
    onStep: (d: number, t: number, p: string) => job.report(d, t, p),
    onPreview: stepPreviews(job),
  };
}

/** New assets from results; all removed again when the job was cancelled meanwhile. */
async function commit<T extends { asset: { id: AssetId } }>(
  ctx: EngineContext,
  job: JobControl,
  make: Array<() => Promise<T>>,
): Promise<T[]> {
  job.signal.throwIfAborted();
  const made: T[] = [];
  try {
    for (const m of make) made.push(await m());
    job.signal.throwIfAborted();
    return made;
  } catch (err) {
    for (const r of made) {
      ctx.services.assets.forget(r.asset.id);
      await removeAssetDir(ctx.sessionDir, r.asset.id).catch(() => undefined);
    }
    throw err;
  }
}

/** For the pipeline log: the input's pixel hash and the pack's file hashes. */
async function provenance(ctx: EngineContext, input: Pixels, packId: string) {
  return { inputSha256: pixelSha256(input), packFiles: await packFileHashes(ctx.modelsDir, packId) };
}

export const inpaintRun: EngineHandler<'inpaint.run'> = (req, ctx) =>
  ctx.services.jobs.run(ctx, req.jobId, 'inpaint', async (job) => {
    const started = performance.now();
    job.report(0, 1, 'Reading the selection');
    const { pixels, mask } = await selectionPixels(ctx, req.assetId, req.selection, req.maskGrow);
    job.report(0, 1, 'Loading the model');
    const { prompt, negativePrompt, seed, steps, guidance, strength, scheduler, variants, colourMatch } = req;
    const settings = {
      prompt,
      negativePrompt,
      seed,
      steps,
      guidance,
      strength,
      scheduler,
      variants,
      colourMatch,
      tinyVae: req.tinyVae === true,
      ...(req.packId ? { packId: req.packId } : {}),
    };
    usableMaskBox(mask); // a mask it cannot use is said before the model loads
    const calibration = await startCalibration(ctx.modelsDir, req.packId, deps(ctx, job), job.expectPace);
    const out = await inpaintPixels(pixels, mask, settings, { ...deps(ctx, job), weights: calibration.weights });
    const made = await commit(
      ctx,
      job,
      out.variants.map(({ patch, seed: s }) => async () => {
        const rgba: Pixels = {
          data: Buffer.from(patch.rgba.buffer, patch.rgba.byteOffset, patch.rgba.byteLength),
          width: patch.width,
          height: patch.height,
          channels: 4,
        };
        return {
          ...(await createDerivedAsset(ctx.services.assets, rgba, req.maxProxySide)),
          x: patch.x,
          y: patch.y,
          seed: s,
          resultSha256: pixelSha256(rgba),
        };
      }),
    );
    await calibration.record(out.plan.processing, sdCalls({ ...settings, lcm: out.lcm }), out.timings, performance.now() - started);
    return {
      variants: made,
      withheld: out.withheld,
      ...(out.message ? { message: out.message } : {}),
      cropRect: out.plan.crop,
      processingSize: out.plan.processing,
      timings: ms(out.timings),
      promptReport: out.promptReport,
      packId: out.packId,
      device: out.device,
      ...(await provenance(ctx, pixels, out.packId)),
    };
  });

export const inpaintPlan: EngineHandler<'inpaint.plan'> = async (req, ctx) => {
  const { pixels, mask } = await selectionPixels(ctx, req.assetId, req.selection, req.maskGrow);
  const plan = planCrop(usableMaskBox(mask), pixels.width, pixels.height);
  return { cropRect: plan.crop, processingSize: plan.processing };
};

export const outpaintRun: EngineHandler<'outpaint.run'> = (req, ctx) =>
  ctx.services.jobs.run(ctx, req.jobId, 'outpaint', async (job) => {
    const started = performance.now();
    const { pixels } = await ctx.services.assets.ensureDecoded(req.assetId);
    const ext =
      'aspect' in req.extend
        ? extensionForAspect(pixels.width, pixels.height, req.extend.aspect.width, req.extend.aspect.height)
        : req.extend;
    const { prompt, negativePrompt, seed, steps, guidance, scheduler } = req;
    const settings = {
      prompt,
      negativePrompt,
      seed,
      steps,
      guidance,
      scheduler,
      strength: 1,
      variants: 1,
      colourMatch: false,
      ...(req.packId ? { packId: req.packId } : {}),
    };
    planOutpaint(pixels.width, pixels.height, ext); // nothing to extend is said before the model loads
    const calibration = await startCalibration(ctx.modelsDir, req.packId, deps(ctx, job), job.expectPace);
    const out = await outpaintPixels(pixels, ext, req.prefill, settings, { ...deps(ctx, job), weights: calibration.weights });
    const [made] = await commit(ctx, job, [() => createDerivedAsset(ctx.services.assets, out.pixels, req.maxProxySide)]);
    const first = out.plan.windows[0]!;
    await calibration.record(
      processingSize(first.width, first.height),
      sdCalls({ ...settings, lcm: out.lcm }, out.plan.windows.length),
      out.timings,
      performance.now() - started,
    );
    const hashes = { ...(await provenance(ctx, pixels, out.packId)), resultSha256: pixelSha256(out.pixels) };
    return {
      ...made!,
      offset: out.plan.offset,
      windows: out.plan.windows,
      seed: out.seed,
      timings: ms(out.timings),
      promptReport: out.promptReport,
      packId: out.packId,
      device: out.device,
      ...hashes,
    };
  });
