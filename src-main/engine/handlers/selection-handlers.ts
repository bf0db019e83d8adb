// Runs in: engine process. selection.mask: a selection object's full-resolution mask as a PNG.
import { randomSuffix } from '../../../src-shared/document/ids';
import { area, bbox } from '../../../src-shared/masks';
import type { EngineHandler } from '../engine-context';
import { writeMaskPng } from '../images/mask-png';
import { selectionMaskOffThread } from '../selection/mask-off-thread';

export const selectionMask: EngineHandler<'selection.mask'> = async (req, ctx) => {
  const { assetId } = req.selection;
  const { pixels } = await ctx.services.assets.ensureDecoded(assetId);
  const mask = await selectionMaskOffThread(req.selection, pixels);
  const file = await writeMaskPng(ctx.sessionDir, assetId, `selection-${req.selection.id}-${randomSuffix(6)}`, mask);
  return { mask: file, bbox: bbox(mask), area: area(mask) };
};
