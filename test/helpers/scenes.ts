// Runs in: test tooling. The SAM stand-ins' synthetic scenes (src-main/standins/sam/scenes.ts) as image
// files the engine opens for real: PNG, JPEG, EXIF-rotated JPEG, scaled up to 12 MP; and mask IoU.
import sharp from 'sharp';
import type { AssetId } from '../../src-shared/document/ids';
import { openImage } from '../../src-main/engine/images/open-image';
import { renderScene, shapeMask, type Scene } from '../../src-main/standins/sam/scenes';
import type { TestSession } from './images';

/** The scene with every size and coordinate multiplied by `k`. */
export function scaledScene(scene: Scene, k: number): Scene {
  return {
    width: Math.round(scene.width * k),
    height: Math.round(scene.height * k),
    background: scene.background,
    shapes: scene.shapes.map((s) =>
      s.kind === 'rect'
        ? { ...s, x0: Math.round(s.x0 * k), y0: Math.round(s.y0 * k), x1: Math.round(s.x1 * k), y1: Math.round(s.y1 * k) }
        : { ...s, cx: s.cx * k, cy: s.cy * k, r: s.r * k },
    ),
  };
}

export type SceneFormat = 'png' | 'jpeg' | 'jpeg-exif6';

/**
 * The scene as a file. jpeg-exif6: the pixels are stored turned 90° anticlockwise with EXIF
 * orientation 6 ("rotate 90° clockwise to display"), so the upright image is the scene itself.
 */
export async function sceneFile(scene: Scene, format: SceneFormat): Promise<Buffer> {
  const img = sharp(renderScene(scene), { raw: { width: scene.width, height: scene.height, channels: 3 } });
  if (format === 'png') return img.png({ compressionLevel: 1 }).toBuffer();
  if (format === 'jpeg') return img.jpeg({ quality: 95 }).toBuffer();
  const stored = await img.rotate(270).raw().toBuffer({ resolveWithObject: true });
  return sharp(stored.data, { raw: { width: stored.info.width, height: stored.info.height, channels: 3 } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Opens the file through image.open's pipeline in the test session; returns its asset id. */
export async function openFile(session: TestSession, bytes: Uint8Array): Promise<AssetId> {
  const fileId = await session.stage(bytes);
  return (await openImage(session.ctx.services.assets, fileId, 256)).asset.id;
}

/** IoU of two masks where any non-zero value is inside. */
export function maskIoU(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`mask sizes differ: ${a.length} vs ${b.length}`);
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i] ? 1 : 0, b[i] ? 1 : 0];
    inter += x & y;
    union += x | y;
  }
  return union ? inter / union : 1;
}

/** Ground truth of some of a scene's shapes, memoised per scene object. */
const truths = new WeakMap<Scene, Map<string, Uint8Array>>();
export function truthOf(scene: Scene, shapes: number[]): Uint8Array {
  let m = truths.get(scene);
  if (!m) truths.set(scene, (m = new Map()));
  const k = shapes.join(',');
  if (!m.has(k)) m.set(k, shapeMask(scene, shapes));
  return m.get(k)!;
}

/** Pixels where two masks disagree (inside vs outside). */
export function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!a[i] !== !b[i]) n++;
  return n;
}
