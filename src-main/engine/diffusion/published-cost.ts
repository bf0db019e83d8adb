// Runs in: engine process (pure). SD 1.5 inpainting's published compute per call (performance.md §1:
// UNet 401.7 GMAC per evaluation row at 64×64 latents, VAE encoder 558 and decoder 1,257 GMAC at 512²,
// CLIP text encoder 6.65 GMAC per prompt), scaled by the processing area (convolutions are per pixel).
// Two uses: the rough estimate before this machine has run the pack (GMAC ÷ the measured GMAC/s), and the
// relative weight of each call in a job's progress units when nothing is measured yet.
import type { SdSpeed } from './sd-speed';

const AT_512 = 512 * 512;
export const SD15_GMAC = { unetRow: 401.7, encode: 558, decode: 1257, textRow: 6.65 } as const;

/**
 * Per GMAC the VAE runs faster than the UNet (plain convolutions at high resolution vs attention and
 * small-spatial layers): on the cost twins here (README "Cost twins") VAE encode 558 GMAC took 13.2 s and
 * decode 1,257 GMAC 28.4 s, 42–44 GMAC/s, a CFG UNet evaluation 803 GMAC 23.6 s, 34 GMAC/s.
 */
const VAE_SPEEDUP = 1.28;

/** Each call's work in UNet-equivalent GMAC at width × height, the UNet per batch row. */
export function publishedGmac(width: number, height: number): { textRow: number; encode: number; unetRow: number; decode: number } {
  const a = (width * height) / AT_512;
  return {
    textRow: SD15_GMAC.textRow,
    encode: (SD15_GMAC.encode * a) / VAE_SPEEDUP,
    unetRow: SD15_GMAC.unetRow * a,
    decode: (SD15_GMAC.decode * a) / VAE_SPEEDUP,
  };
}

/** Reading and opening sessions: file bytes at this rate (a rough figure; the first run replaces it). */
const LOAD_BYTES_PER_MS = 300_000;
/** Crop, resizes, blend and the result's proxy per result: about half a second on a 2-core machine. */
const OTHER_MS = 500;

/**
 * A rough speed from published compute and this machine's measured GMAC/s. Real convolutions reach less
 * of the machine than a large matmul does; `efficiency` is that share (measured on the cost twins).
 */
export function roughSpeed(width: number, height: number, gmacPerS: number, packBytes: number, efficiency: number): SdSpeed {
  const g = publishedGmac(width, height);
  const ms = (gmac: number) => (gmac / (gmacPerS * efficiency)) * 1000;
  return {
    textMs: ms(g.textRow * 2),
    encodeMs: ms(g.encode),
    unetMs: { '1': ms(g.unetRow), '2': ms(2 * g.unetRow) },
    decodeMs: ms(g.decode),
    loadMs: packBytes / LOAD_BYTES_PER_MS,
    // A fresh session's first UNet run took 2–3× a steady one on the SD twins here: count one more.
    firstExtraRatio: 1,
    otherMs: OTHER_MS,
  };
}
