// Runs in: vitest (node). The session folder stages files atomically and serves nothing outside it.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanName, createSessionDir, stageStream, type SessionDir } from '../../../src-main/host/session-dir';

let session: SessionDir;
beforeEach(async () => {
  session = await createSessionDir();
});
afterEach(async () => {
  await session.dispose();
});

describe('session folder', () => {
  it('stages bytes, files and streams into the inbox under opaque ids', async () => {
    const a = await session.stageBytes('photo.jpg', new Uint8Array([1, 2, 3]));
    expect(a.id).toMatch(/^f_/);
    expect(await fs.readFile(path.join(session.root, 'inbox', a.id))).toEqual(Buffer.from([1, 2, 3]));
    const src = path.join(os.tmpdir(), `anyfill-test-${process.pid}.bin`);
    await fs.writeFile(src, 'hello');
    const b = await session.stageFile('dir/photo.png', src);
    expect(b).toMatchObject({ name: 'photo.png', bytes: 5 });
    const c = await stageStream(
      session,
      'x.png',
      (async function* () {
        yield new Uint8Array(10);
        yield new Uint8Array(5);
      })(),
    );
    expect(c.bytes).toBe(15);
    const left = await fs.readdir(path.join(session.root, 'inbox'));
    expect(left.some((f) => f.endsWith('.partial'))).toBe(false);
    await fs.rm(src);
  });

  it('serves only assets/ and exports/, never escaping the folder', async () => {
    await fs.mkdir(path.join(session.root, 'assets', 'a_abcdef'), { recursive: true });
    await fs.writeFile(path.join(session.root, 'assets', 'a_abcdef', 'proxy.jpg'), 'x');
    expect(await session.resolveServable('assets/a_abcdef/proxy.jpg')).toBe(path.join(session.root, 'assets', 'a_abcdef', 'proxy.jpg'));
    const staged = await session.stageBytes('x', new Uint8Array([1]));
    for (const bad of [`inbox/${staged.id}`, '../etc/passwd', 'assets/../inbox', '/etc/passwd', 'assets//x', 'C:/x', 'assets/a\0b']) {
      expect(await session.resolveServable(bad), bad).toBeNull();
    }
    // A symlink inside assets/ that points outside is refused by the realpath check.
    await fs.symlink('/etc/hostname', path.join(session.root, 'assets', 'link'));
    expect(await session.resolveServable('assets/link')).toBeNull();
  });

  it('keeps display names only', () => {
    expect(cleanName('../../etc/passwd')).toBe('passwd');
    expect(cleanName('C:\\Users\\me\\cat.png')).toBe('cat.png');
    expect(cleanName('a\u0000b\u001f.png')).toBe('ab.png');
    expect(cleanName('')).toBe('image');
  });
});
