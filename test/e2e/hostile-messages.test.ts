// Runs in: tests (node). The browser host under hostile messages (issue 15 items 1, 3, 5, 8): an oversize or
// junk WebSocket message gets a clear answer and the host and its engine keep answering app.info; a
// malformed URL is a plain 400 without paths; an engine that stops answering pings is restarted and the
// page is told; the session folder is gone after the host exits.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import WebSocket from 'ws';
import { newLayerId } from '../../src-shared/document/ids';
import { startServe, type ServeProcess } from '../helpers/browser-host-process';

interface Reply {
  t: string;
  id?: number;
  ok?: boolean;
  error?: { code: string; message: string; detail?: string };
  result?: unknown;
  event?: string;
  payload?: unknown;
}

/** A raw WebSocket client that records everything the host sends and how the socket closed. */
async function rawClient(pageUrl: string) {
  const host = new URL(pageUrl).host;
  const socket = new WebSocket(`ws://${host}/ws`, { origin: `http://${host}`, maxPayload: 256 * 1024 * 1024 });
  const got: Reply[] = [];
  let closed: number | null = null;
  socket.on('message', (d) => got.push(JSON.parse(d.toString()) as Reply));
  socket.on('close', (code) => (closed = code));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => (socket.once('open', () => resolve()), socket.once('error', reject)));
  const reply = async (id: number, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = got.find((m) => m.t === 'res' && m.id === id);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no reply to ${id}; got ${JSON.stringify(got.map((g) => g.t + (g.id ?? '')))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { socket, got, reply, closedWith: () => closed, send: (text: string) => socket.send(text) };
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function engineAnswers(url: string, id = 900): Promise<number> {
  const c = await rawClient(url);
  c.send(JSON.stringify({ t: 'req', id, channel: 'app.info', payload: {} }));
  const r = await c.reply(id);
  c.socket.close();
  expect(r.ok).toBe(true);
  return (r.result as { engine: { pid: number } }).engine.pid;
}

describe('browser host under hostile messages', () => {
  let serve: ServeProcess;
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'anyfill-hostile-'));
    serve = await startServe([], { TMPDIR: tmp, ANYFILL_ENGINE_TIMEOUT_MS: '3000' });
  }, 60_000);
  afterAll(async () => {
    await serve?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('answers a message over 4 MiB with TOO_LARGE and keeps the host and engine running', async () => {
    const pid = await engineAnswers(serve.url);
    const c = await rawClient(serve.url);
    const junk = JSON.stringify({ t: 'req', id: 7, channel: 'project.autosave', payload: { document: { name: 'x'.repeat(5_600_000) } } });
    c.send(junk);
    const r = await c.reply(7);
    expect(r.error?.code).toBe('TOO_LARGE');
    expect(r.error?.message).toMatch(/too large to send \(5\.\d MB; at most 4\.0 MB/);
    // The same socket still works, and so does the engine (the same one: nothing restarted).
    c.send(JSON.stringify({ t: 'req', id: 8, channel: 'app.info', payload: {} }));
    expect((await c.reply(8)).ok).toBe(true);
    expect(await engineAnswers(serve.url)).toBe(pid);
  }, 60_000);

  it('closes only the socket that sends a frame over the hard cap; the host stays up', async () => {
    const pid = await engineAnswers(serve.url);
    const c = await rawClient(serve.url);
    c.send(`{"t":"req","id":3,"channel":"app.info","payload":"${'y'.repeat(70 * 1024 * 1024)}"}`);
    await expect.poll(c.closedWith, { timeout: 20_000 }).toBe(1009);
    expect(serve.child.exitCode).toBeNull();
    expect(await engineAnswers(serve.url)).toBe(pid);
  }, 60_000);

  it('answers every envelope that names an id, malformed ones with BAD_REQUEST', async () => {
    const c = await rawClient(serve.url);
    c.send(JSON.stringify({ t: 'req', id: 11, channel: 'app.info' })); // no payload
    c.send(JSON.stringify({ t: 'request', id: 12, channel: 'app.info', payload: {} }));
    c.send(JSON.stringify({ t: 'req', id: 13, channel: 'no.such', payload: {} }));
    for (const id of [11, 12, 13]) {
      const r = await c.reply(id);
      expect(r.ok, String(id)).toBe(false);
      expect(r.error?.code, String(id)).toBe('BAD_REQUEST');
    }
    c.send('not json at all');
    await expect.poll(() => c.got.some((m) => m.t === 'res' && m.id === 0 && m.error?.code === 'BAD_REQUEST')).toBe(true);
  });

  it('answers a malformed URL with a plain 400: no stack trace, no path of this machine', async () => {
    const u = new URL(serve.url);
    for (const p of ['/%E0%A4%A', '/files/%E0%A4%A', '/assets/%ZZ']) {
      const res = await get(`http://${u.host}${p}`);
      expect(res.status, p).toBe(400);
      expect(res.body, p).not.toMatch(/\bat\s|\/work|\/usr|node_modules|dist\/|URIError/);
      expect(JSON.parse(res.body), p).toMatchObject({ code: 'BAD_REQUEST', message: 'That address is not valid.' });
    }
  });

  it('answers app.info within a second while a large selection is computed, and refuses a hostile one at once', async () => {
    const u = new URL(serve.url);
    const png = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 90, g: 130, b: 210 } } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const up = await fetch(`http://${u.host}/api/upload?name=big.png`, {
      method: 'POST',
      body: png,
      headers: { origin: `http://${u.host}` },
    });
    const staged = (await up.json()) as { id: string };
    const c = await rawClient(serve.url);
    c.send(
      JSON.stringify({ t: 'req', id: 20, channel: 'image.open', payload: { fileId: staged.id, name: 'big.png', maxProxySide: 1024 } }),
    );
    const opened = await c.reply(20, 60_000);
    expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
    const assetId = (opened.result as { asset: { id: string } }).asset.id;
    const zigzag = (n: number, step: number) =>
      Array.from({ length: n }, (_, i) => ({ x: 200 + ((i * step) % 3600), y: 200 + Math.floor((i * step) / 3600) * 40 }));
    const selection = (radius: number, points: Array<{ x: number; y: number }>) => ({
      id: newLayerId(),
      kind: 'selection',
      name: 'Brushed',
      visible: true,
      colour: '#33aaff',
      assetId,
      prompt: { points: [] },
      sam: null,
      strokes: [{ mode: 'add', radius, hardness: 0.5, points }],
      ops: [],
    });
    // The hostile stroke (20,000 points at radius 2000): "too large" at once.
    const t0 = Date.now();
    c.send(JSON.stringify({ t: 'req', id: 21, channel: 'selection.mask', payload: { selection: selection(2000, zigzag(20_000, 7)) } }));
    expect((await c.reply(21)).error?.code).toBe('TOO_LARGE');
    expect(Date.now() - t0).toBeLessThan(2000);
    // A large allowed one (seconds of painting): app.info is answered meanwhile.
    c.send(JSON.stringify({ t: 'req', id: 22, channel: 'selection.mask', payload: { selection: selection(400, zigzag(600, 9)) } }));
    await new Promise((r) => setTimeout(r, 300));
    const asked = Date.now();
    c.send(JSON.stringify({ t: 'req', id: 23, channel: 'app.info', payload: {} }));
    expect((await c.reply(23)).ok).toBe(true);
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(c.got.some((m) => m.id === 22)).toBe(false); // still painting when app.info came back
    expect((await c.reply(22, 60_000)).ok).toBe(true);
  }, 120_000);

  it('restarts an engine that stops answering pings and tells the page why', async () => {
    const c = await rawClient(serve.url);
    const pid = await engineAnswers(serve.url);
    process.kill(pid, 'SIGSTOP');
    const told = () =>
      c.got.find((m) => m.event === 'engine.status' && /stopped answering/.test(String((m.payload as { message?: string }).message)));
    await expect.poll(told, { timeout: 20_000, interval: 100 }).toBeTruthy();
    const restarted = () => c.got.some((m) => m.event === 'engine.status' && (m.payload as { state: string }).state === 'ready');
    await expect.poll(restarted, { timeout: 30_000, interval: 100 }).toBe(true);
    const next = await engineAnswers(serve.url);
    expect(next).not.toBe(pid);
    expect(() => process.kill(pid, 0)).toThrow(); // the stopped one is gone, not left behind
  }, 60_000);

  it('removes its session folder when it exits', async () => {
    expect(readdirSync(tmp).filter((n) => n.startsWith('anyfill-session-'))).toHaveLength(1);
    await serve.stop();
    expect(readdirSync(tmp).filter((n) => n.startsWith('anyfill-session-'))).toEqual([]);
  });
});
