// Runs in: test tooling. A local stand-in for the Hugging Face hub: serves <root>/<owner>/<repo>/<path>
// at /<owner>/<repo>/resolve/<revision>/<path> with the hub's headers (ETag / X-Linked-Etag = sha256 for
// "LFS" files, X-Linked-Size, X-Repo-Commit), Range + If-Range (206, 416), 404, an optional 302 to a
// "CDN" like the real hub, and fault knobs: cut after N bytes, flip a byte, change a file, slow down.
// The hub's listing API too (/api/models/<repo>/revision/<rev> and …/tree/<rev>?recursive=true, paged
// by Link rel="next"), generated from what it serves, with knobs to withhold or tamper with it.
// Also a tiny counting HTTP proxy (CONNECT and absolute-form) for the proxy test.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface HubRequest {
  path: string;
  revision: string;
  range: string | null;
  ifRange: string | null;
  status: number;
  /** Body bytes actually sent. */
  bytes: number;
  cdn: boolean;
}

/** One entry of the hub's tree listing, as the real API gives it. */
export interface TreeEntry {
  type: 'file' | 'directory';
  path: string;
  size: number;
  oid: string;
  lfs?: { oid: string; size: number; pointerSize: number };
}

export interface HubKnobs {
  /** The listing API: answered ('on'), 404 like a plain file mirror, or 500. */
  listing: 'on' | 'missing' | 'error';
  /** Entries per listing page (a Link header names the next). */
  listingPageSize: number;
  /** Tampers with a repo's listing before it is paged (a listing that disagrees with the files). */
  editListing: ((repo: string, entries: TreeEntry[]) => TreeEntry[]) | null;
  /** Close the connection after this many body bytes of a reply (null: never). */
  cutAfter: number | null;
  /** 'once': only the next reply long enough is cut; 'always': every one. */
  cutMode: 'once' | 'always';
  /** Flip one byte of this repo path's body, at this offset (headers keep the true sha256). */
  flip: { path: string; offset: number } | null;
  /** Replace a file's content from the given request number on (1-based, counting /resolve/ requests). */
  change: { path: string; fromRequest: number; content: Buffer } | null;
  /** Pause between 16 kB chunks (slow link, for cancel and concurrency tests). */
  chunkDelayMs: number;
  /** Answer /resolve/ for LFS files with a 302 to /cdn/… as the real hub does. */
  redirectLfs: boolean;
  /** Which repo paths are "LFS" files (sha256 ETag); default: .onnx/.zip/.pb or ≥ 10 kB. */
  isLfs: (repoPath: string, size: number) => boolean;
}

export interface HubServer {
  url: string;
  commit: string;
  knobs: HubKnobs;
  requests: HubRequest[];
  /** Paths of the listing API requests (/api/…), apart from the file requests. */
  apiRequests: string[];
  /** Body bytes sent since start (or the last reset). */
  bytesSent(): number;
  reset(): void;
  close(): Promise<void>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const gitOid = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

export async function startHubServer(root: string, commit = 'c0ffee'.padEnd(40, '0')): Promise<HubServer> {
  const knobs: HubKnobs = {
    listing: 'on',
    listingPageSize: 1000,
    editListing: null,
    cutAfter: null,
    cutMode: 'once',
    flip: null,
    change: null,
    chunkDelayMs: 0,
    redirectLfs: false,
    isLfs: (p, size) => /\.(onnx|zip|pb)$/.test(p) || size >= 10_000,
  };
  const requests: HubRequest[] = [];
  const apiRequests: string[] = [];
  let resolveCount = 0;

  async function content(repoPath: string): Promise<Buffer | null> {
    let buf: Buffer | null;
    if (knobs.change && knobs.change.path === repoPath && resolveCount >= knobs.change.fromRequest) buf = Buffer.from(knobs.change.content);
    else buf = await readFile(path.join(root, ...repoPath.split('/'))).catch(() => null);
    return buf;
  }

  /** Corruption in transit: the headers still describe the true content. */
  function corrupt(repoPath: string, buf: Buffer): Buffer {
    if (knobs.flip?.path !== repoPath || knobs.flip.offset >= buf.length) return buf;
    const out = Buffer.from(buf);
    out[knobs.flip.offset] = out[knobs.flip.offset]! ^ 0xff;
    return out;
  }

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });

  async function listing(repo: string, dir = '', out: TreeEntry[] = []): Promise<TreeEntry[]> {
    const entries = await readdir(path.join(root, ...repo.split('/'), ...dir.split('/').filter(Boolean)), { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out.push({ type: 'directory', path: p, size: 0, oid: gitOid(Buffer.from(p)) });
        await listing(repo, p, out);
      } else {
        const buf = (await content(`${repo}/${p}`))!;
        const lfs = knobs.isLfs(`${repo}/${p}`, buf.length);
        const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(buf)}\nsize ${buf.length}\n`;
        out.push(
          lfs
            ? {
                type: 'file',
                path: p,
                size: buf.length,
                oid: gitOid(Buffer.from(pointer)),
                lfs: { oid: sha256(buf), size: buf.length, pointerSize: pointer.length },
              }
            : { type: 'file', path: p, size: buf.length, oid: gitOid(buf) },
        );
      }
    }
    return out;
  }

  async function api(url: URL, res: http.ServerResponse): Promise<void> {
    const m = /^\/api\/models\/([^/]+\/[^/]+)\/(revision|tree)\/([^/]+)$/.exec(url.pathname);
    if (knobs.listing === 'error') return void res.writeHead(500).end('Internal Error');
    const repo = m ? decodeURIComponent(m[1]!) : '';
    const exists =
      m &&
      (await readdir(path.join(root, ...repo.split('/'))).then(
        () => true,
        () => false,
      ));
    if (!m || !exists || knobs.listing === 'missing')
      return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Repository not found"}');
    if (m[2] === 'revision')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: repo, sha: commit }));
    const all = await listing(repo);
    const entries = knobs.editListing ? knobs.editListing(repo, all) : all;
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const page = entries.slice(from, from + knobs.listingPageSize);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (from + knobs.listingPageSize < entries.length)
      headers.link = `<${url.pathname}?recursive=true&cursor=${from + knobs.listingPageSize}>; rel="next"`;
    res.writeHead(200, headers).end(JSON.stringify(page));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/')) return (apiRequests.push(`${url.pathname}${url.search}`), api(url, res));
    const cdn = url.pathname.startsWith('/cdn/');
    const m = cdn ? /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/.exec(url.pathname) : /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const record: HubRequest = {
      path: '',
      revision: '',
      range: req.headers.range ?? null,
      ifRange: (req.headers['if-range'] as string) ?? null,
      status: 404,
      bytes: 0,
      cdn,
    };
    requests.push(record);
    if (!m) return void res.writeHead(404).end();
    const repoPath = cdn
      ? `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`
      : `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[3]!)}`;
    Object.assign(record, { path: repoPath, revision: cdn ? '' : decodeURIComponent(m[2]!) });
    if (!cdn) resolveCount++;
    const buf = await content(repoPath);
    if (!buf) return void res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end('Entry not found');
    const lfs = knobs.isLfs(repoPath, buf.length);
    const sha = sha256(buf);
    const hubHeaders: Record<string, string> = { 'x-repo-commit': commit };
    if (lfs) Object.assign(hubHeaders, { 'x-linked-etag': `"${sha}"`, 'x-linked-size': String(buf.length) });
    if (!cdn && lfs && knobs.redirectLfs) {
      record.status = 302;
      const location = `/cdn/${m[1]}/${m[3]}?sig=${sha.slice(0, 8)}`;
      return void res.writeHead(302, { ...hubHeaders, etag: `"${sha}"`, location }).end();
    }
    // The CDN's own ETag differs from the hub's; both are strong and change with the content.
    const etag = cdn ? `"cdn-${sha.slice(0, 32)}"` : lfs ? `"${sha}"` : `"${gitOid(buf)}"`;
    const headers: Record<string, string> = {
      ...(cdn ? {} : hubHeaders),
      etag,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    };
    let start = 0;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (!record.ifRange || record.ifRange === etag)) {
      start = Number(range[1]);
      if (start >= buf.length) {
        record.status = 416;
        return void res.writeHead(416, { ...headers, 'content-range': `bytes */${buf.length}` }).end();
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${buf.length - 1}/${buf.length}`;
    }
    const body = corrupt(repoPath, buf).subarray(start);
    record.status = status;
    res.writeHead(status, { ...headers, 'content-length': String(body.length) });
    await send(res, body, record);
  }

  async function send(res: http.ServerResponse, body: Buffer, record: HubRequest): Promise<void> {
    const cut = knobs.cutAfter !== null && knobs.cutAfter < body.length ? knobs.cutAfter : null;
    if (cut !== null && knobs.cutMode === 'once') knobs.cutAfter = null;
    const limit = cut ?? body.length;
    for (let off = 0; off < limit;) {
      const piece = body.subarray(off, Math.min(limit, off + 16_384));
      off += piece.length;
      record.bytes += piece.length;
      if (!res.write(piece)) await drainOrClose(res);
      if (knobs.chunkDelayMs) await new Promise((r) => setTimeout(r, knobs.chunkDelayMs));
      if (res.destroyed) return;
    }
    if (cut !== null) {
      // Let the client read what was sent before the connection drops (a web stream that errors
      // discards chunks still queued), so tests can count exactly what arrived.
      await new Promise<void>((r) => res.write('', () => setTimeout(r, 50)));
      res.socket?.destroy();
    } else res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    commit,
    knobs,
    requests,
    apiRequests,
    bytesSent: () => requests.reduce((a, r) => a + r.bytes, 0),
    reset: () => {
      requests.length = 0;
      apiRequests.length = 0;
      resolveCount = 0;
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function drainOrClose(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** An HTTP proxy that counts what goes through it: CONNECT tunnels and absolute-form requests. */
export async function startCountingProxy(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    count++;
    const target = new URL(req.url ?? '');
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    count++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
