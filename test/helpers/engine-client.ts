// Runs in: tests and benchmarks (node). A WebSocket client of the browser host, speaking the contract as
// the renderer does (used to read the engine's pid and to call channels directly).
import WebSocket from 'ws';
import type { ChannelName, RequestOf, ResponseOf } from '../../src-shared/contract/contract';
import type { WireMessage } from '../../src-shared/contract/wire';

export interface EngineClient {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  events: Array<{ event: string; payload: unknown }>;
  close(): void;
}

export async function connectClient(pageUrl: string): Promise<EngineClient> {
  const base = new URL(pageUrl);
  const socket = new WebSocket(`ws://${base.host}/ws`, { origin: `http://${base.host}` });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const events: EngineClient['events'] = [];
  socket.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as WireMessage;
    if (msg.t === 'evt') events.push({ event: msg.event, payload: msg.payload });
    if (msg.t !== 'res') return;
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.ok) w?.resolve(msg.result);
    else w?.reject(msg.error);
  });
  let next = 1;
  return {
    events,
    invoke(channel, request) {
      const id = next++;
      socket.send(JSON.stringify({ t: 'req', id, channel, payload: request }));
      return new Promise((resolve, reject) => waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    },
    close: () => socket.close(),
  };
}
