// Runs in: test tooling. Save failures injected at each step (disk full, permission denied, read-only):
// the previous file stays byte-identical, `.bak` holds exactly the version before, no temp file is
// left, and the message says what happened and that the previous version is unchanged.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EditorDocument } from '../../../src-shared/document/types';
import { hardenSharp } from '../../../src-main/engine/handlers';
import type { SaveHook, SavePoint } from '../../../src-main/engine/project/write-zip';
import { makeSession, type TestSession } from '../../helpers/images';
import { doc, handlers, imageLayer, openBytes, rgbPng } from './fixtures';

let s: TestSession;
/** This test's failure at a save point: the session's save hook calls it. */
let hook: SaveHook | undefined;
const setHook = (h: SaveHook | undefined) => void (hook = h);
let base: EditorDocument;
beforeAll(async () => {
  hardenSharp();
  s = await makeSession({ saveHook: (at, where) => hook?.(at, where) });
  const a = await openBytes(s, await rgbPng());
  base = doc(24, 16, [imageLayer(a.id, 24, 16)]);
});
afterAll(() => s.cleanup());
afterEach(() => setHook(undefined));

const version = (n: number): EditorDocument => ({ ...base, name: `Version ${n}` });
const save = (file: string, n: number) => handlers['project.saveTo']({ document: version(n), path: file }, s.ctx);
const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

let folder = 0;
/** A fresh folder with v0 saved, then v1 saved over it: so the file is v1 and `.bak` is v0. */
async function twoVersions() {
  const dir = path.join(s.dir, `f${folder++}`);
  await mkdir(dir);
  const file = path.join(dir, 'p.anyfill');
  await save(file, 0);
  const v0 = await readFile(file);
  await save(file, 1);
  return { dir, file, v0, v1: await readFile(file) };
}

const MESSAGES = {
  ENOSPC: 'Could not save the project: the disk is full. Free some space and try again. The previous version of the file is unchanged.',
  EACCES: 'Could not save the project: permission denied. The previous version of the file is unchanged.',
  EROFS: 'Could not save the project: the folder is read-only. The previous version of the file is unchanged.',
};
const POINTS: SavePoint[] = ['before-write', 'mid-write', 'before-rename', 'after-rename'];

it('a good save keeps exactly one .bak: the version before', async () => {
  const { dir, file, v0, v1 } = await twoVersions();
  expect(await readFile(`${file}.bak`)).toEqual(v0);
  const result = await save(file, 2);
  expect(result.backup).toBe(true);
  expect(await readFile(`${file}.bak`)).toEqual(v1);
  expect((await readdir(dir)).sort()).toEqual(['p.anyfill', 'p.anyfill.bak']);
});

describe.each(POINTS)('failure at %s', (point) => {
  it.each(Object.keys(MESSAGES) as Array<keyof typeof MESSAGES>)('%s: previous file intact, clear message', async (code) => {
    const { dir, file, v0, v1 } = await twoVersions();
    setHook((at) => {
      if (at === point) throw errno(code);
    });
    const err = await save(file, 2).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err).toMatchObject({ code: 'IO', message: MESSAGES[code] });
    expect(await readFile(file)).toEqual(v1);
    // Before the rename the old .bak is untouched; after it, .bak already holds v1 (the version before).
    expect(await readFile(`${file}.bak`)).toEqual(point === 'after-rename' ? v1 : v0);
    expect((await readdir(dir)).sort()).toEqual(['p.anyfill', 'p.anyfill.bak']);
  });
});

it('a first save that fails after the rename leaves no file behind', async () => {
  const dir = path.join(s.dir, 'first');
  await mkdir(dir);
  setHook((at) => {
    if (at === 'after-rename') throw errno('ENOSPC');
  });
  await expect(save(path.join(dir, 'new.anyfill'), 0)).rejects.toMatchObject({
    message: 'Could not save the project: the disk is full. Free some space and try again.',
  });
  expect(await readdir(dir)).toEqual([]);
});

it('the read-back catches a file damaged after writing and puts the previous version back', async () => {
  const { file, v1 } = await twoVersions();
  let corrupted = 0;
  setHook(async (at, where) => {
    if (at !== 'after-rename') return;
    const bytes = await readFile(where.target);
    bytes.fill(0, 0, Math.min(bytes.length, 2000)); // the first asset's bytes: its checksum fails
    await writeFile(where.target, bytes);
    corrupted++;
  });
  await expect(save(file, 2)).rejects.toMatchObject({
    code: 'INTEGRITY',
    message:
      'Could not save the project: the file did not read back correctly after writing. The previous version of the file is unchanged.',
  });
  expect(corrupted).toBe(1);
  expect(await readFile(file)).toEqual(v1);
});

it('says so when the folder does not exist or a folder is in the way', async () => {
  await expect(save(path.join(s.dir, 'no-such-folder', 'p.anyfill'), 0)).rejects.toMatchObject({
    code: 'IO',
    message: 'Could not save the project: its folder does not exist.',
  });
  const dir = path.join(s.dir, 'in-the-way.anyfill');
  await mkdir(dir);
  await expect(save(dir, 0)).rejects.toMatchObject({
    code: 'IO',
    message: 'Could not save the project: a folder of that name is in the way.',
  });
});

it('a save after a killed one clears the temp files it left', async () => {
  const { dir, file } = await twoVersions();
  await writeFile(`${file}.tmp-0123456789ab`, 'half a zip');
  await save(file, 2);
  expect((await readdir(dir)).sort()).toEqual(['p.anyfill', 'p.anyfill.bak']);
  expect(existsSync(`${file}.tmp-0123456789ab`)).toBe(false);
});
