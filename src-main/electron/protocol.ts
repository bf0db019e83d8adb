// Runs in: Electron main.
// The app:// protocol instead of file:// (checklist item 18): app://ui serves the built renderer,
// app://files serves session files (proxies, exports). Containment is decided in protocol-paths.ts
// and SessionDir.resolveServable (realpath + path.relative), never by string prefixes.
import { protocol } from 'electron';
import { createReadStream, promises as fs } from 'node:fs';
import { Readable } from 'node:stream';
import type { SessionDir } from '../host/session-dir';
import { APP_SCHEME, APP_UI_ORIGIN } from './origins';
import { SECURITY_HEADERS, mimeTypeFor, resolveUiFile, routeAppUrl } from './protocol-paths';

/** Must run before app ready: app:// behaves like https (standard origin, secure context, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // corsEnabled lets app://ui read app://files pixels (canvas stays untainted) under the
      // Access-Control-Allow-Origin header below, which names app://ui only.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}

export interface AppProtocolOptions {
  /** dist/renderer (inside app.asar when packaged; Electron's fs reads it transparently). */
  rendererDir: string;
  sessionDir: SessionDir;
}

/** Call after app ready. */
export function handleAppProtocol(opts: AppProtocolOptions): void {
  // Resolved once: the containment check compares real paths on both sides.
  const rendererRoot = fs.realpath(opts.rendererDir).catch(() => null);
  protocol.handle(APP_SCHEME, async (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
      const route = routeAppUrl(request.url);
      let file: string | null = null;
      if (route?.host === 'ui') {
        const root = await rendererRoot;
        file = root ? await resolveUiFile(root, route.segments) : null;
      } else if (route?.host === 'files') {
        file = await opts.sessionDir.resolveServable(route.segments.join('/'));
      }
      const stat = file ? await fs.stat(file).catch(() => null) : null;
      if (!file || !stat?.isFile()) return plain(404, 'Not found');
      const headers: Record<string, string> = {
        ...SECURITY_HEADERS,
        'Content-Type': mimeTypeFor(file),
        'Content-Length': String(stat.size),
        // Session files are rewritten in place (a new proxy size); the UI is small and local.
        'Cache-Control': 'no-store',
      };
      if (route?.host === 'files') headers['Access-Control-Allow-Origin'] = APP_UI_ORIGIN;
      const body = request.method === 'HEAD' ? null : (Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>);
      return new Response(body, { status: 200, headers });
    } catch (err) {
      console.error('[protocol] failed to serve', request.url, err);
      return plain(500, 'Internal error');
    }
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
