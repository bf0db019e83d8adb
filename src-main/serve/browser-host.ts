// Runs in: browser host (`anyfill serve`). An HTTP server on 127.0.0.1 that serves the renderer and
// carries the contract over a WebSocket to the engine, which runs as a supervised child process.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { AnyfillError } from '../../src-shared/contract/errors';
import { contentSecurityPolicy } from '../common/mime';
import { forkEngine } from '../host/engine-child';
import { EngineSupervisor } from '../host/engine-supervisor';
import { heartbeatFromEnv } from '../host/heartbeat';
import { createSessionDir, type SessionDir } from '../host/session-dir';
import { hostHeaderAllowed, makePolicy, originAllowed, tokenMatches, type AccessPolicy } from './access';
import { decodePath, receiveUpload, serveRenderer, serveSessionFile, sendError, type RouteContext } from './http-routes';
import { HARD_FRAME_BYTES, attachBridge } from './ws-bridge';

export interface BrowserHostOptions {
  port: number; // 0 picks a free port
  host: string;
  token: string | null;
  rendererDir: string;
  enginePath: string;
  modelsDir: string;
  version: string;
  log?: (line: string) => void;
}

export interface BrowserHost {
  url: string;
  session: SessionDir;
  supervisor: EngineSupervisor;
  close(): Promise<void>;
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  makePolicy(opts.host, 1, opts.token); // refuse a non-loopback bind without a token before anything starts
  const session = await createSessionDir();
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_BYTES });
  let broadcast: (e: Parameters<ReturnType<typeof attachBridge>>[0]) => void = () => undefined;
  const supervisor = new EngineSupervisor({
    spawn: () =>
      forkEngine(opts.enginePath, { sessionDir: session.root, modelsDir: opts.modelsDir, host: 'browser', version: opts.version }),
    onEvent: (e) => broadcast(e),
    heartbeat: heartbeatFromEnv(),
    log: opts.log,
  });
  broadcast = attachBridge(wss, supervisor, opts.log);
  supervisor.start();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const policy = makePolicy(opts.host, port, opts.token);
  const headers = securityHeaders();
  const routes: RouteContext = { rendererDir: opts.rendererDir, session, securityHeaders: headers };

  server.on('request', (req, res) => void route(routes, policy, req, res).catch((err) => sendError(res, 500, err)));
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const ok =
      url.pathname === '/ws' &&
      hostHeaderAllowed(policy, req.headers.host) &&
      originAllowed(req.headers.origin, req.headers.host) &&
      tokenMatches(policy, url.searchParams.get('token'));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}/${opts.token ? `#token=${encodeURIComponent(opts.token)}` : ''}`;
  return {
    url,
    session,
    supervisor,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await supervisor.stop();
      await session.dispose();
    },
  };
}

async function route(ctx: RouteContext, policy: AccessPolicy, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hostHeaderAllowed(policy, req.headers.host)) {
    return sendError(res, 403, new AnyfillError('FORBIDDEN', 'This address is not allowed to reach Anyfill.'));
  }
  const url = new URL(req.url ?? '/', 'http://x');
  const token = url.searchParams.get('token') ?? (req.headers['x-anyfill-token'] as string | undefined);
  const guarded = url.pathname.startsWith('/api/') || url.pathname.startsWith('/files/');
  if (guarded && !tokenMatches(policy, token)) return sendError(res, 403, new AnyfillError('FORBIDDEN', 'Missing or wrong token.'));
  if (req.method === 'POST' && url.pathname === '/api/upload') {
    // Only our own page may upload: a cross-site form post carries a foreign Origin.
    if (req.headers.origin && !originAllowed(req.headers.origin, req.headers.host)) {
      return sendError(res, 403, new AnyfillError('FORBIDDEN', 'Uploads must come from the Anyfill page.'));
    }
    return receiveUpload(ctx, url.searchParams.get('name') ?? 'image', req, res);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, new AnyfillError('BAD_REQUEST', 'Method not allowed.'));
  if (url.pathname.startsWith('/files/')) {
    return serveSessionFile(ctx, decodePath(url.pathname.slice('/files/'.length)), url.searchParams.get('download'), res);
  }
  return serveRenderer(ctx, url.pathname, res);
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}
