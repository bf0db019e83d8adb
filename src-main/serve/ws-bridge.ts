// Runs in: browser host. Carries the contract over a WebSocket: each renderer request is validated here
// (defence in depth; the engine validates again) and forwarded to the supervised engine. Every message
// that names an id gets an answer; an oversize one is refused with TOO_LARGE ([Note: message size]),
// and a socket error (a frame over the hard cap) closes that socket only, never the host.
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { channels, isChannelName, ownerOf } from '../../src-shared/contract/contract';
import { AnyfillError, AnyfillErrorSchema, toErrorData } from '../../src-shared/contract/errors';
import { MAX_MESSAGE_BYTES, messageTooLarge, requestIdOf } from '../../src-shared/contract/message-limits';
import { refusedFromPage } from '../../src-shared/contract/page-limits';
import { WireRequestSchema, type WireEvent, type WireResponse } from '../../src-shared/contract/wire';
import type { EngineSupervisor } from '../host/engine-supervisor';
import { clientSafeError } from './client-errors';

/** Frames up to this are read and answered; beyond it `ws` closes the socket (code 1009). */
export const HARD_FRAME_BYTES = 64 * 1024 * 1024;

export function attachBridge(wss: WebSocketServer, supervisor: EngineSupervisor, log?: (line: string) => void): (event: WireEvent) => void {
  wss.on('connection', (socket) => {
    // A new page learns the engine's state at once (status bar).
    send(socket, { t: 'evt', event: 'engine.status', payload: { state: supervisor.state, restarts: supervisor.restarts } });
    // Without a listener, ws's 'error' (e.g. "Max payload size exceeded") would be thrown and end the host.
    socket.on('error', (err) => log?.(`WebSocket closed after an error: ${err.message}`));
    socket.on('message', (data, isBinary) => {
      void answer(supervisor, data, isBinary).then((reply) => reply && send(socket, reply));
    });
  });
  return (event) => {
    const safe = withSafeError(event);
    for (const client of wss.clients) send(client, safe);
  };
}

/** Events that report a failure (asset.decoded, job and download progress) carry `error` at the top. */
function withSafeError(event: WireEvent): WireEvent {
  const payload = event.payload as { error?: unknown } | null;
  const error = AnyfillErrorSchema.safeParse(payload?.error);
  return error.success ? { ...event, payload: { ...payload, error: clientSafeError(error.data) } } : event;
}

async function answer(supervisor: EngineSupervisor, data: RawData, isBinary: boolean): Promise<WireResponse | null> {
  const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
  const text = isBinary ? '' : data.toString();
  if (bytes > MAX_MESSAGE_BYTES) {
    return { t: 'res', id: requestIdOf(text) ?? 0, ok: false, error: messageTooLarge(bytes, MAX_MESSAGE_BYTES) };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refusal(0, 'Anyfill received a message that is not JSON.');
  }
  const envelope = WireRequestSchema.safeParse(raw);
  if (!envelope.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    return refusal(
      Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : 0,
      'Anyfill received a malformed request envelope.',
      envelope.error.message,
    );
  }
  const { id, channel, payload, payloadFile } = envelope.data;
  try {
    if (!isChannelName(channel)) throw new AnyfillError('BAD_REQUEST', `Unknown channel "${channel}".`);
    if (ownerOf(channel) !== 'engine') {
      throw new AnyfillError('UNSUPPORTED_HOST', `"${channel}" is only available in the desktop app.`);
    }
    // A staged payload is read and validated by the engine, which owns the inbox.
    if (payloadFile) return { t: 'res', id, ok: true, result: await supervisor.request(channel, undefined, payloadFile) };
    const parsed = channels[channel].request.safeParse(payload);
    if (!parsed.success) throw new AnyfillError('BAD_REQUEST', `Invalid request for ${channel}.`, parsed.error.message);
    const refused = refusedFromPage(channel, parsed.data);
    if (refused) throw new AnyfillError(refused.code, refused.message);
    return { t: 'res', id, ok: true, result: await supervisor.request(channel, parsed.data) };
  } catch (err) {
    return { t: 'res', id, ok: false, error: clientSafeError(toErrorData(err)) };
  }
}

function refusal(id: number, message: string, detail?: string): WireResponse {
  return { t: 'res', id, ok: false, error: clientSafeError({ code: 'BAD_REQUEST', message, ...(detail ? { detail } : {}) }) };
}

function send(socket: WebSocket, message: WireResponse | WireEvent): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
