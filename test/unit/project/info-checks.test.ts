// Runs in: test tooling. `anyfill project info` refuses exactly what opening refuses, with the same sentence:
// an asset whose bytes do not match the manifest's checksum, and assets that are not the PNG the manifest
// describes (a JPEG, an SVG, a PNG of another size) even when their checksum was updated to match.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runProject } from '../../../src-main/cli/project-command';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { sha256 } from '../../../src-main/engine/project/read-project';
import type { ProjectManifest } from '../../../src-shared/project/manifest';
import { makeSession, type TestSession } from '../../helpers/images';
import { craftZip, handlers, savedTwoImageProject } from './fixtures';

let s: TestSession;
let manifest: ProjectManifest;
let pngs: Buffer[];
beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  ({ manifest, pngs } = await savedTwoImageProject(s));
});
afterAll(() => s.cleanup());

/** The good project with the Overlay's bytes replaced; `fixSum` also rewrites its sha256 to match. */
async function withOverlay(bytes: Buffer, fixSum: boolean): Promise<string> {
  const m = structuredClone(manifest);
  if (fixSum) m.assets[1]!.sha256 = sha256(bytes);
  const entries = m.assets.map((x, i) => ({ name: x.path, data: i === 1 ? bytes : pngs[i]! }));
  const file = path.join(s.dir, `crafted-${Math.random().toString(36).slice(2)}.anyfill`);
  await writeFile(file, await craftZip([...entries, { name: 'manifest.json', data: Buffer.from(JSON.stringify(m)) }]));
  return file;
}

async function infoAndOpen(file: string): Promise<{ exit: number; info: string; open: string }> {
  let err = '';
  const exit = await runProject(['info', file], { stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) } });
  const opened = await handlers['project.openPath']({ path: file }, s.ctx).then(
    () => 'opened',
    (e: unknown) => (e as Error).message,
  );
  return { exit, info: err.replace(/^anyfill project: /, '').trim(), open: opened };
}

const overlay = () => `the image of layer “Overlay” (${manifest.assets[1]!.path})`;

it.each([
  ['bytes that do not match the checksum', async () => withOverlay(pngs[0]!, false), () => `does not match its checksum`],
  [
    'a JPEG with a matching checksum',
    async () => withOverlay(await sharp(pngs[1]!).jpeg().toBuffer(), true),
    () => `is not a readable PNG`,
  ],
  [
    'an SVG with a matching checksum',
    async () => withOverlay(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="12"/>'), true),
    () => `is not a readable PNG`,
  ],
  ['a PNG of another size', async () => withOverlay(pngs[0]!, true), () => `is 24 × 16, not the 20 × 12 the manifest says`],
])('refuses %s in info exactly as opening does', async (_what, make, why) => {
  const r = await infoAndOpen(await make());
  expect(r.exit).toBe(1);
  expect(r.info).toBe(`This project file is damaged: ${overlay()} ${why()}.`);
  expect(r.open).toBe(r.info);
});

it('says what it checked on a sound project', async () => {
  let out = '';
  expect(
    await runProject(['info', await withOverlay(pngs[1]!, false)], {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: () => true },
    }),
  ).toBe(0);
  expect(out).toMatch(
    /checked like opening: manifest, 2 image checksums and PNG headers \(pixels not decoded\); opening needs about [\d.]+ MB of memory/,
  );
});
