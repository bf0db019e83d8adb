// Runs in: browser host. Plain HTTP: the renderer bundle, session files (proxies, exports) and uploads.
import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { toErrorData, AnyfillError } from '../../src-shared/contract/errors';
import { contentTypeFor } from '../common/mime';
import { resolveInside, stageStream, type SessionDir } from '../host/session-dir';
import { clientSafeError } from './client-errors';

export interface RouteContext {
  rendererDir: string;
  session: SessionDir;
  securityHeaders: Record<string, string>;
}

export async function serveRenderer(ctx: RouteContext, urlPath: string, res: ServerResponse): Promise<void> {
  const rel = decodePath(urlPath === '/' ? '/index.html' : urlPath).replace(/^\/+/, '');
  const top = rel.split('/')[0] ?? '';
  const file = await resolveInside(ctx.rendererDir, rel, [top]);
  if (!file || !(await isFile(file))) return sendError(res, 404, new AnyfillError('NOT_FOUND', 'Not found.'));
  await sendFile(ctx, res, file, rel === 'index.html' ? 'no-cache' : 'public, max-age=3600');
}

export async function serveSessionFile(ctx: RouteContext, rel: string, download: string | null, res: ServerResponse): Promise<void> {
  const file = await ctx.session.resolveServable(rel);
  if (!file || !(await isFile(file))) return sendError(res, 404, new AnyfillError('NOT_FOUND', 'That file is no longer available.'));
  const extra: Record<string, string> = {};
  if (download) extra['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(download))}`;
  await sendFile(ctx, res, file, 'no-store', extra);
}

export async function receiveUpload(ctx: RouteContext, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const staged = await stageStream(ctx.session, name || 'image', req);
    sendJson(res, 200, staged);
  } catch (err) {
    req.resume(); // drain what is left so the client sees our answer
    sendError(res, 413, err);
  }
}

async function sendFile(
  ctx: RouteContext,
  res: ServerResponse,
  file: string,
  cache: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const { size } = await fs.stat(file);
  res.writeHead(200, {
    ...ctx.securityHeaders,
    'Content-Type': contentTypeFor(file),
    'Content-Length': size,
    'Cache-Control': cache,
    ...extra,
  });
  createReadStream(file).pipe(res);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(text);
}

/** A percent-decoded URL path; a malformed escape (`/%E0%A4%A`) is a 400, not an exception. */
export function decodePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new AnyfillError('BAD_REQUEST', 'That address is not valid.');
  }
}

/** The error as JSON, without stack traces or paths of this machine ([clientSafeError]). */
export function sendError(res: ServerResponse, status: number, err: unknown): void {
  const data = toErrorData(err);
  const code = data.code === 'TOO_LARGE' ? 413 : data.code === 'IO' ? 507 : data.code === 'BAD_REQUEST' ? 400 : status;
  if (res.headersSent) return void res.destroy();
  sendJson(res, code, clientSafeError(data));
}

async function isFile(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}
