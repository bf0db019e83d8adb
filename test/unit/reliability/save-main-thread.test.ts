// Runs in: vitest (node). [Note: cost limits] Saving a project at the pixel cap (a 250 MP image of noise,
// whose PNG cannot compress: 750 MB to checksum at save and again at the read-back) keeps the engine's main
// thread answering: app.info, sent through the real dispatcher while the save runs, within a second throughout.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AssetId } from '../../../src-shared/document/ids';
import { createDispatcher, type Dispatch } from '../../../src-main/engine/dispatcher';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { readProject } from '../../../src-main/engine/project/read-project';
import { makeSession, type TestSession } from '../../helpers/images';
import { doc, handlers, imageLayer, pixelsOf } from '../project/fixtures';
import { slowestAnswerDuring as probe } from './main-thread-probe';

const W = 16_000;
const H = 15_625;
let s: TestSession;
let dispatch: Dispatch;
let outDir: string;
let id: AssetId;

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  dispatch = createDispatcher(handlers, s.ctx);
  outDir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-save-main-'));
  // Noise does not compress, so the saved PNG is as big as the pixels; stored (level 0) it is quick to make.
  const noise = await sharp(randomBytes(W * H * 3), { raw: { width: W, height: H, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  // Opened as a user who agreed to the memory it needs (the NEEDS_CONFIRMATION question).
  id = (await handlers['image.open']({ fileId: await s.stage(noise), name: 'noise.png', maxProxySide: 256, allowLarge: true }, s.ctx)).asset
    .id;
  await pixelsOf(s, id); // decoded before the clock starts
  await dispatch({ t: 'req', id: 1, channel: 'app.info', payload: {} });
}, 300_000);
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
  await s.cleanup();
});

/** The slowest app.info answer while `work` runs; at least one must have been answered. */
async function slowestAnswerDuring(work: () => Promise<unknown>): Promise<number> {
  const { slowest, answered } = await probe(dispatch, work);
  expect(answered).toBeGreaterThan(0);
  return slowest;
}

it('answers app.info within a second while a 250 MP project is saved and autosaved', async () => {
  const document = doc(W, H, [imageLayer(id, W, H)]);
  const file = path.join(outDir, 'big.anyfill');
  let reply: unknown;
  const saving = await slowestAnswerDuring(
    async () => (reply = await dispatch({ t: 'req', id: 2, channel: 'project.saveTo', payload: { document, path: file } })),
  );
  expect(reply).toMatchObject({ ok: true });
  const autosaving = await slowestAnswerDuring(
    async () => (reply = await dispatch({ t: 'req', id: 3, channel: 'project.autosave', payload: { document } })),
  );
  expect(reply).toMatchObject({ ok: true });
  console.log(`slowest app.info: save ${Math.round(saving)} ms, autosave ${Math.round(autosaving)} ms`);
  expect(saving).toBeLessThan(1000);
  expect(autosaving).toBeLessThan(1000);
  // The saved file reads back, its asset matching its checksum.
  const project = await readProject(file);
  try {
    for (const asset of project.manifest.assets) expect((await project.readAsset(asset)).length).toBeGreaterThan(W * H * 3);
  } finally {
    project.close();
  }
}, 600_000);
