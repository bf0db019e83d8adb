// Runs in: vitest (Node). A small stand-in for the 'electron' module, just the surface that
// src-main/electron uses, so main.cjs and preload.cjs can be exercised where no Electron binary
// exists. It records what main does; it does not try to behave like Chromium. CommonJS on purpose:
// main.cjs loads it through Node's own require when it asks for 'electron'.
/* global require, module, Request */
/* eslint-disable @typescript-eslint/no-require-imports */
const { EventEmitter } = require('node:events');
const cp = require('node:child_process');

const state = { log: [], protocol: {}, ipc: {}, windows: [], menu: null, dialog: { open: null, save: null }, paths: {}, session: {} };

const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: (name) => state.paths[name],
  setPath: (name, p) => {
    state.paths[name] = p;
  },
  getVersion: () => '0.0.0-test',
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  enableSandbox: () => state.log.push('enableSandbox'),
  addRecentDocument: (p) => state.log.push(`addRecentDocument ${p}`),
  exit: (code) => state.log.push(`exit ${code}`),
  quit() {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    app.emit('will-quit', event);
    if (!event.defaultPrevented) app.emit('test:quit');
  },
});

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.sent = [];
    this.url = '';
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(...args) {
    this.sent.push(args);
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return false;
  }
}

let nextId = 1;
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.id = nextId++;
    this.options = options;
    this.webContents = new WebContents();
    state.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    const res = await state.protocol.app(new Request(url));
    state.log.push(`loaded ${url} ${res.status}`);
    this.webContents.url = url;
    this.webContents.emit('dom-ready');
    this.emit('ready-to-show');
  }
  show() {
    state.log.push('show');
  }
  close() {
    state.log.push('close');
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  static getAllWindows() {
    return state.windows;
  }
  static fromWebContents(contents) {
    return state.windows.find((w) => w.webContents === contents) ?? null;
  }
  static getFocusedWindow() {
    return state.windows[0] ?? null;
  }
}

const defaultSession = Object.assign(new EventEmitter(), {
  setPermissionRequestHandler: (h) => {
    state.session.permissionRequest = h;
  },
  setPermissionCheckHandler: (h) => {
    state.session.permissionCheck = h;
  },
  setDevicePermissionHandler: (h) => {
    state.session.devicePermission = h;
  },
});

/** The engine runs as a plain Node child; the engine's transport falls back to process.send. */
const utilityProcess = {
  fork(modulePath, args, options) {
    state.log.push(`fork ${options.serviceName} host=${options.env.ANYFILL_HOST}`);
    state.engineEnv = options.env;
    const child = cp.fork(modulePath, args, {
      env: options.env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const proc = Object.assign(new EventEmitter(), { pid: child.pid, postMessage: (m) => child.send(m), kill: () => child.kill() });
    child.on('message', (m) => proc.emit('message', m));
    child.on('exit', (code) => proc.emit('exit', code ?? 1));
    return proc;
  },
};

module.exports = {
  __state: state,
  app,
  BrowserWindow,
  utilityProcess,
  session: { defaultSession },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => {
      state.schemes = schemes;
    },
    handle: (scheme, handler) => {
      state.protocol[scheme] = handler;
    },
  },
  ipcMain: {
    handle: (channel, handler) => {
      state.ipc[channel] = handler;
    },
    removeHandler: () => {},
  },
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (menu) => {
      state.menu = menu;
    },
  },
  dialog: {
    showOpenDialog: async () => state.dialog.open,
    showSaveDialog: async () => state.dialog.save,
    showErrorBox: (title, message) => state.log.push(`errorBox ${title}: ${message}`),
  },
  contextBridge: {
    exposeInMainWorld: (key, api) => {
      state.exposed = { key, api };
    },
  },
  ipcRenderer: Object.assign(new EventEmitter(), { invoke: async (...args) => state.rendererInvoke?.(...args) }),
};
