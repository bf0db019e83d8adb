// Runs in: tests (node). Hostile project files, generated from one sound project: entries that climb out
// (`..`, absolute, drive letters, backslashes), links, a zip bomb, duplicates, too many entries, a newer
// schema, missing, altered or foreign assets (a JPEG, an SVG), a manifest that is not JSON, a truncated zip.
// Each is uploaded and opened through the browser host; any file named like the canary appearing on disk
// is an escape.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { sha256 } from '../../src-main/engine/project/read-project';
import { hardenSharp } from '../../src-main/engine/handlers';
import { makeSession } from '../helpers/images';
import { craftZip, savedTwoImageProject, type RawEntry } from '../unit/project/fixtures';
import type { FaultHost } from './host';
import { isClearError, type Tally } from './tally';

const CANARY = `anyfill-escape-canary-${process.pid}.txt`;

async function soundProject(): Promise<{ entries: RawEntry[]; manifest: Record<string, unknown>; file: Buffer }> {
  hardenSharp();
  const s = await makeSession();
  try {
    const { file, manifest, pngs } = await savedTwoImageProject(s);
    const entries = manifest.assets.map((x, i) => ({ name: x.path, data: pngs[i]!, compress: false }));
    return { entries, manifest: structuredClone(manifest) as unknown as Record<string, unknown>, file: await readFile(file) };
  } finally {
    await s.cleanup();
  }
}

export async function projectCorpus(): Promise<Array<{ name: string; bytes: Buffer; opens: boolean }>> {
  const { entries, manifest, file } = await soundProject();
  const assets = manifest.assets as Array<{ path: string; sha256: string }>;
  const zip = (extra: RawEntry[] = [], change: (m: Record<string, unknown>) => unknown = (m) => m, keep = entries) =>
    craftZip([...keep, ...extra, { name: 'manifest.json', data: Buffer.from(JSON.stringify(change(structuredClone(manifest)))) }]);
  const canary = Buffer.from('escaped');
  const withAsset = async (bytes: Buffer) =>
    zip(
      [],
      (m) => (((m.assets as Array<{ sha256: string }>)[1]!.sha256 = sha256(bytes)), m),
      entries.map((e, i) => (i === 1 ? { ...e, data: bytes } : e)),
    );
  return [
    { name: 'the sound project', bytes: file, opens: true },
    { name: 'entry climbing out with ../', bytes: await zip([{ name: `../../${CANARY}`, data: canary }]), opens: false },
    { name: 'absolute entry name', bytes: await zip([{ name: `/tmp/${CANARY}`, data: canary }]), opens: false },
    { name: 'drive-letter entry name', bytes: await zip([{ name: `C:/${CANARY}`, data: canary }]), opens: false },
    { name: 'backslash entry name', bytes: await zip([{ name: `assets\\..\\..\\${CANARY}`, data: canary }]), opens: false },
    {
      name: 'symbolic link entry',
      bytes: await zip([{ name: 'assets/a_link0001.png', data: Buffer.from('/etc/passwd'), mode: 0o120777 }]),
      opens: false,
    },
    { name: 'zip bomb entry', bytes: await zip([{ name: 'assets/a_bomb0001.png', data: Buffer.alloc(20 * 1024 ** 2) }]), opens: false },
    { name: 'duplicate manifest', bytes: await zip([{ name: 'manifest.json', data: Buffer.from('{}') }]), opens: false },
    {
      name: 'too many entries',
      bytes: await zip(Array.from({ length: 1005 }, (_, i) => ({ name: `assets/x${i}.png`, data: Buffer.from('x') }))),
      opens: false,
    },
    { name: 'newer schema', bytes: await zip([], (m) => ({ ...m, schemaVersion: 99 })), opens: false },
    { name: 'missing asset', bytes: await zip([], (m) => m, entries.slice(0, 1)), opens: false },
    {
      name: 'asset altered after saving',
      bytes: await zip(
        [],
        (m) => m,
        entries.map((e, i) => (i === 1 ? { ...e, data: entries[0]!.data } : e)),
      ),
      opens: false,
    },
    {
      name: 'asset that is a JPEG (checksum fixed)',
      bytes: await withAsset(await sharp(entries[1]!.data).jpeg().toBuffer()),
      opens: false,
    },
    {
      name: 'asset that is an SVG (checksum fixed)',
      bytes: await withAsset(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="12"/>')),
      opens: false,
    },
    {
      name: 'manifest that is not JSON',
      bytes: await craftZip([...entries, { name: 'manifest.json', data: Buffer.from('{"schemaVersion":1,') }]),
      opens: false,
    },
    {
      name: 'asset path outside assets/',
      bytes: await zip([], (m) => (((m.assets as Array<{ path: string }>)[0]!.path = '../evil.png'), m)),
      opens: false,
    },
    { name: 'truncated zip', bytes: file.subarray(0, Math.floor(file.length * 0.6)), opens: false },
    { name: 'not a zip at all', bytes: Buffer.from('PK\u0003\u0004 but nothing else'), opens: false },
    {
      name: 'manifest claiming 2 × 12000² layers',
      bytes: await zip(
        [],
        (m) => ((m.assets as Array<Record<string, number>>).forEach((a) => Object.assign(a, { width: 12000, height: 12000 })), m),
      ),
      opens: false,
    },
  ].filter((c) => assets.length === 2 && c);
}

export async function runProjects(host: FaultHost, tally: Tally): Promise<void> {
  for (const c of await projectCorpus()) {
    let answer: unknown;
    try {
      const staged = await host.upload('crafted.anyfill', c.bytes);
      answer = await host.client.invoke('project.open', { fileId: staged.id, maxProxySide: 256 }).then(
        () => 'opened',
        (e: unknown) => e,
      );
    } catch (err) {
      answer = err;
    }
    const escaped = [path.join(tmpdir(), CANARY), path.resolve(CANARY), path.join('/', CANARY)].some((p) => existsSync(p));
    if (escaped) tally.add('projects', c.name, 'escape', 'a file from the archive was written outside');
    else if (!(await host.alive())) tally.add('projects', c.name, 'crash', 'the engine or host stopped answering');
    else if (answer === 'opened') tally.add('projects', c.name, c.opens ? 'clear' : 'unclear', c.opens ? '' : 'opened a hostile file');
    else tally.add('projects', c.name, isClearError(answer) && !c.opens ? 'clear' : 'unclear', JSON.stringify(answer).slice(0, 200));
  }
}
