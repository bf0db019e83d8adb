// Runs in: Electron main.
// Pure (no electron import): unit-tested in plain Node; the preload bundles its constants too.
// [Note: app origin] The renderer is served from app://ui and session files from app://files.
// Trust is decided by parsing URLs and comparing scheme and host exactly: a prefix test such as
// startsWith('app://ui') would also accept app://ui.evil or app://ui@evil.
export const APP_SCHEME = 'app';
export const UI_HOST = 'ui';
export const FILES_HOST = 'files';
export const APP_UI_ORIGIN = `${APP_SCHEME}://${UI_HOST}`;
export const APP_UI_ENTRY = `${APP_UI_ORIGIN}/index.html`;

/** Parses without throwing; null for anything that is not an absolute URL. */
export function parseUrl(url: string | undefined | null): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for app://ui/… URLs. Node's URL gives origin "null" for non-special schemes, so the
 * check compares protocol and host; credentials or a port would mean someone crafted the URL.
 */
export function isAppUiUrl(url: string | undefined | null): boolean {
  const u = parseUrl(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === UI_HOST && u.username === '' && u.password === '' && u.port === '';
}

/** Hosts whose https pages (licences, model cards) the app may open in the user's browser. */
const DOC_HOSTS = new Set(['huggingface.co', 'github.com', 'www.apache.org', 'opensource.org']);

/** An https link to a documentation host, with no credentials or odd port: safe for shell.openExternal. */
export function isExternalDocLink(url: string | undefined | null): boolean {
  const u = parseUrl(url);
  return u !== null && u.protocol === 'https:' && DOC_HOSTS.has(u.hostname) && u.username === '' && u.password === '' && u.port === '';
}
