// Runs in: engine process (and the CLI). Pure geometry of the SAM frames (model-contracts §1.2–1.3, §2.1):
// SAM 1 resizes the long side to 1024 and pads bottom/right; SAM 2 stretches to 1024². Prompts arrive
// in upright image pixels and are checked here before any model work.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { FRAME, LOW_RES, type LowResPlacement, type Prompt, type PromptBox, type SamFamily } from './types';

export const MAX_POINTS = 64;

/** ResizeLongestSide: scale = 1024 / max(w,h); new sides int(side·scale + 0.5). */
export function resizeLongSide(width: number, height: number, long = FRAME): { width: number; height: number; scale: number } {
  const scale = long / Math.max(width, height);
  // At least 1 px: a 1 × 5000 image would otherwise round to a 0-wide encoder input.
  return { width: Math.max(1, Math.trunc(width * scale + 0.5)), height: Math.max(1, Math.trunc(height * scale + 0.5)), scale };
}

export function placementFor(family: SamFamily, width: number, height: number): LowResPlacement {
  const crop = family === 'sam1' ? resizeLongSide(width, height) : { width: FRAME, height: FRAME };
  const k = LOW_RES / FRAME;
  return {
    kind: family === 'sam1' ? 'sam1-crop' : 'stretch',
    width,
    height,
    crop: { width: crop.width, height: crop.height },
    sourceRect: { x: 0, y: 0, width: crop.width * k, height: crop.height * k },
  };
}

/**
 * Image pixel → model frame. SAM 1 (official apply_coords): x·neww/w, y·newh/h with the rounded resize
 * dims. SAM 2: x/W·1024, y/H·1024. Both are crop/size per axis, so the placement says it all.
 */
export function toFrame(p: LowResPlacement, x: number, y: number): [number, number] {
  return [(x * p.crop.width) / p.width, (y * p.crop.height) / p.height];
}

/**
 * The prompt the models will see: every point inside the image (else BAD_REQUEST), labels 0/1, the box
 * ordered and clamped to the image (a box dragged past an edge is normal; one wholly outside is not).
 */
export function checkPrompt(prompt: Prompt, width: number, height: number): Prompt {
  const { points, box } = prompt;
  if (points.length === 0 && !box) throw new AnyfillError('BAD_REQUEST', 'Click on the image or draw a box first.');
  if (points.length > MAX_POINTS)
    throw new AnyfillError('BAD_REQUEST', `A selection takes at most ${MAX_POINTS} clicks; start a new selection.`);
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || p.x < 0 || p.y < 0 || p.x > width || p.y > height) {
      throw new AnyfillError('BAD_REQUEST', 'That click is outside the image.', `(${p.x}, ${p.y}) on ${width}×${height}`);
    }
    if (p.label !== 0 && p.label !== 1)
      throw new AnyfillError('BAD_REQUEST', 'A click is either "include" (1) or "exclude" (0).', String(p.label));
  }
  return box ? { points, box: clampBox(box, width, height) } : { points };
}

function clampBox(b: PromptBox, width: number, height: number): PromptBox {
  const vals = [b.x0, b.y0, b.x1, b.y1];
  if (!vals.every(Number.isFinite)) throw new AnyfillError('BAD_REQUEST', 'That box is not a valid rectangle.', vals.join(','));
  const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  const out = {
    x0: clamp(Math.min(b.x0, b.x1), width),
    y0: clamp(Math.min(b.y0, b.y1), height),
    x1: clamp(Math.max(b.x0, b.x1), width),
    y1: clamp(Math.max(b.y0, b.y1), height),
  };
  if (out.x1 - out.x0 < 1 || out.y1 - out.y0 < 1) {
    const outside =
      Math.max(b.x0, b.x1) <= 0 || Math.max(b.y0, b.y1) <= 0 || Math.min(b.x0, b.x1) >= width || Math.min(b.y0, b.y1) >= height;
    throw new AnyfillError(
      'BAD_REQUEST',
      outside ? 'That box is outside the image.' : 'That box is too small; drag a larger one.',
      vals.join(','),
    );
  }
  return out;
}
