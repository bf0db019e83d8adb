// Runs in: vitest (Node). Electron main and preload, bundled as for release, run against a stand-in
// 'electron' module (fake-electron.cjs) with the real engine. It checks the wiring that tsc cannot:
// protocol, IPC gate, shell handlers, events, menu, security hooks, quit. The real-Electron check is
// smoke.test.ts, which needs the binary.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventEmitter } from 'node:events';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyfillApi } from '../../src-shared/contract/api';
import type { AssetId } from '../../src-shared/document/ids';
import { SHARED_IMAGES } from '../helpers/shared-images';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = path.join(root, 'node_modules', '.cache', 'anyfill-electron-wiring');
const truck = path.join(SHARED_IMAGES, 'truck.jpg');
const require = createRequire(import.meta.url);
const fakePath = require.resolve('./fake-electron.cjs');
type Reply = { ok: true; result: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };
type Handler = (...args: unknown[]) => unknown;
interface FakeContents extends EventEmitter {
  sent: unknown[][];
  windowOpenHandler: (details: { url: string }) => unknown;
}
/** The parts of fake-electron.cjs's recorded state these tests read. */
interface FakeElectron {
  __state: {
    log: string[];
    schemes: unknown;
    windows: Array<{ options: { webPreferences: object }; webContents: FakeContents }>;
    menu: Array<{ label?: string; submenu?: Array<{ click: Handler }> }>;
    ipc: Record<string, Handler>;
    protocol: Record<string, (request: Request) => Promise<Response>>;
    session: Record<string, Handler>;
    dialog: Record<string, unknown>;
    paths: Record<string, string>;
    engineEnv: Record<string, string>;
    quitChecked?: boolean;
  };
  app: EventEmitter & { quit(): void };
  session: { defaultSession: EventEmitter };
}
let fake: FakeElectron;
let tmp: string;
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const originalResolve = resolver._resolveFilename;

const win = () => fake.__state.windows[0]!;
const sender = (url: string | undefined = 'app://ui/index.html', parent: object | null = null, contents: object = win().webContents) => ({
  senderFrame: { url, parent },
  sender: contents,
});
const invoke = (channel: unknown, payload: unknown, event: object = sender()) =>
  fake.__state.ipc['anyfill:invoke']!(event, channel, payload) as Promise<Reply>;
const get = (url: string, init?: RequestInit): Promise<Response> => fake.__state.protocol.app!(new Request(url, init));
const field = (reply: Reply, key: string) => (reply.ok ? String(reply.result[key]) : '');

beforeAll(async () => {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    outdir: path.join(out, 'node'),
    outExtension: { '.js': '.cjs' },
  } as const;
  await Promise.all([
    build({
      ...common,
      packages: 'external',
      entryPoints: { main: path.join(root, 'src-main/electron/main.ts'), engine: path.join(root, 'src-main/engine/main.ts') },
    }),
    build({ ...common, external: ['electron'], entryPoints: { preload: path.join(root, 'src-main/electron/preload.ts') } }),
  ]);
  mkdirSync(path.join(out, 'renderer'), { recursive: true });
  writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html><title>Anyfill</title>');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'anyfill-wiring-'));
  resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? fakePath : originalResolve.call(this, request, ...rest);
  };
  fake = require(fakePath) as FakeElectron;
  Object.assign(fake.__state.paths, { userData: path.join(tmp, 'userData'), pictures: tmp });
  require(path.join(out, 'node', 'main.cjs'));
  for (let i = 0; i < 200 && !fake.__state.log.includes('show'); i++) await new Promise((r) => setTimeout(r, 25));
}, 60_000);

afterAll(async () => {
  if (fake && !fake.__state.quitChecked) await quit();
  resolver._resolveFilename = originalResolve;
  rmSync(tmp, { recursive: true, force: true });
});

function quit(): Promise<void> {
  fake.__state.quitChecked = true;
  return new Promise((resolve) => {
    fake.app.once('test:quit', resolve);
    fake.app.quit();
  });
}

describe('startup', () => {
  it('registers app:// as privileged, sandboxes, and opens one hardened window on app://ui', () => {
    expect(fake.__state.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, stream: true }) },
    ]);
    expect(fake.__state.log).toContain('enableSandbox');
    expect(fake.__state.log).toContain('loaded app://ui/index.html 200');
    expect(fake.__state.windows).toHaveLength(1);
    expect(win().options.webPreferences).toMatchObject({
      preload: path.join(out, 'node', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(fake.__state.engineEnv).toMatchObject({ ANYFILL_HOST: 'electron', ANYFILL_MODELS_DIR: path.join(tmp, 'userData', 'models') });
  });

  it('reloads the page when the renderer dies, so its start-up can offer the recovery copy', async () => {
    const loads = () => fake.__state.log.filter((l: string) => l === 'loaded app://ui/index.html 200').length;
    const before = loads();
    win().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await new Promise((r) => setTimeout(r, 50));
    expect(loads()).toBe(before + 1);
    win().webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(loads()).toBe(before + 1);
  });

  it('starts with a minimal menu', () => {
    expect(JSON.stringify(fake.__state.menu)).toContain('"role":"quit"');
  });

  it('answers engine channels through the supervisor', async () => {
    const reply = await invoke('app.info', {});
    expect(reply).toMatchObject({ ok: true, result: { name: 'Anyfill', host: 'electron' } });
  });
});

describe('opening an image', () => {
  it.skipIf(!existsSync(truck))(
    'stages bytes, opens them in the engine and serves the proxy over app://files',
    async () => {
      const staged = await invoke('shell.stageBytes', { name: 'truck.jpg', bytes: new Uint8Array(readFileSync(truck)) });
      expect(staged).toMatchObject({ ok: true, result: { name: 'truck.jpg', bytes: 271475 } });
      const opened = await invoke('image.open', { fileId: field(staged, 'id'), name: 'truck.jpg', maxProxySide: 1024 });
      expect(opened).toMatchObject({ ok: true, result: { asset: { width: 1800, height: 1200 } } });
      const proxy = opened.ok ? (opened.result.proxy as { path: string }).path : '';
      const res = await get(`app://files/${proxy}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin')).toBe('app://ui');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect((await get(`app://files/inbox/${field(staged, 'id')}`)).status).toBe(404);
    },
    30_000,
  );
});

describe('app:// protocol', () => {
  it.each([
    'app://ui/%2e%2e/%2e%2e/etc/passwd',
    'app://ui/..%2f..%2fetc%2fpasswd',
    'app://files/assets/..%2f..%2finbox',
    'app://other/index.html',
    'app://files/',
  ])('404s %s, with the CSP', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('serves the renderer with the CSP and refuses other methods', async () => {
    const res = await get('app://ui/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await get('app://ui/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('IPC gate', () => {
  it('refuses subframes, foreign pages and WebContents without a window', async () => {
    expect(await invoke('app.info', {}, sender('app://ui/index.html', {}))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('app.info', {}, sender('https://evil.example/'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke('app.info', {}, sender(undefined, null, {}))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('returns contract errors as data', async () => {
    expect(await invoke('no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await invoke('image.open', { fileId: 'nope' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await invoke('image.release', { assetId: 'a_missing1' })).toHaveProperty('ok');
  });
});

describe('shell channels', () => {
  it.skipIf(!existsSync(truck))('picks, remembers and reopens a file by index only', async () => {
    fake.__state.dialog.open = { canceled: false, filePaths: [truck] };
    expect(await invoke('shell.pickImage', {})).toMatchObject({ ok: true, result: { name: 'truck.jpg' } });
    fake.__state.dialog.open = { canceled: true, filePaths: [] };
    expect(await invoke('shell.pickImage', {})).toEqual({ ok: true, result: null });
    const recent = await invoke('shell.recentFiles', {});
    expect(recent).toEqual({ ok: true, result: { files: [{ index: 0, name: 'truck.jpg' }] } });
    expect(await invoke('shell.openRecent', { index: 0 })).toMatchObject({ ok: true, result: { name: 'truck.jpg' } });
    expect(await invoke('shell.openRecent', { index: 7 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(fake.__state.log).toContain(`addRecentDocument ${truck}`);
  });

  it('saves an export by copying it to the chosen path', async () => {
    writeFileSync(path.join(fake.__state.engineEnv.ANYFILL_SESSION_DIR!, 'exports', 'e_wiring01.png'), 'PNG');
    const dest = path.join(tmp, 'saved.png');
    fake.__state.dialog.save = { canceled: false, filePath: dest };
    expect(await invoke('shell.saveExport', { exportId: 'e_wiring01', suggestedName: 'truck.jpg' })).toEqual({
      ok: true,
      result: { saved: true, where: 'saved.png' },
    });
    expect(readFileSync(dest, 'utf8')).toBe('PNG');
    expect(existsSync(`${dest}.anyfill-tmp`)).toBe(false);
    expect(await invoke('shell.saveExport', { exportId: 'e_missing1', suggestedName: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    fake.__state.dialog.save = { canceled: true };
    expect(await invoke('shell.saveExport', { exportId: 'e_wiring01', suggestedName: 'x' })).toEqual({
      ok: true,
      result: { saved: false },
    });
  });

  it('builds the menu from the renderer and sends clicks back as menu.command', async () => {
    const entries = [{ id: 'file.open', label: 'Open…', menu: 'file', accelerator: 'CmdOrCtrl+O', enabled: true }];
    expect(await invoke('shell.setMenu', { entries })).toEqual({ ok: true, result: {} });
    const fileMenu = fake.__state.menu.find((m) => m.label === '&File');
    fileMenu?.submenu?.[0]?.click({}, win(), {});
    expect(win().webContents.sent).toContainEqual(['anyfill:event', 'menu.command', { id: 'file.open' }]);
    expect(win().webContents.sent).toContainEqual(['anyfill:event', 'engine.status', { state: 'ready', restarts: 0 }]);
  });
});

describe('closing with unsaved work', () => {
  it("a close the page held becomes the page's own question; shell.closeWindow then closes the window", async () => {
    win().webContents.emit('will-prevent-unload', { preventDefault: () => undefined });
    expect(win().webContents.sent).toContainEqual(['anyfill:event', 'menu.command', { id: 'window.close' }]);
    expect(fake.__state.log).not.toContain('close');
    expect(await invoke('shell.closeWindow', {})).toEqual({ ok: true, result: {} });
    expect(fake.__state.log).toContain('close');
  });
});

describe('security hooks', () => {
  it('denies permissions, navigation away, popups, webviews and downloads', () => {
    const granted: boolean[] = [];
    fake.__state.session.permissionRequest!(win().webContents, 'media', (g: boolean) => granted.push(g), {});
    expect(granted).toEqual([false]);
    expect(fake.__state.session.permissionCheck!(win().webContents, 'geolocation', 'app://ui', {})).toBe(false);
    const event = () => ({
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    });
    const away = event();
    const home = event();
    win().webContents.emit('will-navigate', away, 'https://app.ui.evil/');
    win().webContents.emit('will-navigate', home, 'app://ui/index.html#layers');
    expect([away.prevented, home.prevented]).toEqual([true, false]);
    expect(win().webContents.windowOpenHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const webview = event();
    win().webContents.emit('will-attach-webview', webview, {}, {});
    expect(webview.prevented).toBe(true);
    const download = event();
    fake.session.defaultSession.emit('will-download', download, { getURL: () => 'https://x/y.zip' }, win().webContents);
    expect(download.prevented).toBe(true);
  });
});

describe('preload bundle', () => {
  it('runs with only require("electron") and exposes the AnyfillApi', async () => {
    const vm = await import('node:vm');
    const { EventEmitter } = await import('node:events');
    const ipcRenderer = Object.assign(new EventEmitter(), {
      invoke: async (_ch: string, channel: string) =>
        channel === 'app.info' ? { ok: true, result: { name: 'Anyfill' } } : { ok: false, error: { code: 'NOT_FOUND', message: 'x' } },
    });
    let exposed: { key: string; api: AnyfillApi } | null = null;
    const electron = { contextBridge: { exposeInMainWorld: (key: string, api: AnyfillApi) => (exposed = { key, api }) }, ipcRenderer };
    const sandboxRequire = (name: string) => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    const mod = { exports: {} };
    const context = vm.createContext({
      require: sandboxRequire,
      module: mod,
      exports: mod.exports,
      console,
      URL,
      TextEncoder,
      TextDecoder,
      setTimeout,
      clearTimeout,
      queueMicrotask,
      crypto: globalThis.crypto,
    });
    vm.runInContext(readFileSync(path.join(out, 'node', 'preload.cjs'), 'utf8'), context);
    expect(exposed).not.toBeNull();
    const { key, api } = exposed as unknown as { key: string; api: AnyfillApi };
    expect(key).toBe('anyfill');
    expect(api.host).toBe('electron');
    expect(await api.invoke('app.info', {})).toEqual({ name: 'Anyfill' });
    await expect(api.invoke('image.release', { assetId: 'a_xxxxxxx' as AssetId })).rejects.toEqual({ code: 'NOT_FOUND', message: 'x' });
    const seen: unknown[] = [];
    const off = api.on('asset.decoded', (p) => seen.push(p));
    ipcRenderer.emit('anyfill:event', { sender: 'must not leak' }, 'asset.decoded', { assetId: 'a_1', ok: true });
    ipcRenderer.emit('anyfill:event', {}, 'not.an.event', {});
    off();
    ipcRenderer.emit('anyfill:event', {}, 'asset.decoded', { assetId: 'a_2', ok: true });
    expect(seen).toEqual([{ assetId: 'a_1', ok: true }]);
    expect(api.fileUrl('assets/a_x/proxy-1024.jpg')).toBe('app://files/assets/a_x/proxy-1024.jpg');
  });
});

describe('quit', () => {
  it('stops the engine and removes the session folder', async () => {
    const sessionDir = fake.__state.engineEnv.ANYFILL_SESSION_DIR!;
    expect(existsSync(sessionDir)).toBe(true);
    await quit();
    expect(existsSync(sessionDir)).toBe(false);
  });
});
