import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Name of the cookie that carries the token after the first load. */
export const TOKEN_COOKIE = 'remo_token';
/** Header a non-browser client (CLI, tests) may send instead of the cookie. */
export const TOKEN_HEADER = 'x-remo-token';

export type GuardVerdict =
  | { ok: true }
  | { ok: false; status: 401 | 403; code: 'unauthorized' | 'forbidden'; message: string };

/**
 * Decides whether a request may reach the host at all. Three independent checks, in this order:
 * 1. Host must be 127.0.0.1:<port> or localhost:<port>: defeats DNS rebinding (a foreign site
 *    whose name resolves to 127.0.0.1 still sends its own Host).
 * 2. Origin, when present, must be this host's own origin: a page on another origin cannot call
 *    the API or open the socket, even with the user's cookie.
 * 3. The random token, from the X-Remo-Token header, `Authorization: Bearer`, or the cookie:
 *    other local users and processes cannot use the API without reading the printed URL.
 */
export function createRequestGuard(port: number, token: string) {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = hosts.map((host) => `http://${host}`);
  const tokenBytes = Buffer.from(token, 'utf8');

  function tokenMatches(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate, 'utf8');
    // Constant-time compare so the token cannot be guessed byte by byte from response times.
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  }

  function presentedToken(req: IncomingMessage): string | undefined {
    const header = req.headers[TOKEN_HEADER];
    if (typeof header === 'string') return header;
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7);
    return readCookie(req.headers.cookie, TOKEN_COOKIE);
  }

  return {
    hosts,
    origins,
    tokenMatches,
    /** Host and Origin only (the token may come later, e.g. from the first-load query). */
    checkPlace(req: IncomingMessage): GuardVerdict {
      const host = req.headers.host;
      if (typeof host !== 'string' || !hosts.includes(host.toLowerCase())) {
        return { ok: false, status: 403, code: 'forbidden', message: `foreign Host header ${JSON.stringify(host ?? '')}` };
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.includes(String(origin).toLowerCase())) {
        return { ok: false, status: 403, code: 'forbidden', message: `foreign Origin ${JSON.stringify(origin)}` };
      }
      return { ok: true };
    },
    checkToken(req: IncomingMessage): GuardVerdict {
      return tokenMatches(presentedToken(req))
        ? { ok: true }
        : {
            ok: false,
            status: 401,
            code: 'unauthorized',
            message: 'missing or wrong token: open the URL that `remo web` printed (it carries the token)',
          };
    },
  };
}

export type RequestGuard = ReturnType<typeof createRequestGuard>;

/** Reads one cookie value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
