// Runs in: engine process and the fill worker thread (pure). A texture channel for the search: the local
// gradient magnitude, appended to the colours. Halving the image averages grain away, so at the coarse
// levels, where PatchMatch decides what goes where, grainy asphalt and a smooth car door of the same grey
// look alike and road texture was pasted onto the car; averaged gradient energy keeps them apart.
import type { Plane } from './types';

/** How much a unit of gradient counts against a unit of colour in patch distances. */
const WEIGHT = 2.5;

/** The plane with one more channel: WEIGHT × (|∂x| + |∂y|) of the mean colour, over known neighbours only. */
export function withTexture(plane: Plane, hole: Uint8Array): Plane {
  const { width: w, height: h, channels: C, data } = plane,
    D = C + 1;
  const out = new Float32Array(w * h * D);
  const grey = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    grey[i] = (data[i * C]! + data[i * C + 1]! + data[i * C + 2]!) / 3;
    for (let c = 0; c < C; c++) out[i * D + c] = data[i * C + c]!;
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (hole[i]) continue; // voted like a colour later
      const gx = x + 1 < w && !hole[i + 1] ? Math.abs(grey[i + 1]! - grey[i]!) : 0;
      const gy = y + 1 < h && !hole[i + w] ? Math.abs(grey[i + w]! - grey[i]!) : 0;
      out[i * D + C] = WEIGHT * (gx + gy);
    }
  }
  return { data: out, width: w, height: h, channels: D };
}

/** Copies the colour channels of `features` (withTexture's layout) back into `plane` on the hole. */
export function colourBack(features: Plane, plane: Plane, hole: Uint8Array): void {
  const C = plane.channels,
    D = features.channels;
  for (let i = 0; i < hole.length; i++) {
    if (!hole[i]) continue;
    for (let c = 0; c < C; c++) plane.data[i * C + c] = features.data[i * D + c]!;
  }
}
