// Runs in: CLI and tests (Node). Synthetic scenes the SAM stand-ins are designed around: flat shapes
// whose colour distances sit on known sides of the decoder thresholds (SAM1_TAUS / SAM2_TAUS).
// Normalised distances to RED: DARK_RED 0.86, ORANGE 1.59, GREEN 3.95, BLUE 4.17.

export type Rgb = readonly [number, number, number];
export const BLUE: Rgb = [40, 60, 200];
export const RED: Rgb = [220, 40, 40];
export const DARK_RED: Rgb = [170, 40, 40];
export const ORANGE: Rgb = [230, 130, 40];
export const GREEN: Rgb = [40, 180, 60];

export type SceneShape =
  | { kind: 'rect'; rgb: Rgb; x0: number; y0: number; x1: number; y1: number }
  | { kind: 'disc'; rgb: Rgb; cx: number; cy: number; r: number };

export interface Scene {
  width: number;
  height: number;
  background: Rgb;
  /** Painted in order; they never overlap. */
  shapes: SceneShape[];
}

/** 1500×1000: red rect, green disc. Chosen so raw pixel coords and SAM1-style coords for SAM2 miss the rect. */
export const LANDSCAPE: Scene = {
  width: 1500,
  height: 1000,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: RED, x0: 300, y0: 400, x1: 700, y1: 700 },
    { kind: 'disc', rgb: GREEN, cx: 1150, cy: 350, r: 150 },
  ],
};

/** 800×1200: the portrait counterpart. */
export const PORTRAIT: Scene = {
  width: 800,
  height: 1200,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: RED, x0: 300, y0: 500, x1: 700, y1: 900 },
    { kind: 'disc', rgb: GREEN, cx: 330, cy: 230, r: 130 },
  ],
};

/** 1200×900: three similar shades, so thresholds, negative clicks and refinement each change the mask. */
export const SHADES: Scene = {
  width: 1200,
  height: 900,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: RED, x0: 100, y0: 100, x1: 500, y1: 400 },
    { kind: 'rect', rgb: DARK_RED, x0: 650, y0: 100, x1: 1050, y1: 400 },
    { kind: 'rect', rgb: ORANGE, x0: 300, y0: 550, x1: 900, y1: 800 },
  ],
};

function inside(s: SceneShape, x: number, y: number): boolean {
  if (s.kind === 'rect') return x >= s.x0 && x < s.x1 && y >= s.y0 && y < s.y1;
  return (x + 0.5 - s.cx) ** 2 + (y + 0.5 - s.cy) ** 2 <= s.r ** 2;
}

/** Packed RGB bytes, row-major. */
export function renderScene(scene: Scene): Uint8Array {
  const out = new Uint8Array(scene.width * scene.height * 3);
  for (let y = 0; y < scene.height; y++) {
    for (let x = 0; x < scene.width; x++) {
      const hit = scene.shapes.find((s) => inside(s, x, y));
      out.set(hit ? hit.rgb : scene.background, (y * scene.width + x) * 3);
    }
  }
  return out;
}

/** Ground truth: 1 where any of the given shapes is painted. */
export function shapeMask(scene: Scene, indices: number[]): Uint8Array {
  const out = new Uint8Array(scene.width * scene.height);
  const shapes = indices.map((i) => scene.shapes[i]!);
  for (let y = 0; y < scene.height; y++) {
    for (let x = 0; x < scene.width; x++) if (shapes.some((s) => inside(s, x, y))) out[y * scene.width + x] = 1;
  }
  return out;
}
