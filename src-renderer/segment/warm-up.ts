// Runs in: renderer. The first click's mask is built by code the JavaScript engine has not compiled yet
// (inflating and decoding the logits, upsampling, the outline colouring, the overlay canvas): tens of ms
// slower than every later click. Once an image is ready for clicks, that very path runs once, in idle
// time, on a made-up selection that is never shown or kept, so the first real click costs what the
// others do.
import type { LayerId } from '../../src-shared/document/ids';
import type { SelectionLayer } from '../../src-shared/document/selection';
import type { LowResPlacement } from '../../src-shared/masks';
import { maskBoundsCanvas, previewMaskNow, previewSize } from '../selection/api';
import { noteOverlaySize, refillSpares } from '../core/viewport/overlay-canvases';
import { discResiduals } from './warm-up-logits';

let warmed = false;

/** Raw DEFLATE with the browser's own compressor (idle time: asynchronous is fine here). */
async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function warm(width: number, height: number): Promise<void> {
  const data = await deflateRaw(discResiduals());
  let bin = '';
  for (const b of data) bin += String.fromCharCode(b);
  const long = Math.max(width, height);
  const size = previewSize(width, height);
  const canvas = document.createElement('canvas');
  for (let round = 0; round < 3; round++) {
    // A new object and placement each round: masks are kept per layer object and per logits and placement
    // (sam-masks.ts), so each round upsamples and colours again (the decoded logits are reused).
    const crop = { width: Math.round((width * 1024) / long) - round, height: Math.round((height * 1024) / long) - round };
    const placement: LowResPlacement = {
      kind: 'sam1-crop',
      width,
      height,
      crop,
      sourceRect: { x: 0, y: 0, width: crop.width / 4, height: crop.height / 4 },
    };
    const layer: SelectionLayer = {
      id: `warm-up-${round}` as LayerId,
      kind: 'selection',
      name: 'warm-up',
      visible: true,
      colour: '#3b82f6',
      assetId: 'warm-up' as SelectionLayer['assetId'],
      prompt: { points: [] },
      sam: {
        packId: 'warm-up',
        candidateIndex: 0,
        logits: { encoding: 'i8-grad-deflate-raw', size: 256, scale: 16, base64: btoa(bin) },
        placement,
      },
      strokes: [],
      ops: [],
    };
    const mask = previewMaskNow(layer, size.width, size.height);
    if (mask) maskBoundsCanvas(mask, layer.colour, canvas);
  }
  // Canvases with their backing store made, for the first selections' overlays.
  noteOverlaySize(size.width >> 1, size.height >> 1);
  refillSpares();
}

/** Once per session, when the first image is ready for clicks (idle time, never during input). */
export function warmMaskPath(width: number, height: number): void {
  if (warmed) return;
  warmed = true;
  const run = () => void warm(width, height).catch(() => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
