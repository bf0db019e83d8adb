// Runs in: renderer. The screen-sized proxies every flow asks the engine for, and letting go of pixels.
import type { AssetId } from '../../../src-shared/document/ids';
import { getApi } from '../bridge/api';

/** Proxy long side: enough for the whole screen at device resolution, within the contract's 64…8192. */
export function proxySideForScreen(): number {
  const side = Math.ceil(Math.max(screen.width, screen.height) * (window.devicePixelRatio || 1));
  return Math.max(64, Math.min(8192, side || 2048));
}

/** Tell the engine it may drop pixels nobody can reach any more. Best effort: failures are harmless. */
export function release(assetIds: readonly AssetId[]): void {
  for (const assetId of assetIds)
    getApi()
      .invoke('image.release', { assetId })
      .catch(() => undefined);
}
