// Runs in: test tooling. sniffFormat: formats recognised by their first bytes, and why others are refused.
import { describe, expect, it } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { sniffFormat } from '../../../src-main/engine/images/sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function refusal(head: Uint8Array): { code: string; message: string } {
  try {
    sniffFormat(head);
  } catch (err) {
    if (err instanceof AnyfillError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

/** An ftyp box with a major brand and compatible brands. */
function ftyp(major: string, ...compatible: string[]): Buffer {
  const box = bytes([0, 0, 0, 16 + 4 * compatible.length], 'ftyp', major, [0, 0, 0, 0], compatible.join(''));
  return Buffer.concat([box, Buffer.alloc(64, 1)]);
}

describe('sniffFormat', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], [0, 16])],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13])],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['gif', bytes('GIF87a', [1, 0, 1, 0])],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['tiff', bytes('II*', [0, 8, 0, 0, 0])],
    ['tiff', bytes('MM', [0, 42, 0, 0, 0, 8])],
    ['avif', ftyp('avif', 'mif1', 'miaf')],
    ['avif', ftyp('mif1', 'avif', 'miaf')],
    ['avif', ftyp('avis', 'msf1')],
    ['bmp', bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0])],
  ])('recognises %s', (format, head) => {
    expect(sniffFormat(head)).toBe(format);
  });

  it('calls a zero-byte file empty', () => {
    expect(refusal(new Uint8Array(0)).code).toBe('EMPTY_FILE');
  });

  it.each([
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"/>', /SVG files are not supported; export it as PNG/],
    ['SVG with prolog', '\uFEFF<?xml version="1.0"?>\n<!-- hi -->\n<svg width="1" height="1"></svg>', /SVG/],
    ['SVG doctype', '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>', /SVG/],
    ['PDF', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', /PDF/],
    ['plain text', 'Shopping list:\n- eggs\n- milk\n', /not an image \(it looks like text\)/],
    ['UTF-8 text', 'Crème brûlée für alle — 日本語\n', /looks like text/],
    ['HTML', '<!doctype html><html><body>hi</body></html>', /looks like text/],
    ['PSD', bytes('8BPS', [0, 1, 0, 0, 0, 0, 0, 0]), /Photoshop/],
    ['JPEG XL', bytes([0xff, 0x0a, 0xfa, 0x7f]), /JPEG XL/],
    ['ICO', bytes([0, 0, 1, 0, 1, 0, 16, 16, 0, 0]), /ICO/],
  ])('refuses %s as UNSUPPORTED_FORMAT', (_name, head, message) => {
    const r = refusal(typeof head === 'string' ? Buffer.from(head, 'utf8') : head);
    expect(r.code).toBe('UNSUPPORTED_FORMAT');
    expect(r.message).toMatch(message);
  });

  it.each([
    ['heic', ftyp('heic', 'mif1', 'heic')],
    ['heix', ftyp('heix', 'mif1')],
    ['mif1 + hevc', ftyp('mif1', 'hevc')],
    ['heim', ftyp('heim', 'miaf')],
    ['heis', ftyp('heis', 'msf1')],
    ['hevm', ftyp('hevm', 'msf1')],
  ])('refuses HEIC (%s) with a conversion hint', (_name, head) => {
    expect(refusal(head)).toEqual({
      code: 'UNSUPPORTED_FORMAT',
      message: 'HEIC photos are not supported yet; convert it to JPEG or PNG first.',
    });
  });

  it('refuses other ISO media (an MP4) without calling it HEIC', () => {
    const r = refusal(ftyp('isom', 'iso2', 'mp41'));
    expect(r.code).toBe('UNSUPPORTED_FORMAT');
    expect(r.message).not.toMatch(/HEIC/);
  });

  it('refuses random bytes as an unknown format', () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    const r = refusal(noise);
    expect(r.code).toBe('UNSUPPORTED_FORMAT');
    expect(r.message).toMatch(/not an image format Anyfill can open/);
  });

  it('reads a text file that begins with "BM" as text, not as a BMP', () => {
    expect(refusal(Buffer.from('BMW service notes\nOil change due.\n')).message).toMatch(/looks like text/);
  });
});
