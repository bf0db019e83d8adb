// Runs in: browser host. Carries the contract over a WebSocket: each renderer request is validated here
// (defence in depth; the engine validates again) and forwarded to the supervised engine.
import type { WebSocket, WebSocketServer } from 'ws';
import { channels, isChannelName, ownerOf } from '../../src-shared/contract/contract';
import { AnyfillError, toErrorData } from '../../src-shared/contract/errors';
import { refusedFromPage } from '../../src-shared/contract/page-limits';
import { WireRequestSchema, type WireEvent, type WireResponse } from '../../src-shared/contract/wire';
import type { EngineSupervisor } from '../host/engine-supervisor';

const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export function attachBridge(wss: WebSocketServer, supervisor: EngineSupervisor): (event: WireEvent) => void {
  wss.on('connection', (socket) => {
    // A new page learns the engine's state at once (status bar).
    send(socket, { t: 'evt', event: 'engine.status', payload: { state: supervisor.state, restarts: supervisor.restarts } });
    socket.on('message', (data, isBinary) => {
      if (isBinary || (data as Buffer).byteLength > MAX_MESSAGE_BYTES) return socket.close(1009, 'message too large');
      void answer(supervisor, data.toString()).then((reply) => reply && send(socket, reply));
    });
  });
  return (event) => {
    for (const client of wss.clients) send(client, event);
  };
}

async function answer(supervisor: EngineSupervisor, text: string): Promise<WireResponse | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const envelope = WireRequestSchema.safeParse(raw);
  if (!envelope.success) return null;
  const { id, channel, payload } = envelope.data;
  try {
    if (!isChannelName(channel)) throw new AnyfillError('BAD_REQUEST', `Unknown channel "${channel}".`);
    if (ownerOf(channel) !== 'engine') {
      throw new AnyfillError('UNSUPPORTED_HOST', `"${channel}" is only available in the desktop app.`);
    }
    const parsed = channels[channel].request.safeParse(payload);
    if (!parsed.success) throw new AnyfillError('BAD_REQUEST', `Invalid request for ${channel}.`, parsed.error.message);
    const refused = refusedFromPage(channel, parsed.data);
    if (refused) throw new AnyfillError(refused.code, refused.message);
    return { t: 'res', id, ok: true, result: await supervisor.request(channel, parsed.data) };
  } catch (err) {
    return { t: 'res', id, ok: false, error: toErrorData(err) };
  }
}

function send(socket: WebSocket, message: WireResponse | WireEvent): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}
