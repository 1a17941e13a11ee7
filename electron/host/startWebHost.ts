import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenOnLoopback } from '../core/net/listenOnLoopback';
import { FILE_CONTENT_METHODS, type ServerMessage } from '../../shared/api/contract';
import { fail, type ApiErrorCode } from '../../shared/api/result';
import { createRequestGuard, SESSION_COOKIE, type GuardVerdict, type RequestGuard } from './requestGuard';
import { securityHeaders } from './securityHeaders';
import { serveStatic } from './serveStatic';

/**
 * What the host needs from the core: calls with their body as JSON text, answered as JSON text
 * (the core worker parses and serialises, so this thread only moves bytes), and the pushed messages.
 */
export interface WebHostApi {
  invokeJson: (method: string, body: string) => Promise<{ ok: boolean; code?: ApiErrorCode; json: string }>;
  subscribe: (listener: (message: ServerMessage) => void) => () => void;
}

export interface WebHostOptions {
  api: WebHostApi;
  /** Folder of the built renderer (dist/renderer). Absent or missing: pages answer 503. */
  staticDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token (tests); default: 32 random bytes, hex. */
  token?: string;
}

export interface WebHost {
  /**
   * http://127.0.0.1:<port>/?token=<token>: a one-time login link. The first load exchanges it for
   * a session cookie; opening it again is refused (401). The token itself keeps working in the
   * X-Remo-Token header for programmatic clients.
   */
  url: string;
  origin: string;
  port: number;
  token: string;
  /**
   * A fresh one-time login link (`<origin>/?token=<new code>`), for tests and benchmarks that open
   * a new browser context per page: each link logs one browser in once. `remo web` never calls it
   * (it prints `url` only); the codes are not API credentials.
   */
  issueLoginUrl(): string;
  close(): Promise<void>;
}

/** Request bodies above this are refused, except for the methods that carry a file (below). */
const MAX_BODY_BYTES = 1_000_000;
/**
 * Bodies of FILE_CONTENT_METHODS (runs.import, datasets.preview, datasets.import): a whole file
 * travels in them. A logged model call takes about 1 KB of an export (the simulator's short
 * replies; real models' longer ones a few KB), so a full paper-size run exports to tens of MB,
 * and GSM8K's train file is 4 MB (5.6 MB as base64). 256 MiB leaves room for the largest of
 * those with JSON escaping (about +10% on an export) or base64 (+33%), while bounding what one
 * request can make the host hold: the body, its text and the parsed content, a few times the limit.
 * The host only answers token-holding clients on loopback, so the bound is against accidents, not attackers.
 */
export const MAX_FILE_BODY_BYTES = 256 * 1024 * 1024;
const FILE_METHODS: ReadonlySet<string> = new Set(FILE_CONTENT_METHODS);

const STATUS_OF: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  'unknown-method': 404,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
};

/**
 * The loopback web transport: POST /api/<method> with a JSON body answers with an envelope;
 * WebSocket /events pushes `{event, payload}` messages; everything else serves the built renderer.
 * Binds 127.0.0.1 only. Every request passes the Host/Origin/token guard (requestGuard.ts).
 *
 * Token flow for browsers: the printed URL carries `?token=`, good once; the host answers that
 * first load with a `remo_session` cookie holding a new random session secret (HttpOnly,
 * SameSite=Strict) and a redirect to the same path without the query, so the token leaves the
 * address bar and history. Later requests (assets, API, WebSocket) carry the cookie. Opening the
 * link again gets a 401 page that says so (unless that browser already holds a session: it is just
 * redirected). Non-browser clients send `X-Remo-Token: <token>` instead.
 *
 * Oversized bodies are refused without reading them: a Content-Length over the limit gets 413 at
 * once; a chunked body is read up to the limit only. Either way the answer says
 * `Connection: close` and the socket is closed right after it (see lingeringClose).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const sockets = new Set<WebSocket>();

  // Listen first: the guard needs the real port (0 picks one). Handlers are attached right after,
  // in the same tick, so no request can arrive before them.
  const server = createServer();
  const port = await listenOnLoopback(server, options.port ?? 0);
  const guard: RequestGuard = createRequestGuard(port, token);
  const headers = securityHeaders(guard.origins);
  const origin = `http://127.0.0.1:${port}`;

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      // Last line of defence: a bug answers 500 with an envelope instead of killing the host.
      if (!res.headersSent) sendJson(res, 500, fail('internal', error instanceof Error ? error.message : String(error)));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith('/api/');
    const place = guard.checkPlace(req);
    if (!place.ok) return refuse(res, place, isApi);

    // First load: exchange the one-time login code for a session cookie, then drop it from the URL.
    const queryToken = url.searchParams.get('token');
    if (!isApi && req.method === 'GET' && queryToken !== null) {
      url.searchParams.delete('token');
      const location = url.pathname + url.search;
      // A browser that already holds a session (a reload of the link, say) just goes on.
      if (guard.hasSession(req)) return redirect(res, location);
      const login = guard.redeemLogin(queryToken);
      if (!login.ok) {
        return sendText(
          res,
          401,
          login.reason === 'used'
            ? 'this link was already used: it logs one browser in, once, and that browser keeps the session. To open REMO Studio in another browser or profile, restart `remo web` for a new one.'
            : 'wrong token: open the URL that `remo web` printed (it carries the token)',
        );
      }
      return redirect(res, location, `${SESSION_COOKIE}=${login.secret}; HttpOnly; SameSite=Strict; Path=/`);
    }
    const auth = guard.checkToken(req);
    if (!auth.ok) return refuse(res, auth, isApi);

    if (isApi) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('bad-request', 'API methods take POST with a JSON body'));
      const type = String(req.headers['content-type'] ?? '');
      // JSON only: rules out "simple" cross-site form posts as a second line behind Origin.
      if (!type.toLowerCase().startsWith('application/json')) {
        return sendJson(res, 415, fail('bad-request', 'Content-Type must be application/json'));
      }
      const method = decodeURIComponentSafe(url.pathname.slice('/api/'.length));
      const limit = FILE_METHODS.has(method) ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES;
      const body = await readBody(req, limit);
      if (body === null) return refuseBody(req, res, limit);
      const answer = await options.api.invokeJson(method, body);
      return sendJsonText(res, answer.ok ? 200 : STATUS_OF[answer.code ?? 'internal'], answer.json);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed');
      return;
    }
    if (!options.staticDir) return sendText(res, 503, 'The renderer is not built: run `npm run build:renderer`.');
    if (!serveStatic(options.staticDir, url.pathname, res, headers)) {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        return sendText(res, 503, 'The renderer is not built: run `npm run build:renderer`.');
      }
      return sendText(res, 404, 'not found');
    }
  }

  function redirect(res: ServerResponse, location: string, cookie?: string): void {
    res.writeHead(302, { ...headers, ...(cookie ? { 'Set-Cookie': cookie } : {}), Location: location, 'Cache-Control': 'no-store' });
    res.end();
  }

  /** 413 with `Connection: close`; the rest of the body is never read to its end. */
  function refuseBody(req: IncomingMessage, res: ServerResponse, limit: number): void {
    lingeringClose(req.socket);
    res.writeHead(413, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
    res.end(JSON.stringify(fail('bad-request', `request body over ${limit} bytes`)));
  }

  function refuse(res: ServerResponse, verdict: Exclude<GuardVerdict, { ok: true }>, asJson: boolean): void {
    if (asJson) return sendJson(res, verdict.status, fail(verdict.code, verdict.message));
    sendText(res, verdict.status, verdict.message);
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    sendJsonText(res, status, JSON.stringify(body));
  }

  function sendJsonText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text);
  }

  function sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(text + '\n');
  }

  // --- push channel -------------------------------------------------------------------------
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict: GuardVerdict =
      url.pathname !== '/events'
        ? { ok: false, status: 403, code: 'forbidden', message: 'unknown socket path' }
        : // Browsers always send Origin on WebSocket handshakes; require it to be ours.
          req.headers.origin === undefined && req.headers['x-remo-token'] === undefined
          ? { ok: false, status: 403, code: 'forbidden', message: 'WebSocket without Origin' }
          : guard.checkPlace(req).ok
            ? guard.checkToken(req)
            : guard.checkPlace(req);
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      // The channel is push-only: a client message is a protocol error.
      ws.on('message', () => ws.close(1003, 'push-only channel'));
      ws.send(JSON.stringify({ event: 'host.ready' }));
    });
  });
  const unsubscribe = options.api.subscribe((message) => {
    if (sockets.size === 0) return;
    const text = JSON.stringify(message);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    issueLoginUrl: () => `${origin}/?token=${guard.issueLoginCode()}`,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads the body as UTF-8; null as soon as it is known to exceed `limit` bytes: at once from a
 * Content-Length over the limit (nothing is read), else when the bytes read pass it (a chunked
 * body): reading stops there, what still arrives is discarded, never kept.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      if (tooBig) return;
      size += chunk.length;
      if (size > limit) {
        tooBig = true;
        chunks.length = 0;
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooBig) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** How long a refused request's socket may still deliver bytes (discarded) before it is destroyed. */
const LINGER_MS = 1000;

/**
 * Closes a connection whose request body was refused unread, the way HTTP servers must: send the
 * answer and a FIN, discard what the client still sends for at most LINGER_MS, then destroy the
 * socket. Node's own close (destroySoon: FIN, then destroy at once) would reset a connection that
 * still has unread bytes, and a reset can make the client lose the 413 it was sent.
 */
function lingeringClose(socket: Socket): void {
  socket.destroySoon = function lingering(this: Socket) {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.end();
    socket.resume();
  };
}
