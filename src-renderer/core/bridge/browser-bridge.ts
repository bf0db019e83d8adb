// Runs in: renderer (browser host only). AnyfillApi for `anyfill serve`, where no preload exists:
// the contract over a WebSocket, uploads over HTTP, a file input for "open", a download for "save".
import type { AnyfillApi } from '../../../src-shared/contract/api';
import {
  channels,
  events,
  isChannelName,
  isEventName,
  ownerOf,
  type ChannelName,
  type EventName,
  type EventOf,
  type RequestOf,
  type ResponseOf,
} from '../../../src-shared/contract/contract';
import { AnyfillError, fromErrorData, toErrorData } from '../../../src-shared/contract/errors';
import { STAGE_PAYLOAD_ABOVE_BYTES, approxJsonBytes } from '../../../src-shared/contract/message-limits';
import { StagedFileSchema, type StagedFile } from '../../../src-shared/contract/payloads';
import type { ExportId } from '../../../src-shared/document/ids';
import type { ExportFormat } from '../../../src-shared/contract/export-payloads';
import { WsClient, type ConnectionState } from './ws-client';

// .anyfill: projects open through the same picker.
const ACCEPT = 'image/*,.bmp,.tif,.tiff,.avif,.heic,.anyfill';

/** The access token printed by `anyfill serve`: `#token=…` (kept out of server logs) or `?token=…`. */
export function readToken(loc: Pick<Location, 'hash' | 'search'> = location): string {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token');
  return fromHash ?? new URLSearchParams(loc.search).get('token') ?? '';
}

export class BrowserBridge implements AnyfillApi {
  readonly host = 'browser' as const;
  private readonly token = readToken();
  private readonly listeners = new Map<string, Set<(payload: never) => void>>();
  private readonly ws: WsClient;

  constructor() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.ws = new WsClient(`${scheme}://${location.host}/ws?token=${encodeURIComponent(this.token)}`, (e, p) => this.dispatch(e, p));
  }

  get connection(): ConnectionState {
    return this.ws.connection;
  }

  onConnectionChange(listener: (s: ConnectionState) => void): () => void {
    return this.ws.onConnectionChange(listener);
  }

  async invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    if (!isChannelName(channel)) throw new AnyfillError('BAD_REQUEST', `Unknown channel "${String(channel)}".`);
    // Shell channels are Electron-only (native dialogs, menus): never put them on the wire here.
    if (ownerOf(channel) !== 'engine') {
      throw new AnyfillError('UNSUPPORTED_HOST', 'That is only available in the Anyfill desktop app.');
    }
    const def = channels[channel];
    const req = def.request.safeParse(request);
    if (!req.success) throw new AnyfillError('BAD_REQUEST', `Invalid request for ${channel}.`, req.error.message);
    let result: unknown;
    try {
      // [Note: message size] a big payload (a large document's autosave) goes up as a file, not inline.
      const large = approxJsonBytes(req.data, STAGE_PAYLOAD_ABOVE_BYTES) > STAGE_PAYLOAD_ABOVE_BYTES;
      result = large
        ? await this.ws.request(channel, undefined, (await this.stagePayload(req.data)).id)
        : await this.ws.request(channel, req.data);
    } catch (err) {
      throw fromErrorData(toErrorData(err));
    }
    const res = def.response.safeParse(result);
    if (!res.success) {
      throw new AnyfillError('INTERNAL', 'Anyfill sent a reply this window did not understand.', res.error.message);
    }
    return res.data as ResponseOf<C>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (payload: never) => void;
    set.add(l);
    return () => set.delete(l);
  }

  private dispatch(event: string, payload: unknown): void {
    if (!isEventName(event)) return;
    const parsed = events[event].safeParse(payload);
    if (!parsed.success) return;
    for (const l of this.listeners.get(event) ?? []) (l as (p: unknown) => void)(parsed.data);
  }

  private stagePayload(payload: unknown): Promise<StagedFile> {
    return this.stageFile(new File([JSON.stringify(payload)], 'request.json', { type: 'application/json' }));
  }

  async stageFile(file: File): Promise<StagedFile> {
    const name = (file.name || 'image').slice(0, 260);
    let res: Response;
    try {
      res = await fetch(`/api/upload?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'x-anyfill-token': this.token, 'content-type': 'application/octet-stream' },
        body: file,
      });
    } catch (err) {
      throw new AnyfillError('ENGINE_UNAVAILABLE', 'Could not reach Anyfill to upload the file; try again.', String(err));
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw fromErrorData(toErrorData(body ?? { code: 'IO', message: `Upload failed (HTTP ${res.status}).` }));
    const staged = StagedFileSchema.safeParse(body);
    if (!staged.success) throw new AnyfillError('INTERNAL', 'The upload answer was not understood.', staged.error.message);
    return staged.data;
  }

  pickImage(): Promise<StagedFile | null> {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = ACCEPT;
      input.hidden = true;
      input.dataset.testid = 'open-file-input';
      const done = () => input.remove();
      input.addEventListener('cancel', () => {
        done();
        resolve(null);
      });
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        done();
        if (!file) return resolve(null);
        this.stageFile(file).then(resolve, reject);
      });
      // In the DOM so test drivers (Playwright's file chooser) and every browser treat it as a real input.
      document.body.append(input);
      input.click();
    });
  }

  async saveExport(exportId: ExportId, suggestedName: string, format: ExportFormat = 'png'): Promise<{ saved: boolean; where?: string }> {
    const a = document.createElement('a');
    a.href = `/files/exports/${encodeURIComponent(exportId)}.${format}?token=${encodeURIComponent(this.token)}&download=${encodeURIComponent(suggestedName)}`;
    a.download = suggestedName;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    return { saved: true, where: 'Downloads' };
  }

  fileUrl(path: string): string {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    return `/files/${encoded}?token=${encodeURIComponent(this.token)}`;
  }
}
