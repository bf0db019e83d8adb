// Runs in: tests (node). The browser host answers only its own page on loopback: foreign Host headers
// (DNS rebinding), cross-site WebSockets and path tricks are refused; non-loopback needs a token.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServe, type ServeProcess } from '../helpers/browser-host-process';

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

function wsOpens(url: string, origin: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => (ws.close(), resolve(true)));
    ws.once('error', () => resolve(false));
  });
}

describe('browser host access', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe();
  });
  afterAll(async () => {
    await serve.stop();
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await get(serve.url);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<div id="root"');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses foreign Host headers, path traversal and inbox reads', async () => {
    expect((await get(serve.url, { Host: 'attacker.example' })).status).toBe(403);
    const u = new URL(serve.url);
    for (const p of ['/files/../../../etc/passwd', '/files/%2e%2e/%2e%2e/etc/passwd', '/files/inbox/f_abcdefgh', '/..%2f..%2fetc/passwd']) {
      const res = await get(`http://${u.host}${p}`);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.body, p).not.toMatch(/root:/);
    }
  });

  it('accepts WebSockets from its own page only', async () => {
    const u = new URL(serve.url);
    expect(await wsOpens(`ws://${u.host}/ws`, `http://${u.host}`)).toBe(true);
    expect(await wsOpens(`ws://${u.host}/ws`, 'http://attacker.example')).toBe(false);
  });

  it('refuses to listen beyond loopback without a token, and requires the token when given', async () => {
    await expect(startServe(['--host', '0.0.0.0'])).rejects.toThrow(/--token/);
    const guarded = await startServe(['--host', '0.0.0.0', '--token', 'correct-horse']);
    try {
      const u = new URL(guarded.url);
      expect(guarded.url).toContain('#token=correct-horse');
      expect(await wsOpens(`ws://${u.host}/ws`, `http://${u.host}`)).toBe(false);
      expect(await wsOpens(`ws://${u.host}/ws?token=correct-horse`, `http://${u.host}`)).toBe(true);
      expect((await get(`http://${u.host}/files/assets/x`)).status).toBe(403);
    } finally {
      await guarded.stop();
    }
  });
});
