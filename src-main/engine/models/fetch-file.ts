// Runs in: engine process (and the CLI). Fetches one file into its .partial, resuming with Range +
// If-Range, then verifies size and sha256 (reliability.md §2.4). The caller holds the file's lock.
import { createHash, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as errors from './download-errors';
import { fetchFollow, hubFileInfo, parseContentRange, type FetchImpl } from './hub-http';
import type { ProgressReporter } from './progress';
import { fileSize, gitBlobSha1, sha256File } from './store-fs';
import { readSidecar, writeSidecar, type Sidecar } from './sidecar';

export interface FileJob {
  /** Pack path, for messages and progress. */
  label: string;
  index: number;
  url: string;
  partial: string;
  /** Pinned by the catalog; then `exactBytes` is the catalog's size too. */
  sha256: string | null;
  exactBytes: number | null;
  /** The hub listing's git blob sha1 of a plain (non-LFS) file: checked when no sha256 is known. */
  gitOid: string | null;
  /** Who gave `sha256`: the catalog's pin, or the hub's listing. */
  hashFrom?: 'catalog' | 'hub' | null;
}

export interface FetchContext {
  fetchImpl: FetchImpl;
  signal: AbortSignal;
  progress: ProgressReporter;
  /** The pack's title, for the cancel message. */
  title: string;
}

export interface FetchedFile {
  bytes: number;
  sha256: string;
  commit: string | null;
  /** What vouched for the bytes: the job's sha256, the hub's headers, the listing's git oid; null: nothing. */
  vouchedBy: 'job' | 'headers' | 'git-oid' | null;
}

const BASE_HEADERS = { 'accept-encoding': 'identity', 'user-agent': 'anyfill' };

export async function fetchAndVerify(job: FileJob, ctx: FetchContext): Promise<FetchedFile> {
  let side = await readSidecar(job.partial);
  let have = (await fileSize(job.partial)) ?? 0;
  if (have > 0 && !side?.validator) have = 0; // no validator: a resume could splice two versions
  let hash: Hash | null = null;
  for (let restarts = 0; ; restarts++) {
    if (restarts > 3) throw errors.interrupted(job.label, new Error('the server kept changing the file'));
    ctx.progress.setCurrent(have);
    const headers: Record<string, string> = { ...BASE_HEADERS };
    if (have > 0 && side?.validator) Object.assign(headers, { range: `bytes=${have}-`, 'if-range': side.validator });
    let reply: Awaited<ReturnType<typeof fetchFollow>>;
    try {
      reply = await fetchFollow(ctx.fetchImpl, job.url, headers, ctx.signal);
    } catch (err) {
      throw errors.networkError(job.label, job.url, err, ctx.signal, ctx.title);
    }
    const { res, hops } = reply;
    const info = hubFileInfo(hops, res.status);
    const drop = () => res.body?.cancel().catch(() => undefined);
    if (res.status === 404) throw (await drop(), errors.notFoundOnServer(job.label, job.url));
    if (res.status === 416) {
      await drop();
      const total = parseContentRange(res.headers.get('content-range'))?.total ?? side?.size ?? null;
      if (have > 0 && total === have) break; // already complete: verify below
      have = 0;
      continue;
    }
    if (res.status !== 200 && res.status !== 206) throw (await drop(), errors.badStatus(job.label, res.status, job.url));
    if (job.sha256 && info.sha256 && info.sha256 !== job.sha256)
      throw (await drop(), errors.catalogMismatch(job.label, job.sha256, info.sha256, job.hashFrom === 'hub' ? 'hub' : 'catalog'));
    if (res.status === 206) {
      const range = parseContentRange(res.headers.get('content-range'));
      const changed = Boolean(side?.sha256 && info.sha256 && side.sha256 !== info.sha256);
      if (!range || range.start !== have || changed) {
        await drop();
        have = 0;
        continue;
      }
      side = { ...side, ...definedOnly(info) } as Sidecar;
    } else {
      have = 0;
      side = { ...info };
    }
    await writeSidecar(job.partial, side);
    const size = info.size ?? side.size ?? job.exactBytes;
    if (size !== null) ctx.progress.setFileSize(job.index, size);
    hash = have === 0 ? createHash('sha256') : null;
    ctx.progress.setCurrent(have);
    have = await writeBody(res, job, ctx, have > 0, hash);
    if (size !== null && have < size) throw errors.interrupted(job.label, new Error(`got ${have} of ${size} bytes`));
    break;
  }
  return verify(job, ctx, have, side, hash);
}

async function verify(job: FileJob, ctx: FetchContext, have: number, side: Sidecar | null, hash: Hash | null): Promise<FetchedFile> {
  ctx.progress.set('verifying', job.index, job.label);
  const expectedBytes = job.exactBytes ?? side?.size ?? null;
  const discard = () => Promise.all([fs.rm(job.partial, { force: true }), fs.rm(`${job.partial}.json`, { force: true })]);
  if (expectedBytes !== null && have !== expectedBytes) throw (await discard(), errors.sizeFailed(job.label, expectedBytes, have));
  let got: string;
  try {
    got = hash ? hash.digest('hex') : await sha256File(job.partial, ctx.signal);
  } catch (err) {
    throw ctx.signal.aborted ? errors.cancelled(ctx.title) : errors.diskError(job.label, err);
  }
  const expected = job.sha256 ?? side?.sha256 ?? null;
  if (expected && got !== expected) throw (await discard(), errors.checksumFailed(job.label, expected, got));
  if (expected) return { bytes: have, sha256: got, commit: side?.commit ?? null, vouchedBy: job.sha256 ? 'job' : 'headers' };
  if (!job.gitOid) return { bytes: have, sha256: got, commit: side?.commit ?? null, vouchedBy: null };
  const oid = await gitBlobSha1(job.partial, ctx.signal).catch((err: unknown) => {
    throw ctx.signal.aborted ? errors.cancelled(ctx.title) : errors.diskError(job.label, err);
  });
  if (oid !== job.gitOid) throw (await discard(), errors.checksumFailed(job.label, job.gitOid, oid));
  return { bytes: have, sha256: got, commit: side?.commit ?? null, vouchedBy: 'git-oid' };
}

/** Streams the body into the partial; returns its new size. Keeps what arrived when the stream breaks. */
async function writeBody(res: Response, job: FileJob, ctx: FetchContext, append: boolean, hash: Hash | null): Promise<number> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(job.partial, append ? 'a' : 'w');
  } catch (err) {
    throw errors.diskError(job.label, err);
  }
  let failure: unknown = null;
  try {
    if (!res.body) throw errors.interrupted(job.label, new Error('empty reply'));
    const reader = res.body.getReader();
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw errors.networkError(job.label, job.url, err, ctx.signal, ctx.title);
      }
      if (chunk.done) break;
      try {
        await handle.write(chunk.value);
      } catch (err) {
        await reader.cancel().catch(() => undefined);
        throw errors.diskError(job.label, err);
      }
      hash?.update(chunk.value);
      ctx.progress.addBytes(chunk.value.byteLength);
    }
  } catch (err) {
    failure = err;
  }
  try {
    await handle.sync();
    const { size } = await handle.stat();
    await handle.close();
    if (failure) throw failure;
    return size;
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw errors.diskError(job.label, err);
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}
