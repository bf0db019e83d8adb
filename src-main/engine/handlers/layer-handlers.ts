// Runs in: engine process. layer.clear: a result layer's pixels under a selection made transparent, as a
// new derived asset (the old one stays, so undo needs nothing from here). Nothing is written when the
// selection covers none of the layer's visible pixels.
import type { EngineHandler } from '../engine-context';
import { clearUnderMask } from '../images/clear-under-mask';
import { createDerivedAsset } from '../images/derived-asset';
import { fullResSelectionMask } from '../selection/full-res-mask';

export const layerClear: EngineHandler<'layer.clear'> = async (req, ctx) => {
  const image = await ctx.services.assets.ensureDecoded(req.selection.assetId);
  const mask = fullResSelectionMask(req.selection, image.pixels);
  const layer = await ctx.services.assets.ensureDecoded(req.assetId);
  const { pixels, cleared } = clearUnderMask(layer.pixels, mask, req.offsetX, req.offsetY);
  if (cleared === 0) return { cleared: null, pixels: 0 };
  return { cleared: await createDerivedAsset(ctx.services.assets, pixels, req.maxProxySide), pixels: cleared };
};
