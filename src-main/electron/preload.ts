// Runs in: preload (sandboxed).
// Builds window.anyfill (AnyfillApi) on top of one invoke channel and one event channel. Sandboxed
// preloads may only require('electron'); the build bundles everything else into preload.cjs.
// ipcRenderer itself is never exposed, and listeners never receive the IpcRendererEvent
// (it would hand page code a way back to ipcRenderer: checklist item 20).
import { contextBridge, ipcRenderer } from 'electron';
import type { AnyfillApi } from '../../src-shared/contract/api';
import type { RequestOf, ResponseOf } from '../../src-shared/contract/contract';
import { isChannelName, isEventName, ownerOf, type ChannelName, type EventName } from '../../src-shared/contract/names';
import { STAGE_PAYLOAD_ABOVE_BYTES, approxJsonBytes } from '../../src-shared/contract/message-limits';
import type { AnyfillErrorData } from '../../src-shared/contract/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type InvokeReply } from './ipc-names';
import { APP_SCHEME, FILES_HOST } from './origins';

type Listener = (payload: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();
/** engine.status is a state, not a moment: a subscriber that arrives late still gets the current one. */
let lastEngineStatus: unknown = undefined;

ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string' || !isEventName(name)) return;
  if (name === 'engine.status') lastEngineStatus = payload;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`[anyfill] listener for ${name} threw`, err);
    }
  }
});

/** Rejections carry AnyfillErrorData ({code, message, detail}), as the AnyfillApi contract says. */
function rejectWith(error: AnyfillErrorData): Promise<never> {
  return Promise.reject(error);
}

async function invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  if (typeof channel !== 'string' || !isChannelName(channel)) {
    return rejectWith({ code: 'BAD_REQUEST', message: 'Anyfill received a request it does not know.', detail: String(channel) });
  }
  let reply: InvokeReply;
  try {
    // [Note: message size] a big engine payload (a large document's autosave) is staged as a file first.
    if (ownerOf(channel) === 'engine' && approxJsonBytes(request, STAGE_PAYLOAD_ABOVE_BYTES) > STAGE_PAYLOAD_ABOVE_BYTES) {
      const bytes = new TextEncoder().encode(JSON.stringify(request));
      const staged = await invoke('shell.stageBytes', { name: 'request.json', bytes });
      reply = (await ipcRenderer.invoke(INVOKE_CHANNEL, channel, undefined, staged.id)) as InvokeReply;
    } else reply = (await ipcRenderer.invoke(INVOKE_CHANNEL, channel, request)) as InvokeReply;
  } catch (err) {
    // Structured clone failed (a function or DOM object in the request) or main is gone.
    return rejectWith({ code: 'BAD_REQUEST', message: 'The request could not be sent to Anyfill.', detail: String(err) });
  }
  if (reply?.ok === true) return reply.result as ResponseOf<C>;
  if (reply?.ok === false) return rejectWith(reply.error);
  return rejectWith({ code: 'INTERNAL', message: 'Something went wrong inside Anyfill.', detail: 'malformed reply' });
}

const api: AnyfillApi = {
  host: 'electron',
  invoke,
  on(event, listener) {
    if (!isEventName(event) || typeof listener !== 'function') throw new TypeError(`Unknown Anyfill event: ${String(event)}`);
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped: Listener = (payload) => (listener as Listener)(payload);
    set.add(wrapped);
    if (event === 'engine.status' && lastEngineStatus !== undefined) {
      const current = lastEngineStatus;
      void Promise.resolve().then(() => set.has(wrapped) && wrapped(current));
    }
    return () => {
      set.delete(wrapped);
    };
  },
  async stageFile(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return invoke('shell.stageBytes', { name: file.name || 'pasted image', bytes });
  },
  pickImage: () => invoke('shell.pickImage', {}),
  saveExport: (exportId, suggestedName, format) => invoke('shell.saveExport', { exportId, suggestedName, ...(format ? { format } : {}) }),
  // Session paths are "assets/…" or "exports/…" (see SessionFileSchema); each segment is encoded anyway.
  fileUrl: (p) => `${APP_SCHEME}://${FILES_HOST}/${String(p).split('/').map(encodeURIComponent).join('/')}`,
};

contextBridge.exposeInMainWorld('anyfill', api);
