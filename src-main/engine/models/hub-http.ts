// Runs in: engine process (and the CLI). Talking to a Hugging Face-style hub: URLs, the headers that
// carry size, sha256 and commit, Range replies, and proxy-aware fetch with redirects followed by hand
// (the hub's 302 to its CDN carries X-Linked-Etag / X-Linked-Size / X-Repo-Commit; the CDN reply does not).
import { AnyfillError } from '../../../src-shared/contract/errors';
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

export const DEFAULT_ENDPOINT = 'https://huggingface.co';

export interface HeaderBag {
  get(name: string): string | null;
}

/** The call's endpoint, else ANYFILL_MODEL_ENDPOINT, else the hub; no trailing slash. */
export function resolveEndpoint(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const raw = explicit || env.ANYFILL_MODEL_ENDPOINT || DEFAULT_ENDPOINT;
  return raw.replace(/\/+$/, '');
}

/** <endpoint>/<repo>/resolve/<revision>/<source>, each path segment escaped. */
export function fileUrl(endpoint: string, repo: string, revision: string, source: string): string {
  const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/${enc(repo)}/resolve/${encodeURIComponent(revision)}/${enc(source)}`;
}

const SHA256_RE = /^[0-9a-f]{64}$/;

/** `"abc"` / `W/"abc"` → abc (lower-case), with whether it was weak. */
export function parseEtag(value: string | null): { tag: string; weak: boolean } | null {
  if (!value) return null;
  const m = /^\s*(W\/)?"?([^"]*)"?\s*$/.exec(value);
  if (!m || !m[2]) return null;
  return { tag: m[2].toLowerCase(), weak: Boolean(m[1]) };
}

export function parseContentRange(value: string | null): { start: number; end: number; total: number | null } | null {
  const m = value ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim()) : null;
  if (!m) return null;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) };
}

function positiveInt(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

export interface HubFileInfo {
  /** sha256 the hub vouches for (LFS files), else null: then we compute and record it. */
  sha256: string | null;
  /** Exact size, when any header tells. */
  size: number | null;
  commit: string | null;
  /** For If-Range on a later resume: a strong ETag or Last-Modified of the reply that carried the bytes. */
  validator: string | null;
}

/**
 * Reads a reply chain: `hops` are the hub's replies in order (redirects first), the last one carries the
 * bytes. X-Linked-* win; a 64-hex ETag counts as sha256 only on the first hop (the hub's own reply).
 */
export function hubFileInfo(hops: HeaderBag[], status: number): HubFileInfo {
  const first = (name: string) => hops.map((h) => h.get(name)).find((v) => v !== null && v !== '') ?? null;
  const final = hops[hops.length - 1];
  const linked = parseEtag(first('x-linked-etag'));
  const own = parseEtag(hops[0]?.get('etag') ?? null);
  const sha256 = [linked, own].find((e) => e && SHA256_RE.test(e.tag))?.tag ?? null;
  const range = status === 206 ? parseContentRange(final?.get('content-range') ?? null) : null;
  const size =
    positiveInt(first('x-linked-size')) ?? range?.total ?? (status === 200 ? positiveInt(final?.get('content-length') ?? null) : null);
  const finalEtag = final?.get('etag') ?? null;
  const strong = parseEtag(finalEtag)?.weak === false ? finalEtag : null;
  return { sha256, size, commit: first('x-repo-commit'), validator: strong ?? final?.get('last-modified') ?? null };
}

export type FetchImpl = typeof fetch;

/** undici's fetch through EnvHttpProxyAgent, so HTTP(S)_PROXY and NO_PROXY are honoured. */
export function proxyAwareFetch(): FetchImpl {
  const dispatcher = new EnvHttpProxyAgent();
  const impl = (input: string | URL, init?: Parameters<typeof undiciFetch>[1]) => undiciFetch(input, { ...init, dispatcher });
  return impl as unknown as FetchImpl;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GET with redirects followed by hand, keeping every hop's headers. */
export async function fetchFollow(
  fetchImpl: FetchImpl,
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ res: Response; hops: HeaderBag[]; url: string }> {
  const hops: HeaderBag[] = [];
  for (let i = 0; i < 10; i++) {
    const res = await fetchImpl(url, { headers, signal, redirect: 'manual' });
    hops.push(res.headers);
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location) return { res, hops, url };
    await res.body?.cancel().catch(() => undefined);
    url = new URL(location, url).href;
  }
  // Not "interrupted": retrying the same loop would fail the same way.
  throw new AnyfillError(
    'IO',
    `The server redirected too many times (over 10 redirects) for ${url}; the mirror may be misconfigured. Try another endpoint or try again later.`,
  );
}
