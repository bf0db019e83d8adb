// Runs in: tests (node). A 50 MB document (2.6 million brush points) autosaved through the real browser host
// by the renderer's own bridge (BrowserBridge, run here against Node's fetch and a `ws` socket that sends the
// page's Origin) — [Note: message size]: the request is staged as a file, not sent over the WebSocket; the
// recovery copy is written; the host and engine keep answering; the session folder is gone after exit.
// Before, the host died on ws's "Max payload size exceeded" and the page said "reconnecting…" for good.
// (Chromium itself is not used: opening a 50 MB document in the page takes minutes today, a renderer matter.)
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BrowserBridge } from '../../src-renderer/core/bridge/browser-bridge';
import { newDocumentId, newLayerId, type AssetId } from '../../src-shared/document/ids';
import type { SelectionLayer } from '../../src-shared/document/selection';
import type { EditorDocument } from '../../src-shared/document/types';
import { startServe, type ServeProcess } from '../helpers/browser-host-process';
import { rgbPng } from '../unit/project/fixtures';

let serve: ServeProcess;
let tmp = '';
const g = globalThis as unknown as Record<string, unknown>;
const saved = { location: g.location, WebSocket: g.WebSocket };

/** Points spread over the image with two decimals, as a long brushing session leaves them. */
function brushed(assetId: AssetId): SelectionLayer {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const strokes = Array.from({ length: 130 }, () => ({
    mode: 'add' as const,
    radius: 1,
    hardness: 1,
    points: Array.from({ length: 20_000 }, () => ({ x: Math.round(rand() * 2400) / 100, y: Math.round(rand() * 1600) / 100 })),
  }));
  return {
    id: newLayerId(),
    kind: 'selection',
    name: 'Brushed',
    visible: true,
    colour: '#33aaff',
    assetId,
    prompt: { points: [] },
    sam: null,
    strokes,
    ops: [],
  };
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'anyfill-large-'));
  serve = await startServe([], { TMPDIR: tmp });
  const host = new URL(serve.url).host;
  // What a page at serve.url has: its location, and a WebSocket that carries its Origin.
  g.location = { protocol: 'http:', host, hash: '', search: '' };
  g.WebSocket = class extends WebSocket {
    constructor(url: string) {
      super(url, { origin: `http://${host}` });
    }
  };
}, 60_000);
afterAll(async () => {
  Object.assign(g, saved);
  await serve?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

it('autosaves a 50 MB document through the browser host, which keeps running', async () => {
  const bridge = new BrowserBridge();
  // fetch resolves relative URLs against nothing in Node: give the bridge's upload its page origin.
  const nodeFetch = globalThis.fetch;
  globalThis.fetch = ((input: string, init?: RequestInit) => nodeFetch(new URL(input, serve.url), init)) as typeof fetch;
  try {
    const staged = await bridge.stageFile(new File([new Uint8Array(await rgbPng())], 'photo.png'));
    const { asset } = await bridge.invoke('image.open', { fileId: staged.id, name: 'photo.png', maxProxySide: 256 });
    const image = {
      id: newLayerId(),
      kind: 'image' as const,
      name: 'Photo',
      assetId: asset.id,
      visible: true,
      opacity: 1,
      x: 0,
      y: 0,
      width: 24,
      height: 16,
    };
    const document: EditorDocument = {
      id: newDocumentId(),
      schemaVersion: 1,
      name: 'Big',
      width: 24,
      height: 16,
      layers: [image, brushed(asset.id)],
    };
    expect(JSON.stringify({ document }).length).toBeGreaterThan(50 * 1024 * 1024);
    const pid = (await bridge.invoke('app.info', {})).engine.pid;

    const result = await bridge.invoke('project.autosave', { document });
    expect(result.bytes).toBeGreaterThan(1024 * 1024);
    const copy = path.join(serve.recoveryDir, `${document.id}.anyfill`);
    expect(statSync(copy).size).toBe(result.bytes);
    const listed = await bridge.invoke('project.recoverable', {});
    expect(listed.projects.map((p) => p.documentId)).toEqual([document.id]);

    // The same connection, host and engine still answer; the staged request was consumed.
    expect(bridge.connection).toBe('open');
    expect((await bridge.invoke('app.info', {})).engine.pid).toBe(pid);
    expect(serve.child.exitCode).toBeNull();
    const [session] = readdirSync(tmp).filter((n) => n.startsWith('anyfill-session-'));
    expect(readdirSync(path.join(tmp, session!, 'inbox'))).toEqual([staged.id]);
  } finally {
    globalThis.fetch = nodeFetch;
  }
  await serve.stop();
  expect(readdirSync(tmp).filter((n) => n.startsWith('anyfill-session-'))).toEqual([]);
}, 240_000);
