// Runs in: engine process (and the CLI). The download failures a user can meet, as one clear sentence
// each, and the mapping of fetch/stream errors onto them.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { ioError } from '../../common/io-errors';

/** Errors after which an automatic resume is worth trying (the connection dropped). */
const retryable = new WeakSet<AnyfillError>();

export function isRetryable(err: unknown): boolean {
  return err instanceof AnyfillError && retryable.has(err);
}

export function notFoundOnServer(file: string, url: string): AnyfillError {
  return new AnyfillError(
    'NOT_FOUND',
    `${file} was not found on the server (${url}). The catalog may be out of date, or the mirror lacks it.`,
  );
}

export function interrupted(file: string, cause?: unknown): AnyfillError {
  const err = new AnyfillError('IO', `Download of ${file} was interrupted; it resumes where it stopped when you retry.`, describe(cause));
  retryable.add(err);
  return err;
}

export function unreachable(file: string, url: string, cause: unknown): AnyfillError {
  const host = safeHost(url);
  const err = new AnyfillError(
    'IO',
    `Could not reach ${host} to download ${file}. Check the network connection (and HTTPS_PROXY if you use a proxy), then retry.`,
    describe(cause),
  );
  retryable.add(err);
  return err;
}

export function badStatus(file: string, status: number, url: string): AnyfillError {
  if (status === 401 || status === 403) {
    return new AnyfillError(
      'IO',
      `The server refused ${file} (HTTP ${status}, ${url}); the repository may be gated or private, or the mirror needs a login.`,
    );
  }
  const err = new AnyfillError('IO', `The server answered HTTP ${status} for ${file} (${url}); try again later.`);
  if (status >= 500 || status === 429) retryable.add(err);
  return err;
}

export function checksumFailed(file: string, expected: string, got: string): AnyfillError {
  return new AnyfillError('INTEGRITY', `${file} failed its checksum (expected ${expected}, got ${got}); it was deleted, try again.`);
}

export function sizeFailed(file: string, expected: number, got: number): AnyfillError {
  return new AnyfillError('INTEGRITY', `${file} has the wrong size (expected ${expected} bytes, got ${got}); it was deleted, try again.`);
}

export function catalogMismatch(file: string, expected: string, offered: string, expectedBy: 'catalog' | 'hub' = 'catalog'): AnyfillError {
  const by = expectedBy === 'catalog' ? 'the catalog expects' : "the hub's own listing gives";
  return new AnyfillError(
    'IO',
    `The server offers a different ${file} than ${by} (sha256 ${offered}, expected ${expected}); the catalog may be out of date, or the mirror serves another version.`,
  );
}

export function cancelled(title: string): AnyfillError {
  return new AnyfillError('CANCELLED', `Download of ${title} was cancelled; it resumes where it stopped next time.`);
}

export function notEnoughSpace(title: string, needed: number, free: number, dir: string): AnyfillError {
  return new AnyfillError(
    'IO',
    `Not enough disk space for ${title}: it needs ${formatBytes(needed)} and ${formatBytes(free)} is free in ${dir}. Free some space and try again.`,
  );
}

/** Network-side failure (fetch or reading the body) → interrupted / unreachable / cancelled. */
export function networkError(file: string, url: string, err: unknown, signal: AbortSignal, title: string): AnyfillError {
  if (signal.aborted) return cancelled(title);
  if (err instanceof AnyfillError) return err;
  const code = (err as { cause?: { code?: string } } | undefined)?.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH')
    return unreachable(file, url, err);
  return interrupted(file, err);
}

/** Disk-side failure while writing `file`. */
export function diskError(file: string, err: unknown): AnyfillError {
  return err instanceof AnyfillError ? err : ioError(err, `save ${file}`);
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function describe(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  const inner = (cause as { cause?: unknown }).cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  return inner instanceof Error ? `${text}: ${inner.message}` : text;
}
