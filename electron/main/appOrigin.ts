/**
 * The renderer is served from a privileged custom scheme (app://remo/...) rather than file://:
 * file: pages can read any local file, and every file: URL is "the same origin". Pure module
 * (no electron import) so its checks are unit-tested in Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'remo';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for the app's own page. Used for every IPC message (the sender frame's URL) and for
 * navigation: an iframe or a navigated-away page gets no API access.
 */
export function isAppPageUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && (parsed.pathname === '/' || parsed.pathname === '/index.html');
}

/**
 * External links open in the user's browser only when they are plain http(s) URLs without
 * credentials; everything else (file:, javascript:, custom schemes, smuggled user:pass@) is refused.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
}

/** CSP of the Electron page: like the web host's, but no network at all (IPC needs none). */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
