// Runs in: renderer. Sharper pixels when zoomed in: the first proxy is sized for the screen, so once the
// user zooms past the point where it is magnified, ask the engine once for a larger one (up to the
// asset's own size, within the contract's 8192) and swap it in when it has loaded. Best effort: the
// smaller proxy keeps showing if anything fails.
import type { AssetId } from '../../src-shared/document/ids';
import { getApi } from '../core/bridge/api';
import { getState, setState, useEditor } from '../core/state/editor-store';
import { loadImage } from '../core/images/image-cache';

const SETTLE_MS = 250;
/** Magnification of the proxy on screen (device pixels per proxy pixel) that triggers the upgrade. */
const TRIGGER = 1.25;
const requested = new Set<AssetId>();

function wanted(): AssetId[] {
  const { document, assets, viewport } = getState();
  if (!document) return [];
  const dpr = window.devicePixelRatio || 1;
  const out: AssetId[] = [];
  for (const layer of document.layers) {
    const a = assets[layer.assetId];
    if (!a || requested.has(layer.assetId) || !layer.visible) continue;
    const full = Math.max(a.info.width, a.info.height);
    const proxy = Math.max(a.proxyWidth, a.proxyHeight);
    if (proxy >= Math.min(full, 8192)) continue;
    if ((viewport.scale * dpr * full) / proxy > TRIGGER) out.push(layer.assetId);
  }
  return out;
}

async function upgrade(assetId: AssetId): Promise<void> {
  requested.add(assetId);
  const a = getState().assets[assetId];
  if (!a) return;
  const maxSide = Math.min(8192, Math.max(a.info.width, a.info.height));
  try {
    const file = await getApi().invoke('image.proxy', { assetId, maxSide });
    const url = getApi().fileUrl(file.path);
    await loadImage(url);
    const now = getState().assets[assetId];
    if (!now) return; // the document was closed meanwhile
    setState({ assets: { ...getState().assets, [assetId]: { ...now, url, proxyWidth: file.width, proxyHeight: file.height } } });
  } catch (err) {
    requested.delete(assetId); // e.g. the engine was restarting: try again on the next zoom
    console.warn('[anyfill] larger preview unavailable', err);
  }
}

export function installProxyUpgrades(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useEditor.subscribe((s, prev) => {
    if (s.viewport === prev.viewport && s.document === prev.document) return;
    clearTimeout(timer);
    timer = setTimeout(() => wanted().forEach((id) => void upgrade(id)), SETTLE_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
