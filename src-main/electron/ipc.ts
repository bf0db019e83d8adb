// Runs in: Electron main.
// The single IPC entry point and the event fan-out. Validation lives in ipc-validate.ts
// ([Note: ipc gate]); this file only adds the Electron objects and routes to engine or shell.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { isEventName, type EventName } from '../../src-shared/contract/contract';
import { toErrorData } from '../../src-shared/contract/errors';
import type { EngineSupervisor } from '../host/engine-supervisor';
import { isAppUiUrl } from './origins';
import { EVENT_CHANNEL, INVOKE_CHANNEL, validateInvoke, type InvokeReply } from './ipc-validate';
import type { ShellContext, ShellHandlers } from './shell-handlers';

export interface IpcDeps {
  supervisor: Pick<EngineSupervisor, 'request'>;
  shell: ShellHandlers;
}

export function registerIpc(deps: IpcDeps): void {
  ipcMain.removeHandler(INVOKE_CHANNEL);
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown, payloadFile?: unknown): Promise<InvokeReply> => {
      const frame = event.senderFrame;
      // Only our own windows: a WebContents without a BrowserWindow (e.g. a stray one) is refused too.
      const window = BrowserWindow.fromWebContents(event.sender);
      const valid = validateInvoke({
        senderUrl: frame?.url,
        isMainFrame: frame !== null && frame.parent === null && window !== null,
        channel,
        payload,
        payloadFile,
      });
      if (!valid.ok) {
        console.warn(`[ipc] refused: ${valid.error.code} ${valid.error.detail ?? ''}`);
        return valid;
      }
      try {
        const result =
          valid.owner === 'engine'
            ? await deps.supervisor.request(valid.channel, valid.payload, valid.payloadFile)
            : await callShell(deps.shell, valid.channel, valid.payload, { window });
        return { ok: true, result };
      } catch (err) {
        const error = toErrorData(err);
        if (error.code === 'INTERNAL') console.error(`[ipc] ${valid.channel} failed:`, err);
        return { ok: false, error };
      }
    },
  );
}

function callShell(shell: ShellHandlers, channel: string, payload: unknown, ctx: ShellContext): Promise<unknown> {
  // The gate already matched channel to its schema; the handler table is keyed by the same names.
  const handler = (shell as unknown as Record<string, ((req: unknown, ctx: ShellContext) => Promise<unknown>) | undefined>)[channel];
  if (!handler) return Promise.reject(new Error(`no shell handler for ${channel}`));
  return handler(payload, ctx);
}

/** Sends contract events to renderers; remembers the last engine.status for late-loading windows. */
export class EventHub {
  private lastStatus: unknown = undefined;

  broadcast(name: string, payload: unknown): void {
    if (!isEventName(name)) return;
    if (name === 'engine.status') this.lastStatus = payload;
    for (const window of BrowserWindow.getAllWindows()) this.sendTo(window.webContents, name, payload);
  }

  sendTo(contents: WebContents, name: EventName, payload: unknown): void {
    // Never to a page that is not ours (navigation is blocked, but this costs nothing).
    if (contents.isDestroyed() || !isAppUiUrl(contents.getURL())) return;
    contents.send(EVENT_CHANNEL, name, payload);
  }

  /** The engine may have become ready before this window loaded; tell it the current state. */
  replayTo(contents: WebContents): void {
    if (this.lastStatus !== undefined) this.sendTo(contents, 'engine.status', this.lastStatus);
  }
}
