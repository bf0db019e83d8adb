// Runs in: engine process. fill.run (content-aware fill as a job) and job.cancel. The selection is
// replayed at full resolution here, the fill runs (MI-GAN when installed and asked for or auto, else
// PatchMatch/Telea in the fill worker: erase/remove-fill.ts), and the patch becomes a new asset.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { EngineHandler } from '../engine-context';
import { removeFill } from '../erase';
import { createDerivedAsset } from '../images/derived-asset';
import { nonEmptyMaskOffThread } from '../selection/mask-off-thread';
import { packFileHashes, pixelSha256 } from '../provenance/hashes';

export const fillRun: EngineHandler<'fill.run'> = (req, ctx) =>
  ctx.services.jobs.run(ctx, req.jobId, 'fill', async (job) => {
    if (req.selection.assetId !== req.assetId) {
      throw new AnyfillError('BAD_REQUEST', 'That selection was made on another image.', `${req.selection.assetId} ≠ ${req.assetId}`);
    }
    const started = performance.now();
    job.report(0, 1, 'Reading the selection');
    const { pixels } = await ctx.services.assets.ensureDecoded(req.assetId);
    const mask = await nonEmptyMaskOffThread(req.selection, pixels);
    const {
      result: patch,
      packId,
      device,
    } = await removeFill(
      {
        image: { data: pixels.data, width: pixels.width, height: pixels.height, channels: pixels.channels },
        mask: mask.data,
        method: req.method,
        seed: req.seed,
      },
      {
        modelsDir: ctx.modelsDir,
        pool: ctx.services.runtime.backgroundPool,
        queue: ctx.services.runtime.backgroundQueue,
        signal: job.signal,
        onProgress: (p) => job.report(p.done, p.total, p.phase, p.last),
      },
    );
    const method = patch.method;
    job.signal.throwIfAborted();
    const made = await createDerivedAsset(
      ctx.services.assets,
      {
        data: Buffer.from(patch.rgba.buffer, patch.rgba.byteOffset, patch.rgba.byteLength),
        width: patch.width,
        height: patch.height,
        channels: 4,
      },
      req.maxProxySide,
    );
    const hashes = { inputSha256: pixelSha256(pixels), resultSha256: pixelSha256({ data: patch.rgba }) };
    const model = packId ? { packId, ...(device ? { device } : {}), packFiles: await packFileHashes(ctx.modelsDir, packId) } : {};
    return { ...made, x: patch.x, y: patch.y, method, seed: req.seed, ms: Math.round(performance.now() - started), ...model, ...hashes };
  });

export const jobCancel: EngineHandler<'job.cancel'> = async (req, ctx) => ({ found: ctx.services.jobs.cancel(req.jobId) });
