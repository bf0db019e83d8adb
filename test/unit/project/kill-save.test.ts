// Runs in: test tooling. A save killed (SIGKILL) at each step, in a real child process: the previous file
// is intact (or, killed after the rename, the new one is complete and `.bak` holds the previous), and the
// recovery copy from the last autosave is listed and opens. An autosave killed midway keeps its old copy.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EditorDocument } from '../../../src-shared/document/types';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { makeSession, type TestSession } from '../../helpers/images';
import { doc, handlers, imageLayer, openBytes, pixelsOf, rgbaPng } from './fixtures';

const CHILD = path.join(__dirname, 'kill-child.ts');
let s: TestSession;
let v1: EditorDocument;
beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  const a = await openBytes(s, await rgbaPng());
  v1 = doc(20, 12, [imageLayer(a.id, 20, 12)], 'Version 1');
});
afterAll(() => s.cleanup());

/** Runs the child until it reaches `point`, then kills it with SIGKILL (no cleanup code can run). */
async function killDuringSave(document: EditorDocument, target: string, point: string): Promise<void> {
  const docFile = path.join(s.dir, `doc-${point}.json`);
  const marker = path.join(s.dir, `marker-${point}-${Date.now()}`);
  await writeFile(docFile, JSON.stringify(document));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, s.dir, docFile, target, point, marker], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  for (const deadline = Date.now() + 45_000; !existsSync(marker);) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the child never reached ${point}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(await readFile(marker, 'utf8')).toBe(point);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

it.each(['mid-write', 'before-rename', 'after-rename'])(
  'killed at %s: the file is one whole version and the recovery copy is offered',
  async (point) => {
    const dir = path.join(s.dir, point);
    await mkdir(dir);
    const file = path.join(dir, 'p.anyfill');
    await handlers['project.saveTo']({ document: v1, path: file }, s.ctx);
    const before = await readFile(file);
    await handlers['project.autosave']({ document: v1 }, s.ctx);

    await killDuringSave({ ...v1, name: 'Version 2' }, file, point);

    const opened = await handlers['project.openPath']({ path: file }, s.ctx);
    if (point === 'after-rename') {
      // Renamed but not yet read back: the new version is complete, the previous one is the .bak.
      expect(opened.document.name).toBe('Version 2');
      expect(await readFile(`${file}.bak`)).toEqual(before);
    } else {
      expect(await readFile(file)).toEqual(before);
      expect(opened.document.name).toBe('Version 1');
      expect((await readdir(dir)).some((n) => /\.tmp-[0-9a-f]{12}$/.test(n))).toBe(point === 'mid-write' || point === 'before-rename');
    }
    const { projects } = await handlers['project.recoverable']({}, s.ctx);
    expect(projects.map((p) => [p.documentId, p.name])).toEqual([[v1.id, 'Version 1']]);
  },
  90_000,
);

it('an autosave killed midway keeps the previous recovery copy, which opens losslessly', async () => {
  await handlers['project.autosave']({ document: v1 }, s.ctx);
  await killDuringSave({ ...v1, name: 'Version 3' }, `recovery:${s.ctx.recoveryDir}`, 'mid-write');
  const { projects } = await handlers['project.recoverable']({}, s.ctx);
  expect(projects.map((p) => [p.documentId, p.name])).toEqual([[v1.id, 'Version 1']]);
  const recovered = await handlers['project.recover']({ documentId: v1.id }, s.ctx);
  expect(recovered.document.name).toBe('Version 1');
  const [a, b] = [await pixelsOf(s, v1.layers[0]!.assetId), await pixelsOf(s, recovered.document.layers[0]!.assetId)];
  expect(b.data.equals(a.data)).toBe(true);
}, 90_000);
