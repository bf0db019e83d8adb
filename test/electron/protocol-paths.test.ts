// Runs in: vitest (Node). Containment, routing and MIME rules of the app:// protocol (S3 in reliability.md §7.1).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CSP,
  SECURITY_HEADERS,
  decodeSegments,
  isInside,
  mimeTypeFor,
  resolveUiFile,
  routeAppUrl,
} from '../../src-main/electron/protocol-paths';
import { isAppUiUrl } from '../../src-main/electron/origins';
import { createSessionDir, type SessionDir } from '../../src-main/host/session-dir';

let base: string;
let root: string;
beforeAll(() => {
  base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'anyfill-proto-')));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'app.js'), '');
  writeFileSync(path.join(base, 'secret.txt'), 'secret');
  mkdirSync(path.join(base, 'renderer-evil'));
  writeFileSync(path.join(base, 'renderer-evil', 'x.js'), '');
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'escape.js'));
  symlinkSync(path.join(root, 'index.html'), path.join(root, 'assets', 'inside.html'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function serveUi(url: string): Promise<string | null> {
  const route = routeAppUrl(url);
  return route?.host === 'ui' ? resolveUiFile(root, route.segments) : null;
}

describe('app://ui containment', () => {
  it('serves index.html for the root and files under the renderer folder', async () => {
    expect(await serveUi('app://ui/')).toBe(path.join(root, 'index.html'));
    expect(await serveUi('app://ui/index.html?x=1#y')).toBe(path.join(root, 'index.html'));
    expect(await serveUi('app://ui/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(await serveUi('app://ui/assets/inside.html')).toBe(path.join(root, 'index.html'));
  });

  it.each([
    'app://ui/../secret.txt',
    'app://ui/%2e%2e/secret.txt',
    'app://ui/%2E%2E/%2e%2e/secret.txt',
    'app://ui/..%2fsecret.txt',
    'app://ui/..%2Fsecret.txt',
    'app://ui/..%5csecret.txt',
    'app://ui/assets/..%5c..%5csecret.txt',
    'app://ui/%252e%252e/secret.txt',
    'app://ui/C:%5cWindows%5cwin.ini',
    'app://ui/%2fetc%2fpasswd',
    'app://ui//etc/passwd',
    'app://ui/assets/escape.js',
    'app://ui/..%2frenderer-evil/x.js',
    'app://ui/index.html%00.js',
    'app://ui/%E0%A4%A',
    'app://ui/.env',
    'app://ui/assets',
    'app://ui/missing.js',
  ])('refuses %s', async (url) => {
    expect(await serveUi(url)).toBeNull();
  });

  it('checks containment with a separator, not a string prefix', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/b')).toBe(false);
    expect(isInside('/a/b', '/a/b/../c')).toBe(false);
    expect(isInside('/a/b', '/a/b/..c')).toBe(true);
  });

  it('decodes before checking segments', () => {
    expect(decodeSegments('/assets/a%20b.png')).toEqual(['assets', 'a b.png']);
    expect(decodeSegments('/')).toEqual([]);
    expect(decodeSegments('/a/%2e')).toBeNull();
    expect(decodeSegments('/a//b')).toBeNull();
    expect(decodeSegments('/a%3ab')).toBeNull();
  });
});

describe('app:// routing', () => {
  it('routes only the ui and files hosts', () => {
    expect(routeAppUrl('app://ui/index.html')).toEqual({ host: 'ui', segments: ['index.html'] });
    expect(routeAppUrl('app://files/assets/a_123456/proxy-1024.jpg')).toEqual({
      host: 'files',
      segments: ['assets', 'a_123456', 'proxy-1024.jpg'],
    });
    for (const url of [
      'app://files/',
      'app://evil/index.html',
      'app://ui.evil/index.html',
      'app://user@ui/index.html',
      'app://ui:8080/',
      'https://ui/index.html',
      'file:///etc/passwd',
      'nonsense',
    ]) {
      expect(routeAppUrl(url)).toBeNull();
    }
  });

  it('serves session files only through SessionDir.resolveServable', async () => {
    const session: SessionDir = await createSessionDir(base);
    try {
      writeFileSync(path.join(session.root, 'exports', 'e_abcdefgh.png'), 'png');
      writeFileSync(path.join(session.root, 'inbox', 'f_abcdefgh'), 'raw');
      const serve = async (url: string) => {
        const route = routeAppUrl(url);
        return route?.host === 'files' ? session.resolveServable(route.segments.join('/')) : null;
      };
      expect(await serve('app://files/exports/e_abcdefgh.png')).toBe(path.join(session.root, 'exports', 'e_abcdefgh.png'));
      expect(await serve('app://files/inbox/f_abcdefgh')).toBeNull();
      expect(await serve('app://files/exports/%2e%2e/inbox/f_abcdefgh')).toBeNull();
      expect(await serve('app://files/exports/..%2f..%2fsecret.txt')).toBeNull();
      expect(await serve('app://files/..%2f..%2fsecret.txt')).toBeNull();
    } finally {
      await session.dispose();
    }
  });
});

describe('headers and types', () => {
  it('sends the CSP and nosniff on every response', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CSP);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "img-src 'self' blob: data: app:",
    ]) {
      expect(CSP).toContain(directive);
    }
    expect(CSP).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('maps extensions to Content-Type', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('x/APP.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('p.png')).toBe('image/png');
    expect(mimeTypeFor('p.jpeg')).toBe('image/jpeg');
    expect(mimeTypeFor('m.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('noext')).toBe('application/octet-stream');
    expect(mimeTypeFor('evil.exe')).toBe('application/octet-stream');
  });
});

describe('isAppUiUrl', () => {
  it('accepts only app://ui, parsed', () => {
    expect(isAppUiUrl('app://ui/index.html')).toBe(true);
    expect(isAppUiUrl('app://ui/')).toBe(true);
    for (const url of [
      'app://ui.evil.com/',
      'app://uix/',
      'app://evil@ui/',
      'app://ui:1/',
      'app://files/x',
      'https://ui/',
      'file:///ui/index.html',
      'about:blank',
      '',
      undefined,
      null,
    ]) {
      expect(isAppUiUrl(url)).toBe(false);
    }
  });
});
