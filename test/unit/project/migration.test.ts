// Runs in: test tooling. Manifests from older Anyfills are migrated step by step (pure JSON functions),
// then validated; a v0 project file opens with its meaning intact; newer schemas are refused by name.
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PROJECT_SCHEMA_VERSION, ProjectManifestSchema } from '../../../src-shared/project/manifest';
import { MIGRATIONS, migrateManifest } from '../../../src-shared/project/migrations';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { sha256 } from '../../../src-main/engine/project/read-project';
import { makeSession, type TestSession } from '../../helpers/images';
import { craftZip, handlers, pixelsOf, rgbaPng } from './fixtures';

/** A manifest as the prototype wrote it: no version fields, opacity in percent, `brush`, `file`. */
function v0Manifest(png: Buffer) {
  return {
    savedAt: '2025-11-02T10:00:00.000Z',
    document: {
      id: 'd_old1',
      name: 'Old project',
      width: 20,
      height: 12,
      layers: [
        {
          id: 'l_img',
          kind: 'image',
          name: 'Photo',
          assetId: 'a_oldasset1',
          visible: true,
          opacity: 50,
          x: 1,
          y: 2,
          width: 20,
          height: 12,
        },
        {
          id: 'l_sel',
          kind: 'selection',
          name: 'Cat',
          visible: true,
          colour: '#ff0000',
          assetId: 'a_oldasset1',
          prompt: { points: [] },
          sam: null,
          brush: [{ mode: 'add', radius: 4, hardness: 1, points: [{ x: 3, y: 3 }] }],
        },
      ],
    },
    assets: [{ id: 'a_oldasset1', file: 'assets/a_oldasset1.png', width: 20, height: 12, sha256: sha256(png), hasAlpha: true }],
  };
}

let s: TestSession;
let png: Buffer;
beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  png = await rgbaPng();
});
afterAll(() => s.cleanup());

it('the chain covers every version up to the current one, in order', () => {
  expect(MIGRATIONS.map((m) => m.from)).toEqual([...Array(PROJECT_SCHEMA_VERSION).keys()]);
});

it('migrates a v0 manifest to one the current schema accepts, keeping its meaning', () => {
  const { manifest, from, applied } = migrateManifest(v0Manifest(png));
  expect(from).toBe(0);
  expect(applied).toHaveLength(1);
  const m = ProjectManifestSchema.parse(manifest);
  expect(m.document.schemaVersion).toBe(1);
  expect(m.app).toEqual({ name: 'Anyfill', version: '0.0.0' });
  const [img, sel] = m.document.layers;
  expect(img).toMatchObject({ kind: 'image', opacity: 0.5 });
  expect(sel).toMatchObject({ kind: 'selection', strokes: [{ mode: 'add', radius: 4 }], ops: [] });
  expect(sel).not.toHaveProperty('brush');
  expect(m.assets[0]).toMatchObject({ path: 'assets/a_oldasset1.png', sourceFormat: 'png' });
});

it('is pure: the input is not modified, and a current manifest passes through untouched', () => {
  const input = v0Manifest(png);
  const copy = structuredClone(input);
  const once = migrateManifest(input).manifest;
  expect(input).toEqual(copy);
  expect(migrateManifest(once)).toEqual({ manifest: once, from: 1, applied: [] });
});

it('opens a v0 project file with a notice that it was upgraded', async () => {
  const file = path.join(s.dir, 'old.anyfill');
  await writeFile(
    file,
    await craftZip([
      { name: 'assets/a_oldasset1.png', data: png, compress: false },
      { name: 'manifest.json', data: Buffer.from(JSON.stringify(v0Manifest(png))) },
    ]),
  );
  const opened = await handlers['project.openPath']({ path: file }, s.ctx);
  expect(opened.document.layers[0]).toMatchObject({ opacity: 0.5, x: 1, y: 2 });
  expect(opened.notices).toEqual(['This project was saved by an older Anyfill (schema 0) and was upgraded; saving it writes schema 1.']);
  const pixels = await pixelsOf(s, opened.document.layers[0]!.assetId);
  expect(pixels.channels).toBe(4);
});

it('refuses newer and nonsense schema versions with clear messages', () => {
  expect(() => migrateManifest({ schemaVersion: 3 })).toThrow(
    'This project was made by a newer Anyfill (schema 3); this version reads up to 1. Update Anyfill to open it.',
  );
  expect(() => migrateManifest({ schemaVersion: '1' })).toThrow(
    'This project file is damaged: its schema version ("1") is not a number Anyfill knows.',
  );
  expect(() => migrateManifest([1, 2])).toThrow('This project file is damaged: its manifest is not a JSON object.');
});
