// Runs in: engine process. erase.plan: the crops the learned eraser would run on for a selection (the same
// plan eraseFill follows), so the canvas can outline them before Remove, as generative fill outlines its crop.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { EngineHandler } from '../engine-context';
import { planErase } from '../erase/erase-plan';
import { checkRequest } from '../fill/region';
import { nonEmptyMaskOffThread } from '../selection/mask-off-thread';

export const erasePlan: EngineHandler<'erase.plan'> = async (req, ctx) => {
  if (req.selection.assetId !== req.assetId) {
    throw new AnyfillError('BAD_REQUEST', 'That selection was made on another image.', `${req.selection.assetId} ≠ ${req.assetId}`);
  }
  const { pixels } = await ctx.services.assets.ensureDecoded(req.assetId);
  const mask = await nonEmptyMaskOffThread(req.selection, pixels);
  const image = { data: pixels.data, width: pixels.width, height: pixels.height, channels: pixels.channels };
  const checked = checkRequest({ image, mask: mask.data, method: 'migan', seed: 0 });
  return { crops: planErase(checked, pixels.width, pixels.height).crops };
};
