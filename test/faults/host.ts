// Runs in: tests (node). A real browser host and engine for the fault suite, and the ways a hostile client
// reaches them: uploads, contract requests, raw WebSocket frames; `alive` is the crash check after each case.
import WebSocket from 'ws';
import type { StagedFile } from '../../src-shared/contract/payloads';
import { connectClient, type EngineClient } from '../helpers/engine-client';
import { startServe, type ServeProcess } from '../helpers/browser-host-process';

export interface FaultHost {
  serve: ServeProcess;
  client: EngineClient;
  upload(name: string, bytes: Uint8Array): Promise<StagedFile>;
  /** app.info answered within `ms` on a fresh connection (the old one may have been closed by the case). */
  alive(ms?: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function startFaultHost(env: NodeJS.ProcessEnv = {}): Promise<FaultHost> {
  const serve = await startServe([], env);
  let client = await connectClient(serve.url);
  const base = new URL(serve.url);
  return {
    serve,
    get client() {
      return client;
    },
    async upload(name, bytes) {
      const res = await fetch(`${base.origin}/api/upload?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { origin: base.origin, 'content-type': 'application/octet-stream' },
        body: bytes,
      });
      const body = (await res.json()) as unknown;
      if (!res.ok) throw body;
      return body as StagedFile;
    },
    async alive(ms = 2000) {
      try {
        const fresh = await withTimeout(connectClient(serve.url), ms);
        try {
          await withTimeout(fresh.invoke('app.info', {}), ms);
          client.close();
          client = fresh;
          return true;
        } catch {
          fresh.close();
          return false;
        }
      } catch {
        return false;
      }
    },
    async close() {
      client.close();
      await serve.stop();
    },
  };
}

/** Sends one raw frame and waits for the reply to `id` (or any error reply), or null after `ms`. */
export function rawFrame(serveUrl: string, frame: string | Buffer, ms = 3000): Promise<unknown> {
  const base = new URL(serveUrl);
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${base.host}/ws`, { origin: base.origin, maxPayload: 256 * 1024 ** 2 });
    const done = (v: unknown) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(v);
    };
    const timer = setTimeout(() => done(null), ms);
    ws.on('open', () => ws.send(frame));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { t: string; ok?: boolean; error?: unknown };
      if (msg.t === 'res') done(msg.ok ? { ok: true } : msg.error);
    });
    ws.on('close', (code, reason) => done({ closed: code, reason: reason.toString() }));
    ws.on('error', () => done({ closed: -1 }));
  });
}

export async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
