// Runs in: renderer. An image's pixels at a preview size, for replaying magic-wand steps on the canvas
// ([Note: selection]): the asset's first proxy (stable, so a preview never changes when a sharper proxy
// arrives) drawn once per size and read back. The engine replays the same steps on the full pixels.
import type { AssetId } from '../../src-shared/document/ids';
import type { WandImage } from '../../src-shared/masks';
import { loadImage, readyImage } from '../core/images/image-cache';
import { getState } from '../core/state/editor-store';

const cache = new Map<string, WandImage>();
const KEEP = 4; // a few sizes of the open images; each is at most 1536² × 4 bytes

function read(img: HTMLImageElement, width: number, height: number): WandImage {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  g.drawImage(img, 0, 0, width, height);
  return { data: g.getImageData(0, 0, width, height).data, width, height, channels: 4 };
}

function remember(key: string, image: WandImage): WandImage {
  cache.set(key, image);
  if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return image;
}

const urlOf = (assetId: AssetId): string | undefined => getState().assets[assetId]?.thumbUrl;

/** The pixels now, or undefined while the proxy is still loading. */
export function wandImageNow(assetId: AssetId, width: number, height: number): WandImage | undefined {
  const url = urlOf(assetId);
  if (!url) return undefined;
  const key = `${url}|${width}x${height}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const img = readyImage(url);
  return img ? remember(key, read(img, width, height)) : undefined;
}

/** The pixels once the proxy has loaded. */
export async function wandImage(assetId: AssetId, width: number, height: number): Promise<WandImage> {
  const url = urlOf(assetId);
  if (!url) throw new Error(`No image for ${assetId}`);
  const img = await loadImage(url);
  return wandImageNow(assetId, width, height) ?? remember(`${url}|${width}x${height}`, read(img, width, height));
}
