// Runs in: engine process, the fill worker thread and the CLI (pure). [Note: paste-back] The one way a
// result patch (fill, eraser, generative fill) goes onto its image: straight-alpha "over", as the editor's
// canvas draws a result layer, so a file the CLI writes holds what the app shows. Pixels where the patch's
// alpha is 0 keep their exact bytes; over a transparent original the patch's own alpha shows through.

/** 8-bit pixels, rows top to bottom; 4 channels when the image has alpha. */
export interface PasteTarget {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** RGBA, width * height * 4, placed at (x, y) in the target's pixels. */
export interface PastePatch {
  x: number;
  y: number;
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** The image with the patch composited over it (rounded); a new buffer of the image's layout. */
export function pastePatch(image: PasteTarget, patch: PastePatch): Uint8Array {
  const { width: w, channels: C } = image,
    out = image.data.slice();
  for (let y = 0; y < patch.height; y++) {
    for (let x = 0; x < patch.width; x++) {
      const p = (y * patch.width + x) * 4,
        a = patch.rgba[p + 3]!;
      if (a === 0) continue;
      const o = ((patch.y + y) * w + patch.x + x) * C;
      if (a === 255) {
        for (let c = 0; c < 3; c++) out[o + c] = patch.rgba[p + c]!;
        if (C === 4) out[o + 3] = 255;
      } else if (C === 3) {
        for (let c = 0; c < 3; c++) out[o + c] = Math.round((patch.rgba[p + c]! * a + out[o + c]! * (255 - a)) / 255);
      } else {
        // Over a transparent original, the original colour counts by its own alpha.
        const below = (out[o + 3]! * (255 - a)) / 255,
          total = a + below;
        for (let c = 0; c < 3; c++) out[o + c] = Math.round((patch.rgba[p + c]! * a + out[o + c]! * below) / total);
        out[o + 3] = Math.round(total);
      }
    }
  }
  return out;
}
