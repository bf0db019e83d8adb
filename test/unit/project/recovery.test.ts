// Runs in: test tooling. Crash recovery channels: project.autosave writes one copy per document into the
// recovery folder (never next to the user's file), project.recoverable lists them, project.recover opens
// one like project.open, project.discardRecovery deletes it.
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newDocumentId } from '../../../src-shared/document/ids';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { makeSession, type TestSession } from '../../helpers/images';
import { doc, handlers, imageLayer, openBytes, pixelsOf, rgbPng, selectionLayer } from './fixtures';

let s: TestSession;
beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
});
afterAll(() => s.cleanup());

it('autosave → recoverable → recover → discard', async () => {
  expect(await handlers['project.recoverable']({}, s.ctx)).toEqual({ projects: [] });
  const a = await openBytes(s, await rgbPng());
  const first = doc(24, 16, [imageLayer(a.id, 24, 16), selectionLayer(a.id)], 'First');
  const second = doc(24, 16, [imageLayer(a.id, 24, 16)], 'Second');

  const saved = await handlers['project.autosave']({ document: first }, s.ctx);
  await handlers['project.autosave']({ document: { ...first, name: 'First, edited' } }, s.ctx);
  await handlers['project.autosave']({ document: second }, s.ctx);
  // One file per document, no .bak for recovery copies, nothing else.
  expect((await readdir(s.ctx.recoveryDir)).sort()).toEqual([`${first.id}.anyfill`, `${second.id}.anyfill`].sort());
  expect(saved.bytes).toBeGreaterThan(0);

  const { projects } = await handlers['project.recoverable']({}, s.ctx);
  expect(projects.map((p) => [p.documentId, p.name]).sort()).toEqual(
    [
      [first.id, 'First, edited'],
      [second.id, 'Second'],
    ].sort(),
  );
  for (const p of projects) expect(p.bytes).toBeGreaterThan(0);

  const recovered = await handlers['project.recover']({ documentId: first.id, maxProxySide: 64 }, s.ctx);
  expect(recovered.document.id).toBe(first.id);
  expect(recovered.document.layers.map((l) => l.kind)).toEqual(['image', 'selection']);
  expect((await pixelsOf(s, recovered.document.layers[0]!.assetId)).data.equals((await pixelsOf(s, a.id)).data)).toBe(true);

  await handlers['project.discardRecovery']({ documentId: first.id }, s.ctx);
  await handlers['project.discardRecovery']({ documentId: first.id }, s.ctx); // idempotent
  expect((await handlers['project.recoverable']({}, s.ctx)).projects.map((p) => p.documentId)).toEqual([second.id]);
  await expect(handlers['project.recover']({ documentId: first.id }, s.ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('leaves damaged and foreign files out of the list', async () => {
  await writeFile(path.join(s.ctx.recoveryDir, `${newDocumentId()}.anyfill`), 'not a zip');
  await writeFile(path.join(s.ctx.recoveryDir, 'notes.txt'), 'hello');
  const { projects } = await handlers['project.recoverable']({}, s.ctx);
  expect(projects.every((p) => p.name === 'Second')).toBe(true);
});

it('refuses renderer-supplied paths: the recovery file is named by the document id only', async () => {
  const { channels } = await import('../../../src-shared/contract/contract');
  expect(channels['project.recover'].request.safeParse({ documentId: '../../etc/passwd' }).success).toBe(false);
  expect(channels['project.saveTo'].owner).toBe('internal');
  expect(channels['project.openPath'].owner).toBe('internal');
});
