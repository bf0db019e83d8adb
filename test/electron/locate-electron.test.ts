// Runs in: vitest (Node). Finding the Electron binary without ever triggering a download.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findElectronBinary } from '../../src-main/electron/locate-electron';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'anyfill-locate-'));
  mkdirSync(path.join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
  vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('returns null when path.txt is missing (download never finished)', () => {
    expect(findElectronBinary(root)).toBeNull();
  });

  it('returns null when path.txt names a binary that is not there', () => {
    writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBeNull();
  });

  it('returns the binary named by path.txt', () => {
    writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    writeFileSync(path.join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(findElectronBinary(root)).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dist = path.join(root, 'custom');
    mkdirSync(dist);
    writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    writeFileSync(path.join(dist, 'electron'), '');
    vi.stubEnv('ELECTRON_OVERRIDE_DIST_PATH', dist);
    expect(findElectronBinary(root)).toBe(path.join(dist, 'electron'));
  });
});
