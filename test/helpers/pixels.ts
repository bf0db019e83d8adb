// Runs in: tests and benchmarks (node). Pixel comparisons between what the user sees and the source file.
import sharp from 'sharp';

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

/** Crop a screenshot to a rectangle and compare it with the source scaled to the same size. */
export async function compareShownWithSource(screenshot: Buffer, rect: { x: number; y: number; w: number; h: number }, source: string): Promise<number> {
  const region = { left: Math.round(rect.x), top: Math.round(rect.y), width: Math.round(rect.w), height: Math.round(rect.h) };
  const shown = await decodeRaw(await sharp(screenshot).extract(region).png().toBuffer());
  const expected = await decodeRaw(await sharp(source).autoOrient().resize(region.width, region.height, { fit: 'fill' }).png().toBuffer());
  return meanAbsDiff(shown, expected);
}
