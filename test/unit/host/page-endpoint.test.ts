// Runs in: test tooling. A page may not choose the server models are downloaded from (issue 15): the
// browser host's WebSocket bridge and the Electron IPC gate refuse models.download with an endpoint,
// clearly and without reaching the engine, and pass the same request without one.
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { validateInvoke } from '../../../src-main/electron/ipc-validate';
import type { EngineSupervisor } from '../../../src-main/host/engine-supervisor';
import { attachBridge } from '../../../src-main/serve/ws-bridge';

const MESSAGE =
  'A download server cannot be chosen from the editor page; set ANYFILL_MODEL_ENDPOINT where Anyfill starts, or use "anyfill models download --endpoint".';
let wss: WebSocketServer | null = null;
afterEach(() => new Promise<void>((r) => (wss ? wss.close(() => r()) : r())));

it('the browser host refuses models.download with an endpoint, and forwards it without one', async () => {
  const forwarded: unknown[] = [];
  const supervisor = {
    state: 'ready',
    restarts: 0,
    request: async (channel: string, payload: unknown) => (forwarded.push([channel, payload]), { ok: true }),
  };
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => wss!.once('listening', r));
  attachBridge(wss, supervisor as unknown as EngineSupervisor);
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  const replies: Array<{ t: string; id?: number; ok?: boolean; error?: { code: string; message: string } }> = [];
  ws.on('message', (d) => replies.push(JSON.parse(String(d))));
  await new Promise((r) => ws.once('open', r));
  ws.send(
    JSON.stringify({ t: 'req', id: 1, channel: 'models.download', payload: { packId: 'mobilesam', endpoint: 'http://evil.example/' } }),
  );
  ws.send(JSON.stringify({ t: 'req', id: 2, channel: 'models.download', payload: { packId: 'mobilesam' } }));
  for (let i = 0; i < 100 && replies.filter((r) => r.t === 'res').length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  ws.close();
  expect(replies.find((r) => r.id === 1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: MESSAGE } });
  expect(replies.find((r) => r.id === 2)).toMatchObject({ ok: true });
  expect(forwarded).toEqual([['models.download', { packId: 'mobilesam' }]]);
});

it('the Electron IPC gate refuses it the same way', () => {
  const call = (payload: unknown) =>
    validateInvoke({ senderUrl: 'app://ui/index.html', isMainFrame: true, channel: 'models.download', payload });
  expect(call({ packId: 'mobilesam', endpoint: 'http://evil.example/' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN', message: MESSAGE },
  });
  expect(call({ packId: 'mobilesam' })).toMatchObject({ ok: true });
});
