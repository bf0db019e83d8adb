// Runs in: Electron main.
// Channels with owner 'shell': native dialogs, staging, the menu and recent files. Requests arrive
// already checked by the ipc gate ([Note: ipc gate] in ipc-validate.ts); paths never leave main.
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import path from 'node:path';
import {
  channels,
  type ChannelName,
  type EngineChannelName,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../src-shared/contract/contract';
import { AnyfillError } from '../../src-shared/contract/errors';
import type { StagedFile } from '../../src-shared/contract/payloads';
import type { ExportFormat } from '../../src-shared/contract/export-payloads';
import { cleanName, type SessionDir } from '../host/session-dir';
import { ioError } from '../common/io-errors';
import { copyFileAtomic } from './fs-atomic';
import type { AppMenu } from './menu';
import type { RecentFiles } from './recent-files';

export type ShellChannelName = Exclude<ChannelName, EngineChannelName>;
export interface ShellContext {
  /** The window that sent the request: dialogs are modal to it. */
  window: BrowserWindow | null;
}
export type ShellHandlers = {
  [C in ShellChannelName]: (request: ParsedRequestOf<C>, ctx: ShellContext) => Promise<ResponseOf<C>>;
};

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff', 'avif', 'gif', 'bmp', 'heic'];

export interface ShellDeps {
  sessionDir: SessionDir;
  recent: RecentFiles;
  menu: AppMenu;
  /** The supervised engine, for the host-only channels (models.import). */
  engine?: { request(channel: string, payload: unknown): Promise<unknown> };
  /** The renderer agreed to a close (or Quit) that its unload guard held: do it now. */
  closeWindow?: (window: BrowserWindow) => void;
}

export function createShellHandlers(deps: ShellDeps): ShellHandlers {
  const { sessionDir, recent, menu, engine } = deps;

  /** Copy a file the user chose (dialog or recent list) into the inbox and remember it. */
  async function stagePicked(filePath: string): Promise<StagedFile> {
    const staged = await sessionDir.stageFile(path.basename(filePath), filePath);
    await recent
      .add(filePath)
      .then(async () => menu.setRecent(await recent.names()))
      .catch((err) => console.warn('[recent] could not update the list:', err));
    return staged;
  }

  return {
    async 'shell.pickImage'(_req, ctx) {
      const options: OpenDialogOptions = {
        title: 'Open image or project',
        properties: ['openFile'],
        // Projects open through the same command (the renderer tells them apart by name).
        filters: [
          { name: 'Images and projects', extensions: [...IMAGE_EXTENSIONS, 'anyfill'] },
          { name: 'Images', extensions: IMAGE_EXTENSIONS },
          { name: 'Anyfill projects', extensions: ['anyfill'] },
        ],
      };
      const result = ctx.window ? await dialog.showOpenDialog(ctx.window, options) : await dialog.showOpenDialog(options);
      const picked = result.filePaths[0];
      return result.canceled || !picked ? null : stagePicked(picked);
    },

    async 'shell.stageBytes'(req) {
      return sessionDir.stageBytes(req.name, req.bytes);
    },

    async 'shell.saveExport'(req, ctx) {
      const format = req.format ?? 'png';
      const kind = SAVE_KINDS[format];
      // The export id and format passed the contract's checks, so this relative path cannot name anything else.
      const source = await sessionDir.resolveServable(`exports/${req.exportId}.${format}`);
      if (!source) throw new AnyfillError('NOT_FOUND', 'That export is no longer available. Export again.');
      const options: SaveDialogOptions = {
        title: kind.title,
        defaultPath: path.join(app.getPath(format === 'anyfill' ? 'documents' : 'pictures'), withExtension(req.suggestedName, format)),
        filters: [{ name: kind.filter, extensions: [format] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = ctx.window ? await dialog.showSaveDialog(ctx.window, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return { saved: false };
      await copyFileAtomic(source, result.filePath).catch((err) => Promise.reject(saveError(err)));
      // Only the file name goes back, for the "Saved as …" message.
      return { saved: true, where: path.basename(result.filePath) };
    },

    async 'shell.setMenu'(req) {
      menu.setEntries(req.entries);
      return {};
    },

    async 'shell.recentFiles'() {
      return { files: await recent.names() };
    },

    async 'shell.openRecent'(req) {
      const filePath = await recent.pathAt(req.index);
      if (!filePath) throw new AnyfillError('NOT_FOUND', 'That file is no longer in the recent list.');
      return stagePicked(filePath);
    },

    async 'shell.closeWindow'(_req, ctx) {
      if (ctx.window) deps.closeWindow?.(ctx.window);
      return {};
    },

    async 'shell.importModels'(_req, ctx) {
      if (!engine) throw new AnyfillError('UNSUPPORTED_HOST', 'Importing models is not available here.');
      const options: OpenDialogOptions = { title: 'Import a model pack folder', properties: ['openDirectory'] };
      const result = ctx.window ? await dialog.showOpenDialog(ctx.window, options) : await dialog.showOpenDialog(options);
      const folder = result.filePaths[0];
      if (result.canceled || !folder) return null;
      // The path stays in main and the engine; the engine's reply is checked against the contract again.
      return channels['models.import'].response.parse(await engine.request('models.import', { folder }));
    },
  };
}

/** The source was just resolved, so ENOENT here means the chosen folder vanished, not the export. */
function saveError(err: unknown): AnyfillError {
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    return new AnyfillError('IO', 'Could not save the image: that folder no longer exists. Choose another one.', String(err));
  }
  return ioError(err, 'save the image');
}

const SAVE_KINDS = {
  png: { title: 'Save PNG', filter: 'PNG image' },
  zip: { title: 'Save layers (zip)', filter: 'Zip archive' },
  psd: { title: 'Save PSD', filter: 'Photoshop document' },
  anyfill: { title: 'Save Project', filter: 'Anyfill project' },
} as const satisfies Record<ExportFormat, { title: string; filter: string }>;

/** The suggested name is a display name: strip folders and end it in the format's extension ("truck-layers" → "truck-layers.zip"). */
export function withExtension(suggested: string, ext: ExportFormat): string {
  const base = cleanName(suggested);
  return new RegExp(`\\.${ext}$`, 'i').test(base) ? base : `${base.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.${ext}`;
}
