// Runs in: vitest (node). `anyfill export --out DIR` never overwrites silently (issue 15 item 9), and a
// destination that cannot be written is named in the error, not blamed on Anyfill's working folder (item 8).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runExport } from '../../../src-main/cli/export-command';
import { exportLayersToFolder } from '../../../src-main/engine/export/export-folder';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { makeSession, type TestSession } from '../../helpers/images';
import { doc, handlers, imageLayer, openBytes, rgbPng } from '../project/fixtures';

let s: TestSession;
let file: string;
let document: ReturnType<typeof doc>;
beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  const rgb = await openBytes(s, await rgbPng());
  document = doc(24, 16, [imageLayer(rgb.id, 24, 16, { name: 'Background' })]);
  file = path.join(s.dir, 'p.anyfill');
  await handlers['project.saveTo']({ document, path: file }, s.ctx);
});
afterAll(() => s.cleanup());

function capture() {
  const io = { out: '', err: '' };
  return { io, streams: { stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) } } };
}

it('refuses to overwrite files of the same name, names them, and writes nothing; --force overwrites', async () => {
  const dir = path.join(s.dir, 'taken');
  await mkdir(dir);
  await writeFile(path.join(dir, 'composite.png'), 'my own picture');
  await writeFile(path.join(dir, 'notes.txt'), 'unrelated');
  const refused = capture();
  expect(await runExport(['--project', file, '--out', dir], refused.streams)).toBe(1);
  expect(refused.io.err).toContain('already holds composite.png');
  expect(refused.io.err).toContain('--force');
  expect(await readFile(path.join(dir, 'composite.png'), 'utf8')).toBe('my own picture');
  expect((await readdir(dir)).sort()).toEqual(['composite.png', 'notes.txt']);

  expect(await runExport(['--project', file, '--out', dir, '--force'], capture().streams)).toBe(0);
  expect((await readFile(path.join(dir, 'composite.png'))).subarray(1, 4).toString()).toBe('PNG');
  expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('unrelated');
});

it('names the destination folder when it cannot be written', async () => {
  const dir = path.join(s.dir, 'locked');
  await mkdir(dir);
  // root ignores mode bits; the immutable attribute stops root too.
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'chattr' : 'chmod', asRoot ? ['+i', dir] : ['555', dir]);
  try {
    const err = await exportLayersToFolder(s.ctx, document, dir).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`Could not write into ${dir}`);
    expect(err?.message).not.toContain('working folder');
  } finally {
    execFileSync(asRoot ? 'chattr' : 'chmod', asRoot ? ['-i', dir] : ['755', dir]);
  }
});
