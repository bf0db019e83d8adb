// Runs in: vitest (node). The viewport math the canvas, wheel zoom and zoom commands rely on.
import { describe, expect, it } from 'vitest';
import {
  MAX_SCALE,
  MIN_SCALE,
  centerAt,
  clampScale,
  fitViewport,
  formatZoom,
  imageToScreen,
  nextZoomStep,
  pan,
  screenToImage,
  wheelZoomFactor,
  zoomAbout,
  zoomBy,
  type Viewport,
} from '../../../src-renderer/core/viewport/viewport';

const close = (a: number, b: number, eps = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(eps);

describe('screen ↔ image', () => {
  const v: Viewport = { scale: 0.25, x: 40, y: -12 };
  it('maps the origin to the viewport offset and scales distances', () => {
    expect(imageToScreen(v, { x: 0, y: 0 })).toEqual({ x: 40, y: -12 });
    expect(imageToScreen(v, { x: 400, y: 100 })).toEqual({ x: 140, y: 13 });
  });
  it('round-trips', () => {
    for (const p of [
      { x: 0, y: 0 },
      { x: 1799, y: 1199 },
      { x: -50.5, y: 3.25 },
    ]) {
      const back = screenToImage(v, imageToScreen(v, p));
      close(back.x, p.x);
      close(back.y, p.y);
    }
  });
});

describe('fitViewport', () => {
  it('fits a wide image by width, centred, with the margin', () => {
    const v = fitViewport({ width: 4000, height: 1000 }, { width: 1000, height: 800 }, 20);
    close(v.scale, 960 / 4000);
    const tl = imageToScreen(v, { x: 0, y: 0 });
    const br = imageToScreen(v, { x: 4000, y: 1000 });
    close(tl.x, 20, 0.51);
    close(br.x, 980, 0.51);
    close((tl.y + br.y) / 2, 400, 0.51); // vertically centred
  });
  it('fits a tall image by height', () => {
    const v = fitViewport({ width: 1200, height: 1800 }, { width: 1600, height: 900 }, 30);
    close(v.scale, 840 / 1800);
    const br = imageToScreen(v, { x: 1200, y: 1800 });
    expect(br.y).toBeLessThanOrEqual(900 - 30 + 0.5);
    close(v.x + (1200 * v.scale) / 2, 800, 0.51);
  });
  it('never enlarges past 100% by default, but can', () => {
    expect(fitViewport({ width: 100, height: 50 }, { width: 1000, height: 800 }).scale).toBe(1);
    expect(fitViewport({ width: 100, height: 50 }, { width: 1000, height: 800 }, 0, 4).scale).toBe(4);
  });
  it('keeps the whole image inside the view', () => {
    const image = { width: 1800, height: 1200 };
    const view = { width: 777, height: 333 };
    const v = fitViewport(image, view);
    const tl = imageToScreen(v, { x: 0, y: 0 });
    const br = imageToScreen(v, { x: image.width, y: image.height });
    expect(tl.x).toBeGreaterThanOrEqual(0);
    expect(tl.y).toBeGreaterThanOrEqual(0);
    expect(br.x).toBeLessThanOrEqual(view.width);
    expect(br.y).toBeLessThanOrEqual(view.height);
  });
  it('leaves the bottom dock clear: the image ends above it, centred between the top margin and the dock', () => {
    // The 1366×768 canvas area (1066 × 672) with a 3:2 photo.
    const view = { width: 1066, height: 672 };
    const v = fitViewport({ width: 3000, height: 2000 }, view, 32, 1, 100);
    const tl = imageToScreen(v, { x: 0, y: 0 });
    const br = imageToScreen(v, { x: 3000, y: 2000 });
    expect(br.y).toBeLessThanOrEqual(672 - 100 + 0.5);
    close(tl.y, 32, 0.51);
    close(v.scale, (672 - 32 - 100) / 2000);
    // A view too short for the dock keeps half of itself for the image.
    const low = fitViewport({ width: 100, height: 100 }, { width: 400, height: 120 }, 32, 1, 100);
    expect(imageToScreen(low, { x: 100, y: 100 }).y).toBeLessThanOrEqual(60 + 0.5);
    expect(low.scale).toBeGreaterThan(0.2);
  });
  it('copes with an empty view and a huge image', () => {
    expect(fitViewport({ width: 10, height: 10 }, { width: 0, height: 0 }).scale).toBe(1);
    expect(fitViewport({ width: 10_000_000, height: 10 }, { width: 100, height: 100 }).scale).toBe(MIN_SCALE);
  });
});

describe('zoomAbout', () => {
  const start: Viewport = { scale: 0.42, x: 13, y: 71 };
  it('keeps the image point under the cursor fixed', () => {
    for (const at of [
      { x: 0, y: 0 },
      { x: 512, y: 300 },
      { x: 1023.5, y: 17 },
    ]) {
      for (const s of [0.05, 0.42, 1, 3.7, 20]) {
        const before = screenToImage(start, at);
        const after = zoomAbout(start, at, s);
        close(after.scale, s);
        const under = screenToImage(after, at);
        close(under.x, before.x, 1e-6);
        close(under.y, before.y, 1e-6);
      }
    }
  });
  it('clamps to 1%–3200% and still keeps the point fixed', () => {
    const at = { x: 400, y: 250 };
    const before = screenToImage(start, at);
    for (const [asked, got] of [
      [1000, MAX_SCALE],
      [0.0001, MIN_SCALE],
    ] as const) {
      const v = zoomAbout(start, at, asked);
      expect(v.scale).toBe(got);
      const under = screenToImage(v, at);
      close(under.x, before.x, 1e-6);
      close(under.y, before.y, 1e-6);
    }
  });
  it('zoomBy multiplies and is reversible', () => {
    const at = { x: 300, y: 200 };
    const v = zoomBy(zoomBy(start, at, 2), at, 0.5);
    close(v.scale, start.scale);
    close(v.x, start.x, 1e-9);
    close(v.y, start.y, 1e-9);
  });
});

describe('pan, steps, wheel, clamp', () => {
  it('pans in screen pixels without changing the scale', () => {
    const v = pan({ scale: 2, x: 10, y: 10 }, 5, -20);
    expect(v).toEqual({ scale: 2, x: 15, y: -10 });
    const p = screenToImage(v, { x: 15, y: -10 });
    expect(p).toEqual({ x: 0, y: 0 });
  });
  it('centerAt centres at an exact scale', () => {
    expect(centerAt({ width: 200, height: 100 }, { width: 1000, height: 500 }, 1)).toEqual({ scale: 1, x: 400, y: 200 });
  });
  it('steps through presets both ways and stops at the limits', () => {
    expect(nextZoomStep(1, 1)).toBe(1.5);
    expect(nextZoomStep(1, -1)).toBe(0.667);
    expect(nextZoomStep(0.42, 1)).toBe(0.5);
    expect(nextZoomStep(0.42, -1)).toBe(0.333);
    expect(nextZoomStep(MAX_SCALE, 1)).toBe(MAX_SCALE);
    expect(nextZoomStep(MIN_SCALE, -1)).toBe(MIN_SCALE);
  });
  it('wheel: down zooms out, up zooms in, symmetric, bounded, line mode scaled', () => {
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    close(wheelZoomFactor(100, 0) * wheelZoomFactor(-100, 0), 1);
    expect(wheelZoomFactor(3, 1)).toBe(wheelZoomFactor(48, 0));
    expect(wheelZoomFactor(1e6, 0)).toBe(wheelZoomFactor(200, 0));
  });
  it('clampScale rejects junk', () => {
    expect(clampScale(Number.NaN)).toBe(1);
    expect(clampScale(0)).toBe(MIN_SCALE);
    expect(clampScale(99)).toBe(MAX_SCALE);
  });
  it('formats the zoom', () => {
    expect(formatZoom(0.42)).toBe('42%');
    expect(formatZoom(1)).toBe('100%');
    expect(formatZoom(0.015)).toBe('1.5%');
    expect(formatZoom(32)).toBe('3200%');
  });
});
