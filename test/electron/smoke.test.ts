// Runs in: vitest (Node), driving the real app with Playwright's Electron support.
// Needs the Electron binary, which an offline machine cannot download: then the suite is skipped
// with a reason instead of failing (and without touching electron's download-on-require path).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyfillApi } from '../../src-shared/contract/api';
import { findElectronBinary } from '../../src-main/electron/locate-electron';
import { SHARED_IMAGES } from '../helpers/shared-images';

const root = fileURLToPath(new URL('../..', import.meta.url));
const electronPath = findElectronBinary(root);
const mainEntry = path.join(root, 'dist', 'node', 'main.cjs');
const built = ['main.cjs', 'preload.cjs', 'engine.cjs'].every((f) => existsSync(path.join(root, 'dist', 'node', f)));
const truck = path.join(SHARED_IMAGES, 'truck.jpg');
const skipReason = !electronPath
  ? 'Electron binary not installed (offline machine): skipping Electron smoke test'
  : !built
    ? 'dist/node is not built (run `node scripts/build.mjs`): skipping Electron smoke test'
    : !existsSync(truck)
      ? `${truck} is missing: skipping Electron smoke test`
      : null;
if (skipReason) console.log(skipReason);

/** What the page's global scope looks like to these tests (tsconfig.node has no DOM lib). */
interface PageGlobal {
  anyfill?: AnyfillApi;
  location: { href: string };
  require?: unknown;
  process?: unknown;
}

describe.skipIf(skipReason !== null)('Electron smoke', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    userData = mkdtempSync(path.join(os.tmpdir(), 'anyfill-electron-smoke-'));
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
    app = await _electron.launch({
      executablePath: electronPath ?? undefined,
      args: [mainEntry],
      cwd: root,
      env: { ...env, ANYFILL_USER_DATA_DIR: userData },
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobal).anyfill !== undefined, undefined, { timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('exposes window.anyfill for the electron host and no Node to the page', async () => {
    const seen = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobal;
      return { host: g.anyfill?.host, url: g.location.href, require: typeof g.require, process: typeof g.process };
    });
    expect(seen).toEqual({ host: 'electron', url: 'app://ui/index.html', require: 'undefined', process: 'undefined' });
  });

  it('opens truck.jpg through stageBytes and image.open, and serves the proxy over app://files', async () => {
    const base64 = readFileSync(truck).toString('base64');
    const result = await page.evaluate(async (b64) => {
      const api = (globalThis as unknown as PageGlobal).anyfill!;
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const staged = await api.invoke('shell.stageBytes', { name: 'truck.jpg', bytes });
      const opened = await api.invoke('image.open', { fileId: staged.id, name: staged.name, maxProxySide: 1024 });
      const res = await fetch(api.fileUrl(opened.proxy.path));
      return {
        staged,
        asset: opened.asset,
        proxy: opened.proxy,
        status: res.status,
        type: res.headers.get('content-type'),
        csp: res.headers.get('content-security-policy'),
      };
    }, base64);
    expect(result.staged).toMatchObject({ name: 'truck.jpg', bytes: 271475 });
    expect(result.asset).toMatchObject({ width: 1800, height: 1200, format: 'jpeg' });
    expect(Math.max(result.proxy.width, result.proxy.height)).toBeLessThanOrEqual(1024);
    expect(result.status).toBe(200);
    expect(result.type).toMatch(/^image\//);
    expect(result.csp).toContain("default-src 'self'");
  }, 60_000);

  it('rejects an unknown channel with error data, not a thrown Error', async () => {
    const error = await page.evaluate(async () => {
      const api = (globalThis as unknown as PageGlobal).anyfill!;
      return (api.invoke as (c: string, r: unknown) => Promise<unknown>)('no.such.channel', {}).then(
        () => null,
        (e: unknown) => e,
      );
    });
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  });
});
