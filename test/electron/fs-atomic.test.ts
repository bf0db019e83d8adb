// Runs in: vitest (Node). Atomic copy and write used for exports and recent.json.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TMP_SUFFIX, copyFileAtomic, writeFileAtomic } from '../../src-main/electron/fs-atomic';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'anyfill-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('copyFileAtomic', () => {
  it('copies and replaces an existing file, leaving no temp file', async () => {
    const src = path.join(dir, 'src.png');
    const dest = path.join(dir, 'out.png');
    writeFileSync(src, 'new');
    writeFileSync(dest, 'old');
    await copyFileAtomic(src, dest);
    expect(readFileSync(dest, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['out.png', 'src.png']);
  });

  it('leaves the destination untouched and cleans up when the copy fails', async () => {
    const dest = path.join(dir, 'out.png');
    writeFileSync(dest, 'old');
    await expect(copyFileAtomic(path.join(dir, 'missing.png'), dest)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readFileSync(dest, 'utf8')).toBe('old');
    expect(existsSync(`${dest}${TMP_SUFFIX}`)).toBe(false);
  });

  it('fails cleanly when the destination folder does not exist', async () => {
    const src = path.join(dir, 'src.png');
    writeFileSync(src, 'x');
    await expect(copyFileAtomic(src, path.join(dir, 'nope', 'out.png'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('writeFileAtomic', () => {
  it('writes the whole content', async () => {
    const dest = path.join(dir, 'recent.json');
    await writeFileAtomic(dest, '{"a":1}');
    await writeFileAtomic(dest, '{"a":2}');
    expect(readFileSync(dest, 'utf8')).toBe('{"a":2}');
    expect(readdirSync(dir)).toEqual(['recent.json']);
  });
});
