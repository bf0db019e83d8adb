// Runs in: vitest (node). [Note: cost limits] A layered export's composite of a 12 MP document (a photo
// with a half-transparent overlay on top) is blended in a worker thread: app.info, sent through the
// engine's real dispatcher while the export runs, is answered within a second throughout.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { compositeLayers, dropAlpha } from '../../../src-main/engine/images/composite';
import { slowestAnswerDuring } from './main-thread-probe';
import { makeSession, type TestSession } from '../../helpers/images';
import { doc, handlers, imageLayer, openBytes, pixelsOf } from '../project/fixtures';

const IMAGES = path.resolve(__dirname, '../../../../shared/images');
const W = 4000;
const H = 3000;
let s: TestSession;
let dispatch: Dispatch;
let outDir: string;
let ids: { photo: Awaited<ReturnType<typeof openBytes>>['id']; overlay: Awaited<ReturnType<typeof openBytes>>['id'] };

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  dispatch = createDispatcher(handlers, s.ctx);
  outDir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-export-main-'));
  // Two real photos at 12 MP: the street as the photo, the other half-transparent as an edit over it.
  const photo = await sharp(path.join(IMAGES, 'street.jpg')).resize(W, H, { fit: 'fill' }).jpeg({ quality: 92 }).toBuffer();
  const overlay = await sharp(path.join(IMAGES, 'picture3.jpg'))
    .resize(W, H, { fit: 'fill' })
    .ensureAlpha(0.5)
    .png({ compressionLevel: 1 })
    .toBuffer();
  ids = { photo: (await openBytes(s, photo)).id, overlay: (await openBytes(s, overlay)).id };
  // Decoded before the clock starts: the opened image's background decode is not what this measures.
  await pixelsOf(s, ids.photo);
  await pixelsOf(s, ids.overlay);
  await dispatch({ t: 'req', id: 1, channel: 'app.info', payload: {} }); // its native binding loads on first use
}, 120_000);
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  await s.cleanup();
});

it('answers app.info within a second while a 12 MP layered export (composite, layer PNGs, PSD) is made', async () => {
  const document = doc(W, H, [imageLayer(ids.photo, W, H), imageLayer(ids.overlay, W, H, { name: 'Overlay', opacity: 0.6, x: 7, y: -5 })]);
  const choices = { layers: true, masks: false, cutouts: false, composite: true, psd: true };
  let reply: unknown;
  const { slowest, answered } = await slowestAnswerDuring(dispatch, async () => {
    reply = await dispatch({ t: 'req', id: 2, channel: 'document.exportLayersTo', payload: { document, dir: outDir, choices } });
  });
  expect(reply).toMatchObject({ ok: true });
  expect(answered).toBeGreaterThan(0);
  expect(slowest).toBeLessThan(1000);
  // Byte for byte the composite the main thread would make: the photo under the overlay, alpha dropped (opaque).
  const layers = [
    { pixels: await pixelsOf(s, ids.photo), x: 0, y: 0, opacity: 1 },
    { pixels: await pixelsOf(s, ids.overlay), x: 7, y: -5, opacity: 0.6 },
  ];
  const { data, info } = await sharp(path.join(outDir, 'composite.png')).raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(3);
  expect(data.equals(dropAlpha(compositeLayers(W, H, layers)))).toBe(true);
}, 180_000);
