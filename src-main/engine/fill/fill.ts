// Runs in: engine process and the fill worker thread (pure). fillSync: checks the request, crops the
// region the method needs, fills the mask grown by the feather width (so the blend ramp mixes filled
// colours with the original rather than the original with itself) and returns the feathered patch.
import { featherRadius, buildPatch } from './patch';
import { distanceInside } from './near-distance';
import { patchMatchFill } from './patchmatch';
import { checkRequest, contextRect, cropMask, cropPlane, growRect, type CheckedMask } from './region';
import { teleaInpaint } from './telea';
import type { FillOptions, FillRequest, FillResult, Rect } from './types';

const TELEA_RADIUS = 5;

/** The rectangles a fill works in: the feathered mask's box, and the crop its method reads. */
export function workRects(req: FillRequest, { area, bbox }: CheckedMask): { feather: number; grown: Rect; crop: Rect } {
  const { width: w, height: h } = req.image;
  const feather = featherRadius(area);
  const grown = growRect(bbox, feather, w, h);
  const crop = req.method === 'telea' ? growRect(grown, TELEA_RADIUS + 2, w, h) : contextRect(grown, area, w, h);
  return { feather, grown, crop };
}

export function fillSync(req: FillRequest, opts: FillOptions = {}): FillResult {
  const started = performance.now();
  const checked = checkRequest(req);
  const { hole } = checked;
  const w = req.image.width;
  const { feather, grown, crop } = workRects(req, checked);
  const plane = cropPlane(req.image, crop);
  const masked = cropMask(hole, w, crop);
  // Only the grown box can be within the feather of the mask (every mask pixel lies in it).
  const dist2 = distanceInside(masked, crop.width, crop.height, { ...grown, x: grown.x - crop.x, y: grown.y - crop.y }, true);
  const toFill = new Uint8Array(dist2.length);
  let fillCount = 0;
  for (let i = 0; i < dist2.length; i++)
    if (dist2[i]! <= feather * feather) {
      toFill[i] = 1;
      fillCount++;
    }

  if (req.method === 'telea') {
    const report = (filled: number) => opts.onProgress?.({ done: filled, total: fillCount, phase: 'Telea' });
    report(0);
    teleaInpaint(plane, toFill, TELEA_RADIUS, opts.shouldStop, report);
    report(fillCount);
  } else {
    patchMatchFill(plane, toFill, req.seed, opts);
  }
  const patch = buildPatch(req.image, plane, crop, dist2, feather, grown);
  return { ...patch, method: req.method, ms: Math.round(performance.now() - started) };
}
