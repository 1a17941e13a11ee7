import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Name of the cookie a browser holds after the first load: a session secret of its own, minted
 * when a one-time login link was used, never the printed token.
 */
export const SESSION_COOKIE = 'remo_session';
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
 * 3. Credentials: the printed token in the X-Remo-Token header or `Authorization: Bearer`, or a
 *    session secret in the cookie: other local users and processes cannot use the API without
 *    reading the printed URL.
 *
 * Login links (`/?token=<code>`) are one-time: the printed token is the first code, and
 * `issueLoginCode` mints more (tests, benchmarks). Redeeming a code the first time mints a session
 * secret for the cookie; a code already used is refused, so a leaked link (shell history, a
 * screenshot, a shared terminal) opens nothing after the user has opened it. Secrets and codes are
 * kept as SHA-256 digests and looked up by digest, so a lookup's time says nothing about them.
 */
export function createRequestGuard(port: number, token: string) {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = hosts.map((host) => `http://${host}`);
  const tokenBytes = Buffer.from(token, 'utf8');
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  /** Login codes by digest: false until used. */
  const loginCodes = new Map<string, boolean>([[digest(token), false]]);
  const sessions = new Set<string>();

  function tokenMatches(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate, 'utf8');
    // Constant-time compare so the token cannot be guessed byte by byte from response times.
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  }

  /** The printed token from a header (programmatic clients), else undefined. */
  function presentedToken(req: IncomingMessage): string | undefined {
    const header = req.headers[TOKEN_HEADER];
    if (typeof header === 'string') return header;
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7);
    return undefined;
  }

  function hasSession(req: IncomingMessage): boolean {
    const secret = readCookie(req.headers.cookie, SESSION_COOKIE);
    return secret !== undefined && sessions.has(digest(secret));
  }

  return {
    hosts,
    origins,
    tokenMatches,
    hasSession,
    /** A fresh one-time login code (for `/?token=`), good for one browser. */
    issueLoginCode(): string {
      const code = randomBytes(32).toString('hex');
      loginCodes.set(digest(code), false);
      return code;
    },
    /**
     * Redeems a login code: `{ok, secret}` the first time (a new session secret for the cookie),
     * `used` after that, `wrong` for anything else.
     */
    redeemLogin(code: string): { ok: true; secret: string } | { ok: false; reason: 'used' | 'wrong' } {
      const key = digest(code);
      const used = loginCodes.get(key);
      if (used === undefined) return { ok: false, reason: 'wrong' };
      if (used) return { ok: false, reason: 'used' };
      loginCodes.set(key, true);
      const secret = randomBytes(32).toString('hex');
      sessions.add(digest(secret));
      return { ok: true, secret };
    },
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
      return tokenMatches(presentedToken(req)) || hasSession(req)
        ? { ok: true }
        : {
            ok: false,
            status: 401,
            code: 'unauthorized',
            message: 'missing or wrong token: open the URL that `remo web` printed (it carries the token, and works once; restart `remo web` for a new one)',
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
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // malformed escapes: no credential, not a crash
      }
    }
  }
  return undefined;
}
