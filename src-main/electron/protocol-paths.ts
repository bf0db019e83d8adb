// Runs in: Electron main.
// Pure (no electron import): unit-tested in test/electron/protocol-paths.test.ts.
// Path containment and MIME types for the app:// protocol. See [Note: app origin] in origins.ts.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy, contentTypeFor } from '../common/mime';
import { APP_SCHEME, FILES_HOST, UI_HOST, parseUrl } from './origins';

/** Sent with every app:// response (the header form is preferred over <meta>: checklist item 7). */
export const CSP = contentSecurityPolicy(`${APP_SCHEME}:`);
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
};

/** Content-Type by extension (shared with the browser host). */
export const mimeTypeFor = contentTypeFor;

export type AppRoute = { host: 'ui' | 'files'; segments: string[] } | null;

/** Which host an app:// URL addresses and its decoded path segments; null means 404. */
export function routeAppUrl(url: string): AppRoute {
  const u = parseUrl(url);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.username || u.password || u.port) return null;
  if (u.host !== UI_HOST && u.host !== FILES_HOST) return null;
  const segments = decodeSegments(u.pathname);
  if (!segments) return null;
  if (u.host === UI_HOST) return { host: 'ui', segments: segments.length === 0 ? ['index.html'] : segments };
  return segments.length === 0 ? null : { host: 'files', segments };
}

/**
 * Decodes each segment *before* checking it, so %2e%2e, %2f and %5c cannot smuggle "..", "/" or
 * "\" past the check. Rejects empty, dot and hidden segments, NUL, drive letters and ADS colons.
 */
export function decodeSegments(pathname: string): string[] | null {
  const raw = pathname.replace(/^\/+/, '');
  if (raw === '') return [];
  const out: string[] = [];
  for (const part of raw.split('/')) {
    let s: string;
    try {
      s = decodeURIComponent(part);
    } catch {
      return null;
    }
    if (s === '' || s.startsWith('.') || /[\\/:\0]/.test(s) || /[\u0000-\u001f]/.test(s)) return null;
    out.push(s);
  }
  return out;
}

/** Separator-aware containment: "/a/b" must not accept "/a/bc" or "/a/b/../c". */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** Absolute path of a regular file under rootReal (already realpath'd); symlinks must stay inside. */
export async function resolveUiFile(rootReal: string, segments: string[]): Promise<string | null> {
  const candidate = path.join(rootReal, ...segments);
  if (!isInside(rootReal, candidate)) return null;
  try {
    const real = await fs.realpath(candidate);
    return isInside(rootReal, real) && (await fs.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
