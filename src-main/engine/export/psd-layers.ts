// Runs in: export worker thread (pure; engine tests may call it directly). The layered PSD's bytes from
// pixels gathered on the engine's main thread (export-psd.ts): ag-psd's encoding of a 12 MP document
// takes seconds of CPU, which the main thread must not spend ([Note: cost limits]).
import { writePsdBuffer, type Layer, type Psd } from 'ag-psd';
import { bbox, type Mask } from '../../../src-shared/masks';
import type { Pixels } from '../images/pixels';
import { cropMask, cropRgba, toRgba } from './selection-parts';

/** One document layer as the PSD shows it: an image layer, or a selection with its full-resolution mask. */
export type PsdPart =
  | { kind: 'image'; name: string; x: number; y: number; opacity: number; hidden: boolean; pixels: Pixels }
  | { kind: 'selection'; name: string; origin: { x: number; y: number }; pixels: Pixels; mask: Mask };

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** `composite` is the document's RGBA composite (compositeDocument), the PSD's merged image. */
export function writeLayeredPsd(width: number, height: number, parts: readonly PsdPart[], composite: Buffer): Buffer {
  const children: Layer[] = [];
  for (const part of parts) {
    const psdLayer = part.kind === 'image' ? imageLayer(part) : selectionLayer(part);
    if (psdLayer) children.push(psdLayer);
  }
  const psd: Psd = { width, height, children, imageData: { width, height, data: bytes(composite) } };
  // noBackground: the bottom layer stays a layer (its offset and opacity kept), not a locked background.
  return writePsdBuffer(psd, { noBackground: true, generateThumbnail: false });
}

function imageLayer(part: Extract<PsdPart, { kind: 'image' }>): Layer {
  const { pixels } = part;
  return {
    name: part.name,
    left: part.x,
    top: part.y,
    right: part.x + pixels.width,
    bottom: part.y + pixels.height,
    opacity: part.opacity,
    hidden: part.hidden,
    imageData: { width: pixels.width, height: pixels.height, data: bytes(toRgba(pixels)) },
  };
}

/** null for an empty selection (nothing to show or load). */
function selectionLayer(part: Extract<PsdPart, { kind: 'selection' }>): Layer | null {
  const { pixels, mask, origin } = part;
  const rect = bbox(mask);
  if (!rect) return null;
  const place = {
    left: origin.x + rect.x,
    top: origin.y + rect.y,
    right: origin.x + rect.x + rect.width,
    bottom: origin.y + rect.y + rect.height,
  };
  // ag-psd reads a mask's coverage from the red channel of an RGBA buffer.
  const grey = cropMask(mask, rect);
  const maskRgba = Buffer.alloc(grey.length * 4, 255);
  for (let i = 0; i < grey.length; i++) maskRgba[i * 4] = maskRgba[i * 4 + 1] = maskRgba[i * 4 + 2] = grey[i]!;
  return {
    name: part.name,
    ...place,
    opacity: 1,
    hidden: true,
    imageData: { width: rect.width, height: rect.height, data: bytes(cropRgba(pixels, rect)) },
    mask: { ...place, defaultColor: 0, imageData: { width: rect.width, height: rect.height, data: bytes(maskRgba) } },
  };
}
