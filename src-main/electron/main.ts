// Runs in: Electron main.
// App lifecycle: one instance, hardened sessions, the app:// protocol, the engine in a supervised
// utilityProcess, one IPC gate, one window. Built to dist/node/main.cjs, next to preload.cjs and
// engine.cjs, so their paths are relative to __dirname both in development and inside app.asar.
import { app, BrowserWindow, dialog } from 'electron';
import path from 'node:path';
import { EngineSupervisor } from '../host/engine-supervisor';
import { createCloseGuard } from './close-guard';
import { createSessionDir, type SessionDir } from '../host/session-dir';
import { forkUtilityEngine } from './engine-utility';
import { EventHub, registerIpc } from './ipc';
import { createAppMenu } from './menu';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { RecentFiles } from './recent-files';
import { hardenSession, installAppGuards } from './security';
import { createShellHandlers } from './shell-handlers';
import { createMainWindow } from './window';

// Development and tests only: isolate settings and the single-instance lock in a scratch folder.
if (!app.isPackaged && process.env.ANYFILL_USER_DATA_DIR) app.setPath('userData', process.env.ANYFILL_USER_DATA_DIR);
// These must happen before 'ready'.
registerAppScheme();
installAppGuards();
if (!app.requestSingleInstanceLock()) {
  // Another Anyfill is running; it receives 'second-instance' and comes to the front.
  app.quit();
} else {
  start().catch((err: unknown) => {
    console.error('[main] startup failed:', err);
    dialog.showErrorBox('Anyfill could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const events = new EventHub();
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  await app.whenReady();
  hardenSession();
  const sessionDir = await createSessionDir();
  handleAppProtocol({ rendererDir: path.join(__dirname, '..', 'renderer'), sessionDir });

  const modelsDir = path.join(app.getPath('userData'), 'models');
  console.log(`[anyfill] Models folder: ${modelsDir}`);
  const supervisor = new EngineSupervisor({
    spawn: () =>
      forkUtilityEngine(path.join(__dirname, 'engine.cjs'), {
        sessionDir: sessionDir.root,
        host: 'electron',
        modelsDir,
        cacheDir: path.join(app.getPath('userData'), 'cache'),
        recoveryDir: path.join(app.getPath('userData'), 'recovery'),
        version: app.getVersion(),
      }),
    onEvent: (event) => events.broadcast(event.event, event.payload),
    log: (line) => console.warn(`[engine] ${line}`),
  });
  const menu = createAppMenu((id, window, index) =>
    events.sendTo(window.webContents, 'menu.command', index === undefined ? { id } : { id, index }),
  );
  const recent = new RecentFiles({
    file: path.join(app.getPath('userData'), 'recent.json'),
    addToOs: (filePath) => app.addRecentDocument(filePath),
  });
  void recent.names().then(
    (names) => menu.setRecent(names),
    () => undefined,
  );
  // The page's own question (Save / Don't Save / Cancel) before a close or Quit that would lose work.
  const closeGuard = createCloseGuard((window) => events.sendTo(window.webContents, 'menu.command', { id: 'window.close' }));
  registerIpc({
    supervisor,
    shell: createShellHandlers({ sessionDir, recent, menu, engine: supervisor, closeWindow: (window) => closeGuard.proceed(window) }),
  });
  cleanUpOnQuit(supervisor, sessionDir);
  supervisor.start();

  const openWindow = () => {
    const window = createMainWindow({ preloadPath: path.join(__dirname, 'preload.cjs'), onDomReady: (c) => events.replayTo(c) });
    closeGuard.watch(window);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };
  openWindow();
  // macOS: the app stays alive without windows and the Dock icon reopens one.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/** Stop the engine and delete the session folder before the process exits (bounded to 5 s). */
function cleanUpOnQuit(supervisor: EngineSupervisor, sessionDir: SessionDir): void {
  let done = false;
  app.on('will-quit', (event) => {
    if (done) return;
    event.preventDefault();
    done = true;
    const cleanup = (async () => {
      await supervisor.stop();
      // Windows may keep the engine's files locked for a moment after it is killed.
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          await sessionDir.dispose();
          return;
        } catch (err) {
          if (attempt === 4) console.warn('[main] could not remove the session folder:', err);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    })();
    const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
    void Promise.race([cleanup, timeout]).finally(() => app.quit());
  });
}
