// Runs in: vitest (node). Extend Canvas's document change: the canvas grows, every layer shifts by the
// offset, the grown picture goes underneath, and undo (the inverse patches) restores size and places.
import { applyPatches, enablePatches, produceWithPatches } from 'immer';
import { describe, expect, it } from 'vitest';
import type { AssetId, DocumentId, LayerId } from '../../../src-shared/document/ids';
import type { EditorDocument, ImageLayer } from '../../../src-shared/document/types';
import { growDocument, growth } from '../../../src-renderer/outpaint/outpaint-patch';
import { extendRequest, type OutpaintState } from '../../../src-renderer/outpaint/outpaint-store';

enablePatches();

const image = (id: string, x: number, y: number, width: number, height: number): ImageLayer => ({
  id: id as LayerId,
  kind: 'image',
  name: id,
  assetId: `a_${id}` as AssetId,
  visible: true,
  opacity: 1,
  x,
  y,
  width,
  height,
});
const doc = (): EditorDocument => ({
  id: 'd_test' as DocumentId,
  schemaVersion: 1,
  name: 'photo.png',
  width: 400,
  height: 300,
  layers: [image('l_photo', 0, 0, 400, 300), image('l_fill', 120, 80, 50, 40)],
});

describe('outpaint document patch', () => {
  it('grows the canvas, shifts every layer by the offset and puts the grown picture at the bottom', () => {
    const grown = image('l_out', 0, 0, 400 + 64 + 128, 300 + 32);
    const [next, patches, inverse] = produceWithPatches(doc(), (d) => {
      expect(growDocument(d, { photoId: 'l_photo' as LayerId, offset: { x: 64, y: 32 }, layer: grown })).toBe(true);
    });
    expect([next.width, next.height]).toEqual([592, 332]);
    expect(next.layers.map((l) => l.id)).toEqual(['l_out', 'l_photo', 'l_fill']);
    expect(next.layers[0]).toMatchObject({ x: 0, y: 0, width: 592, height: 332 });
    expect(next.layers[1]).toMatchObject({ x: 64, y: 32 });
    expect(next.layers[2]).toMatchObject({ x: 184, y: 112 });
    expect(patches.length).toBeGreaterThan(0);
    expect(applyPatches(next, inverse)).toEqual(doc());
  });

  it('growing only right and down shifts nothing', () => {
    expect(growth(doc(), { photoId: 'l_photo' as LayerId, offset: { x: 0, y: 0 }, layer: image('l_out', 0, 0, 528, 300) })).toEqual({
      width: 528,
      height: 300,
      dx: 0,
      dy: 0,
    });
  });

  it('does nothing when the photo is gone', () => {
    const [next] = produceWithPatches(doc(), (d) => {
      expect(growDocument(d, { photoId: 'l_gone' as LayerId, offset: { x: 8, y: 0 }, layer: image('l_out', 0, 0, 408, 300) })).toBe(false);
    });
    expect(next).toEqual(doc());
  });
});

describe('extend request', () => {
  const base: OutpaintState = {
    open: true,
    mode: 'pixels',
    pixels: { left: 0, right: 0, top: 0, bottom: 0 },
    aspect: '16:9',
    prompt: '',
    seed: null,
  };
  it('pixels per side, nothing when every side is 0, or an aspect preset', () => {
    expect(extendRequest(base)).toBeNull();
    expect(extendRequest({ ...base, pixels: { ...base.pixels, right: 128 } })).toEqual({ left: 0, right: 128, top: 0, bottom: 0 });
    expect(extendRequest({ ...base, mode: 'aspect' })).toEqual({ aspect: { width: 16, height: 9 } });
  });
});
