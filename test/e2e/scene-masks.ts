// Runs in: tests (node). Comparing the masks the editor shows with a stand-in scene's shapes: the scene
// scaled to the size masks are read at, its ground truth per shape, and IoU with the editor's rule
// (coverage ≥ 128 is selected).
import { BLUE, shapeMask, type Scene } from '../../src-main/standins/sam/scenes';
import { scaledScene } from '../helpers/scenes';

/**
 * A red square (shape 0) and a green disc (shape 1) on blue, 320 × 240, in pure colours: what the text
 * detection tests name ("red", "green") and mask operations work on.
 */
export const SQUARE_AND_DISC: Scene = {
  width: 320,
  height: 240,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: [255, 0, 0], x0: 40, y0: 60, x1: 120, y1: 140 },
    { kind: 'disc', rgb: [0, 255, 0], cx: 225, cy: 120, r: 45 },
  ],
};

/** Width, height and ground truth (0/1 per pixel) of `scene` at `scale`. */
export function sceneAt(scene: Scene, scale: number): { W: number; H: number; truth: (...shapes: number[]) => Uint8Array } {
  const small = scaledScene(scene, scale);
  return { W: small.width, H: small.height, truth: (...shapes) => shapeMask(small, shapes) };
}

/** IoU of an editor mask (0..255) with a 0/1 ground truth. */
export function iou(mask: readonly number[], truth: Uint8Array): number {
  let inter = 0;
  let uni = 0;
  for (let i = 0; i < truth.length; i++) {
    const a = mask[i]! >= 128;
    const b = truth[i] === 1;
    if (a && b) inter++;
    if (a || b) uni++;
  }
  return uni ? inter / uni : 1;
}
