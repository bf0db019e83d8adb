// Runs in: Electron main.
// The editor window: every renderer hardening switch set explicitly (checklist items 2–4, 6, 8–10,
// 12–14) rather than trusting defaults, and navigation locked to app://ui.
import { app, BrowserWindow, dialog, shell, type WebContents } from 'electron';
import { onRendererGone } from './renderer-crash';
import { APP_UI_ENTRY, isAppUiUrl, isExternalDocLink, parseUrl } from './origins';

const locked = new WeakSet<WebContents>();

/**
 * Navigation, redirects, popups and <webview> for any WebContents. security.ts applies it to every
 * WebContents Electron creates; createMainWindow applies it too so a window is never unguarded.
 */
export function lockDownContents(contents: WebContents): void {
  if (locked.has(contents)) return;
  locked.add(contents);
  // Development only: the DevTools front end (itself a WebContents) moves between devtools:// pages.
  const allowDevtools = !app.isPackaged;
  const refuse = (kind: string, url: string, prevent: () => void) => {
    if (isAppUiUrl(url) || (allowDevtools && parseUrl(url)?.protocol === 'devtools:')) return;
    prevent();
    console.warn(`[security] blocked ${kind} to ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', (event, url) => refuse('navigation', url, () => event.preventDefault()));
  contents.on('will-redirect', (event, url) => refuse('redirect', url, () => event.preventDefault()));
  contents.on('will-frame-navigate', (event) => refuse('frame navigation', event.url, () => event.preventDefault()));
  contents.setWindowOpenHandler(({ url }) => {
    // Licence and model-card links open in the user's browser, never in an app window; only https
    // pages of the hosts the catalog links to (checklist item 15: no openExternal of arbitrary input).
    if (isExternalDocLink(url)) void shell.openExternal(url);
    else console.warn(`[security] blocked window.open of ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface MainWindowOptions {
  /** Absolute path of dist/node/preload.cjs. */
  preloadPath: string;
  /** Called on each dom-ready (first load and reloads), e.g. to replay the engine status. */
  onDomReady?: (contents: WebContents) => void;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    title: 'Anyfill',
    backgroundColor: '#1d1f23',
    // Shown on ready-to-show, so the user never sees a white flash of an unstyled page.
    show: false,
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  lockDownContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.webContents.on('dom-ready', () => opts.onDomReady?.(window.webContents));
  window.webContents.on('did-fail-load', (_event, code, description, url) => {
    console.error(`[window] failed to load ${url}: ${description} (${code})`);
  });
  const crashes: number[] = [];
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[window] renderer gone: ${details.reason} (exit ${details.exitCode})`);
    if (window.isDestroyed()) return;
    const action = onRendererGone(details.reason, Date.now(), crashes);
    // A fresh page asks the engine for recovery copies at start and offers Restore.
    if (action.kind === 'reload') void window.loadURL(APP_UI_ENTRY).catch((err: unknown) => console.error('[window] reload failed:', err));
    if (action.kind === 'give-up') dialog.showErrorBox('Anyfill', action.message);
  });
  void window.loadURL(APP_UI_ENTRY).catch((err: unknown) => console.error('[window] loadURL failed:', err));
  return window;
}
