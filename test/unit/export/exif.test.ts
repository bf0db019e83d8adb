// Runs in: vitest (node). EXIF carried onto exported PNGs: Orientation reset to 1 in either byte order,
// other tags untouched, and the eXIf chunk readable by sharp; the export channels refuse an empty choice.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { channels } from '../../../src-shared/contract/contract';
import { uprightExif, withExifChunk } from '../../../src-main/engine/export/exif';

/** A one-IFD TIFF: Orientation (SHORT) and ImageWidth (LONG), in the given byte order. */
function tiff(le: boolean, orientation: number): Buffer {
  const b = Buffer.alloc(8 + 2 + 2 * 12 + 4);
  const u16 = (v: number, o: number) => (le ? b.writeUInt16LE(v, o) : b.writeUInt16BE(v, o));
  const u32 = (v: number, o: number) => (le ? b.writeUInt32LE(v, o) : b.writeUInt32BE(v, o));
  b.write(le ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(2, 8);
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(orientation, 18);
  u16(0x0100, 22);
  u16(4, 24);
  u32(1, 26);
  u32(640, 30);
  return b;
}

describe('EXIF for exported PNGs', () => {
  it('sets Orientation to 1 in little- and big-endian TIFF, with or without the JPEG "Exif" prefix', () => {
    for (const le of [true, false]) {
      const src = tiff(le, 6);
      const out = uprightExif(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), src]))!;
      expect(out.length).toBe(src.length);
      expect(le ? out.readUInt16LE(18) : out.readUInt16BE(18)).toBe(1);
      expect(le ? out.readUInt32LE(30) : out.readUInt32BE(30)).toBe(640); // other tags as they were
      expect(le ? src.readUInt16LE(18) : src.readUInt16BE(18)).toBe(6); // the input is not changed
    }
    expect(uprightExif(Buffer.from('not exif at all'))).toBeNull();
  });

  it('adds an eXIf chunk that sharp reads back', async () => {
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const out = withExifChunk(png, uprightExif(tiff(true, 8))!);
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([4, 3, 1]);
    expect(meta.exif).toBeDefined();
    expect(Buffer.compare(await sharp(out).raw().toBuffer(), await sharp(png).raw().toBuffer())).toBe(0);
  });
});

describe('export requests', () => {
  it('refuse a request that chooses nothing', () => {
    const none = { layers: false, masks: false, cutouts: false, composite: false, psd: false };
    const doc = { id: 'd_x', schemaVersion: 1, name: 'a.png', width: 1, height: 1, layers: [] };
    expect(channels['document.exportLayers'].request.safeParse({ document: doc, choices: none }).success).toBe(false);
    expect(channels['document.exportLayers'].request.safeParse({ document: doc, choices: { ...none, psd: true } }).success).toBe(true);
    expect(channels['document.exportLayersTo'].request.safeParse({ document: doc, dir: '/tmp/x', choices: none }).success).toBe(false);
  });
});
