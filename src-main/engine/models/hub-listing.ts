// Runs in: engine process (and the CLI). The hub's own file listing of a repository at a revision, read
// as Hugging Face clients read it: GET <endpoint>/api/models/<repo>/revision/<rev> for the commit, then
// GET <endpoint>/api/models/<repo>/tree/<commit>?recursive=true, paged by a Link rel="next" header.
// Entries: { type: 'file' | 'directory', path, size, oid (git blob sha1), lfs?: { oid (sha256), size } }.
import { z } from 'zod';
import type { FetchImpl } from './hub-http';

export interface ListedFile {
  path: string;
  size: number;
  /** The LFS object's sha256 (large files), else null. */
  sha256: string | null;
  /** The git blob sha1 of what a plain (non-LFS) file holds, else null. */
  gitOid: string | null;
}

export interface RepoListing {
  repo: string;
  commit: string;
  files: Map<string, ListedFile>;
}

const HEX40 = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MAX_PAGES = 100;
const MAX_PAGE_CHARS = 16 * 1024 * 1024;

const RevisionSchema = z.object({ sha: z.string().regex(HEX40) }).passthrough();
const EntrySchema = z
  .object({
    type: z.string(),
    path: z.string().min(1).max(1000),
    size: z.number().int().nonnegative().optional(),
    oid: z.string().optional(),
    lfs: z
      .object({ oid: z.string().optional(), sha256: z.string().optional(), size: z.number().int().nonnegative().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');

/** The listing, or null when the endpoint does not answer it (a plain file mirror, a 404, a 5xx, no JSON). */
export async function fetchListing(
  fetchImpl: FetchImpl,
  endpoint: string,
  repo: string,
  revision: string,
  signal: AbortSignal,
): Promise<RepoListing | null> {
  const base = `${endpoint}/api/models/${enc(repo)}`;
  const rev = await getJson(fetchImpl, `${base}/revision/${encodeURIComponent(revision)}`, signal);
  const parsed = RevisionSchema.safeParse(rev?.json);
  if (!parsed.success) return null;
  const commit = parsed.data.sha;
  const files = new Map<string, ListedFile>();
  let url: string | null = `${base}/tree/${commit}?recursive=true`;
  for (let page = 0; url; page++) {
    if (page >= MAX_PAGES) return null;
    const got = await getJson(fetchImpl, url, signal);
    if (!got || !Array.isArray(got.json)) return null;
    for (const raw of got.json) {
      const e = EntrySchema.safeParse(raw);
      if (!e.success) return null;
      if (e.data.type !== 'file') continue;
      const lfsSha = e.data.lfs?.oid ?? e.data.lfs?.sha256 ?? null;
      const size = e.data.lfs?.size ?? e.data.size;
      if (size === undefined) return null;
      const sha256 = lfsSha && SHA256.test(lfsSha) ? lfsSha : null;
      const gitOid = !e.data.lfs && e.data.oid && HEX40.test(e.data.oid) ? e.data.oid : null;
      files.set(e.data.path, { path: e.data.path, size, sha256, gitOid });
    }
    url = nextLink(got.link, url);
  }
  return { repo, commit, files };
}

async function getJson(fetchImpl: FetchImpl, url: string, signal: AbortSignal): Promise<{ json: unknown; link: string | null } | null> {
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: { accept: 'application/json', 'user-agent': 'anyfill' }, signal });
  } catch (err) {
    if (signal.aborted) throw err;
    return null;
  }
  if (res.status !== 200) return (void (await res.body?.cancel().catch(() => undefined)), null);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_PAGE_CHARS) return (void (await res.body?.cancel().catch(() => undefined)), null);
  try {
    const text = await res.text();
    return text.length > MAX_PAGE_CHARS ? null : { json: JSON.parse(text), link: res.headers.get('link') };
  } catch (err) {
    if (signal.aborted) throw err;
    return null;
  }
}

/** `<url>; rel="next"` → the absolute URL; only on the same origin as the page that named it. */
export function nextLink(link: string | null, from: string): string | null {
  for (const part of (link ?? '').split(',')) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
    if (!m || !/\brel="?next"?/.test(m[2]!)) continue;
    const next = new URL(m[1]!, from);
    return next.origin === new URL(from).origin ? next.href : null;
  }
  return null;
}
