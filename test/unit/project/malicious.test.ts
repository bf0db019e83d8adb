// Runs in: test tooling. Crafted projects are refused whole, each with its own message, before any
// asset is registered: traversal, absolute and drive-letter names, backslashes, links, zip bombs, too
// many or unknown entries, duplicates, newer schemas, missing or altered assets, and non-zips.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProjectManifest } from '../../../src-shared/project/manifest';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { makeSession, type TestSession } from '../../helpers/images';
import { assetFolders, craftZip, handlers, savedTwoImageProject, type RawEntry } from './fixtures';

let s: TestSession;
let manifest: ProjectManifest;
let pngs: Buffer[];
let before: string[];

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  ({ manifest, pngs } = await savedTwoImageProject(s));
  before = await assetFolders(s);
});
afterAll(() => s.cleanup());

/** The good project's entries, with `extra` added and `change` applied to the manifest. */
function entries(extra: RawEntry[] = [], change: (m: Record<string, unknown>) => unknown = (m) => m): RawEntry[] {
  const m = change(structuredClone(manifest) as unknown as Record<string, unknown>);
  return [
    ...manifest.assets.map((x, i) => ({ name: x.path, data: pngs[i]!, compress: false })),
    ...extra,
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(m)) },
  ];
}

async function refusedWith(zip: Buffer, message: string | RegExp): Promise<void> {
  const file = path.join(s.dir, `crafted-${Math.random().toString(36).slice(2)}.anyfill`);
  await writeFile(file, zip);
  const err = await handlers['project.openPath']({ path: file }, s.ctx).then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  expect(err, 'the project should be refused').not.toBeNull();
  if (typeof message === 'string') expect(err!.message).toBe(message);
  else expect(err!.message).toMatch(message);
  // Nothing registered, nothing left in the session.
  expect(await assetFolders(s)).toEqual(before);
}

const png = () => pngs[0]!;

it('opens the untouched crafted copy (the harness itself is sound)', async () => {
  const file = path.join(s.dir, 'crafted-good.anyfill');
  await writeFile(file, await craftZip(entries()));
  const opened = await handlers['project.openPath']({ path: file }, s.ctx);
  expect(opened.document.layers).toHaveLength(2);
  for (const a of opened.assets) await handlers['image.release']({ assetId: a.asset.id }, s.ctx);
  before = await assetFolders(s);
});

it.each([
  ['../evil.png', 'an entry that points outside the project ("../evil.png")'],
  ['assets/../../evil.png', 'an entry that points outside the project ("assets/../../evil.png")'],
  ['/etc/evil.png', 'an entry with an absolute path ("/etc/evil.png")'],
  ['C:\\evil\\x.png', 'an entry with a drive letter ("C:\\\\evil\\\\x.png")'],
  ['C:/evil.png', 'an entry with a drive letter ("C:/evil.png")'],
  ['assets\\a_x.png', 'an entry with a backslash in its name ("assets\\\\a_x.png")'],
  ['script.js', 'an entry Anyfill does not write ("script.js")'],
  ['assets/sub/a_x.png', 'an entry Anyfill does not write ("assets/sub/a_x.png")'],
])('refuses the entry name %s', async (name, why) => {
  await refusedWith(await craftZip(entries([{ name, data: png() }])), `This project file was refused: it holds ${why}.`);
});

it('refuses a symbolic link entry', async () => {
  const zip = await craftZip(entries([{ name: 'assets/a_link0001.png', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]));
  await refusedWith(zip, 'This project file was refused: it holds a symbolic link ("assets/a_link0001.png").');
});

it('refuses a zip bomb by its compression ratio, before inflating it', async () => {
  const zip = await craftZip(entries([{ name: 'assets/a_bomb0001.png', data: Buffer.alloc(20 * 1024 ** 2) }]));
  expect(zip.length).toBeLessThan(200_000);
  await refusedWith(
    zip,
    /^This project file was refused: it holds a zip bomb \("assets\/a_bomb0001.png" would expand \d+× to 20971520 bytes\)\.$/,
  );
});

it('refuses too many entries and duplicate names', async () => {
  const many = Array.from({ length: 1003 }, (_, i) => ({ name: `assets/a_many${String(i).padStart(5, '0')}.png`, data: Buffer.from('x') }));
  await refusedWith(
    await craftZip(entries(many)),
    'This project file was refused: it holds too many entries (1006; a project holds at most 1002).',
  );
  await refusedWith(
    await craftZip(entries([{ name: 'manifest.json', data: Buffer.from('{}') }])),
    'This project file was refused: it holds two entries named "manifest.json".',
  );
});

it('refuses a project from a newer Anyfill by name', async () => {
  await refusedWith(
    await craftZip(entries([], (m) => ({ ...m, schemaVersion: 7 }))),
    'This project was made by a newer Anyfill (schema 7); this version reads up to 1. Update Anyfill to open it.',
  );
});

it('refuses a missing asset, naming the layer', async () => {
  const all = entries().filter((e) => e.name !== manifest.assets[1]!.path);
  await refusedWith(
    await craftZip(all),
    `This project file is damaged: the image of layer “Overlay” (${manifest.assets[1]!.path}) is missing.`,
  );
});

it('refuses an asset whose bytes do not match the checksum, removing the assets opened before it', async () => {
  const all = entries().map((e) => (e.name === manifest.assets[1]!.path ? { ...e, data: pngs[0]! } : e));
  await refusedWith(
    await craftZip(all),
    `This project file is damaged: the image of layer “Overlay” (${manifest.assets[1]!.path}) does not match its checksum.`,
  );
});

it('refuses manifests that are not JSON, have no document, or point a path outside assets/', async () => {
  const bad = (m: Buffer) => [...entries().filter((e) => e.name !== 'manifest.json'), { name: 'manifest.json', data: m }];
  await refusedWith(
    await craftZip(bad(Buffer.from('{"schemaVersion":1,'))),
    'This project file is damaged: its manifest.json is not valid JSON.',
  );
  await refusedWith(
    await craftZip(entries([], (m) => ({ ...m, document: undefined }))),
    /^This project file is damaged: its manifest does not describe a valid document \(.*document\)\.$/,
  );
  const escape = entries([], (m) => ({
    ...m,
    assets: (m.assets as Array<Record<string, unknown>>).map((a) => ({ ...a, path: '../x.png' })),
  }));
  await refusedWith(
    await craftZip(escape),
    /^This project file is damaged: its manifest does not describe a valid document \(.*assets\.0\.path\)\.$/,
  );
});

it('refuses files that are not projects at all', async () => {
  await refusedWith(png(), 'This file is not an Anyfill project (it is not a zip archive).');
  await refusedWith(
    await craftZip([{ name: 'assets/a_only0001.png', data: png() }]),
    'This zip is not an Anyfill project: it has no manifest.json.',
  );
});
