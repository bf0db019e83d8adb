// Runs in: test tooling. Project-file fixtures: a session with images opened through the engine's own
// handlers, documents over them, and hand-built zips (including names yazl itself would refuse).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import yazl from 'yazl';
import type { AssetId } from '../../../src-shared/document/ids';
import { newDocumentId, newLayerId } from '../../../src-shared/document/ids';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import type { EditorDocument, ImageLayer, Layer } from '../../../src-shared/document/types';
import { createEngineHandlers } from '../../../src-main/engine/handlers';
import { readProject } from '../../../src-main/engine/project/read-project';
import type { ProjectManifest } from '../../../src-shared/project/manifest';
import { rgbaPixels, type TestSession } from '../../helpers/images';

export const handlers = createEngineHandlers();

export async function openBytes(s: TestSession, bytes: Uint8Array) {
  return (await handlers['image.open']({ fileId: await s.stage(bytes), name: 'x', maxProxySide: 256 }, s.ctx)).asset;
}

/** A 24 × 16 RGB gradient PNG, an RGBA one with graded alpha, and a JPEG tagged "rotate 90°" (EXIF 6). */
export const rgbPng = () =>
  sharp(
    rgbaPixels(24, 16, (x, y) => [x * 10, y * 15, (x * y) % 256, 255]),
    { raw: { width: 24, height: 16, channels: 4 } },
  )
    .removeAlpha()
    .png()
    .toBuffer();
export const rgbaPng = () =>
  sharp(
    rgbaPixels(20, 12, (x, y) => [200, x * 12, y * 20, (x * 13 + y * 7) % 256]),
    { raw: { width: 20, height: 12, channels: 4 } },
  )
    .png()
    .toBuffer();
export const rotatedJpeg = () =>
  sharp(
    rgbaPixels(32, 16, (x, y) => (x < 16 ? [250, 10, 10, 255] : y < 8 ? [10, 250, 10, 255] : [10, 10, 250, 255])),
    { raw: { width: 32, height: 16, channels: 4 } },
  )
    .removeAlpha()
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();

export function imageLayer(assetId: AssetId, width: number, height: number, over: Partial<ImageLayer> = {}): ImageLayer {
  return { id: newLayerId(), kind: 'image', name: 'Photo', assetId, visible: true, opacity: 1, x: 0, y: 0, width, height, ...over };
}

export function selectionLayer(assetId: AssetId): SelectionLayer {
  return {
    id: newLayerId(),
    kind: 'selection',
    name: 'Sky',
    visible: true,
    colour: '#33aaff',
    assetId,
    prompt: { points: [{ x: 3, y: 4, label: 1 }] },
    sam: null,
    wand: [{ x: 2, y: 2, mode: 'add', tolerance: 30, edgeAware: false, contiguous: true }],
    strokes: [
      {
        mode: 'add',
        radius: 3,
        hardness: 0.5,
        points: [
          { x: 5, y: 5 },
          { x: 12, y: 9 },
        ],
      },
    ],
    ops: [
      { kind: 'grow', px: 1 },
      { kind: 'feather', radius: 1.5 },
    ],
  };
}

export function doc(width: number, height: number, layers: Layer[], name = 'Holiday'): EditorDocument {
  return { id: newDocumentId(), schemaVersion: 1, name, width, height, layers };
}

export async function pixelsOf(s: TestSession, id: AssetId) {
  return (await s.ctx.services.assets.ensureDecoded(id)).pixels;
}

/** Asset folders in the session: what "nothing registered" is checked against. */
export async function assetFolders(s: TestSession): Promise<string[]> {
  return readdir(path.join(s.dir, 'assets')).catch(() => []);
}

export interface RawEntry {
  name: string;
  data: Buffer;
  mode?: number;
  compress?: boolean;
}

/**
 * A zip with any entry names: yazl refuses unsafe names, so each is written as a same-length
 * placeholder and patched in the bytes afterwards (local header and central directory alike).
 */
export async function craftZip(entries: RawEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const patches: Array<[Buffer, Buffer]> = [];
  entries.forEach((e, i) => {
    const wanted = Buffer.from(e.name, 'utf8');
    const placeholder = Buffer.from(
      `${String(i).padStart(4, '0')}${'q'.repeat(Math.max(0, wanted.length - 4))}`.slice(0, Math.max(wanted.length, 4)),
    );
    const safe = wanted.length >= 4 && placeholder.length === wanted.length;
    if (safe) patches.push([placeholder, wanted]);
    zip.addBuffer(e.data, safe ? placeholder.toString() : e.name, {
      ...(e.mode === undefined ? {} : { mode: e.mode }),
      compress: e.compress ?? true,
    });
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  for (const [from, to] of patches) for (let i = buf.indexOf(from); i !== -1; i = buf.indexOf(from, i + 1)) to.copy(buf, i);
  return buf;
}

/** A sound two-image project ("Overlay" on top), saved through the engine: its file, manifest and asset PNGs. */
export async function savedTwoImageProject(s: TestSession): Promise<{ file: string; manifest: ProjectManifest; pngs: Buffer[] }> {
  const a = await openBytes(s, await rgbPng());
  const b = await openBytes(s, await rgbaPng());
  const file = path.join(s.dir, 'good.anyfill');
  await handlers['project.saveTo'](
    { document: doc(30, 20, [imageLayer(a.id, 24, 16), imageLayer(b.id, 20, 12, { name: 'Overlay' })]), path: file },
    s.ctx,
  );
  const project = await readProject(file);
  try {
    return { file, manifest: project.manifest, pngs: await Promise.all(project.manifest.assets.map((x) => project.readAsset(x))) };
  } finally {
    project.close();
  }
}
