// Runs in: vitest (Node). Recent files: dedupe, cap, missing files dropped, names only.
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENT, RecentFiles } from '../../src-main/electron/recent-files';

let dir: string;
let store: string;
let osCalls: string[];
let recent: RecentFiles;
const image = (name: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, 'x');
  return p;
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'anyfill-recent-'));
  store = path.join(dir, 'userData', 'recent.json');
  osCalls = [];
  recent = new RecentFiles({ file: store, addToOs: (p) => osCalls.push(p) });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RecentFiles', () => {
  it('lists newest first, without duplicates, and tells the OS', async () => {
    const a = image('a.jpg');
    const b = image('b.png');
    await recent.add(a);
    await recent.add(b);
    await recent.add(a);
    expect(await recent.list()).toEqual([a, b]);
    expect(osCalls).toEqual([a, b, a]);
  });

  it(`keeps at most ${MAX_RECENT}`, async () => {
    const files = Array.from({ length: MAX_RECENT + 3 }, (_, i) => image(`img${i}.jpg`));
    for (const f of files) await recent.add(f);
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe(files.at(-1));
  });

  it('gives the renderer names and indices, never paths', async () => {
    await recent.add(image('truck.jpg'));
    await recent.add(image('dog.jpg'));
    const names = await recent.names();
    expect(names).toEqual([
      { index: 0, name: 'dog.jpg' },
      { index: 1, name: 'truck.jpg' },
    ]);
    expect(JSON.stringify(names)).not.toContain(dir);
    expect(await recent.pathAt(1)).toBe(path.join(dir, 'truck.jpg'));
    expect(await recent.pathAt(5)).toBeNull();
  });

  it('drops files that no longer exist and rewrites the list', async () => {
    const a = image('a.jpg');
    const b = image('b.jpg');
    await recent.add(a);
    await recent.add(b);
    unlinkSync(a);
    expect(await recent.list()).toEqual([b]);
    expect(JSON.parse(readFileSync(store, 'utf8'))).toEqual({ version: 1, files: [b] });
  });

  it('treats a damaged or foreign recent.json as empty', async () => {
    await recent.add(image('a.jpg'));
    writeFileSync(store, '{not json');
    expect(await recent.list()).toEqual([]);
    writeFileSync(store, JSON.stringify({ version: 1, files: ['relative/path.jpg', 42] }));
    expect(await recent.list()).toEqual([]);
  });

  it('does not lose entries when adds overlap', async () => {
    const files = ['a.jpg', 'b.jpg', 'c.jpg'].map(image);
    await Promise.all(files.map((f) => recent.add(f)));
    expect((await recent.list()).sort()).toEqual([...files].sort());
  });
});
