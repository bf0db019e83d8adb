// Runs in: every process (pure). Selection masks: 8-bit coverage on typed arrays, no Node/DOM/package
// imports, so the renderer previews an operation at screen size and the engine applies the same code at
// full resolution. Operations return new masks; the brush edits in place and reports what changed.
export { type Mask, type Rect, SELECTED, area, bbox, cloneMask, createMask, intersect, invert, subtract, threshold, union } from './mask';
export { fillHoles, removeIslands } from './components';
export { distanceSquared } from './distance';
export { grow, shrink } from './grow';
export { feather, smooth } from './blur';
export {
  type BrushOptions,
  type BrushStamp,
  type BrushStroke,
  type Point,
  applyStrokes,
  rasterizeStrokes,
  stampBrush,
  strokeBrush,
} from './brush';
export { resize } from './resize';
export * from './low-res';
export * from './logits-residuals';
export { type WandImage, type WandOptions, type WandStep, magicWand, replayWand } from './magic-wand';
