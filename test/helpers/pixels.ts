// Runs in: tests and benchmarks (node). Pixel comparisons between what the user sees and the source file.
import sharp, { type Sharp } from 'sharp';

export interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

export async function decodeRaw(input: Buffer | string): Promise<Raw> {
  const { data, info } = await sharp(input).autoOrient().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Mean absolute difference per channel value (0–255) between two same-size RGB images. */
export function meanAbsDiff(a: Raw, b: Raw): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`size ${a.width}×${a.height} ≠ ${b.width}×${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

/**
 * Crop a screenshot to a rectangle and compare it with the source scaled to the same size. Both are
 * reduced to a quarter first, so resampling filters and sub-pixel placement do not count, while a wrong
 * picture, orientation or placement still does. `transform` lets a test check the comparison itself.
 */
export async function compareShownWithSource(
  screenshot: Buffer,
  rect: { x: number; y: number; w: number; h: number },
  source: string,
  transform: (img: Sharp) => Sharp = (img) => img,
): Promise<number> {
  const region = { left: Math.round(rect.x), top: Math.round(rect.y), width: Math.round(rect.w), height: Math.round(rect.h) };
  const small = { width: Math.max(1, region.width >> 2), height: Math.max(1, region.height >> 2), fit: 'fill' as const };
  const shown = await decodeRaw(await sharp(screenshot).extract(region).resize(small).png().toBuffer());
  const scaled = await transform(sharp(source).autoOrient()).png().toBuffer();
  const expected = await decodeRaw(await sharp(scaled).resize(small).png().toBuffer());
  return meanAbsDiff(shown, expected);
}
